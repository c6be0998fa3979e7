// The indicators of the standard questionnaire (domain.md): shares with
// intervals for the whole survey and by area, age group and gender, with
// small cells suppressed.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/codebook/codebook.hpp"
#include "analysis/stats/dataset.hpp"
#include "analysis/stats/linearization.hpp"
#include "analysis/stats/proportion.hpp"

namespace lyssna::analysis {

struct IndicatorDefinition {
  std::string id;                      // "unsafe_night", "problem_traffic", "theme_traffic", ...
  std::vector<std::string> questions;  // a respondent counts when any of these says yes
  std::vector<std::string> yes;        // answers that count
  std::vector<std::string> not_substantive;  // answers outside the base ("dont_know")
  bool higher_is_better = false;             // police trust: a rise is good news
};

// How indicators are defined (analysis/data/indicators.json): rules over the
// survey's questions, so that no question id is written twice.
struct IndicatorRule {
  std::string id;  // one indicator over `question`,
  std::string question;
  std::string each_question;  // or one per question whose id starts so,
  std::string each_theme;     // or one per codebook theme with problem items (id: this + theme id)
  std::vector<std::string> yes, not_substantive;
  bool higher_is_better = false;
};

struct IndicatorSpec {
  int version = 1;
  std::vector<IndicatorRule> rules;    // in the order reports list the indicators
  std::vector<std::string> groupings;  // the questions indicators are broken down by
};

// Throws BadSpecification naming what is wrong.
IndicatorSpec parse_indicator_spec(const nlohmann::json& j);

// The indicators of a survey: the rules applied to its coded questions (in
// questionnaire order) and to the codebook's themes. A rule over a question
// the survey does not have gives no indicator.
std::vector<IndicatorDefinition> indicator_definitions(const IndicatorSpec& spec,
                                                       const std::vector<CodedQuestion>& questions,
                                                       const Codebook& codebook);
// The indicator of one theme (its problem items), when the theme has items.
std::optional<IndicatorDefinition> theme_indicator(const IndicatorSpec& spec, const Theme& theme);

struct IndicatorValue {
  std::string indicator;
  Share share;
};

struct IndicatorGroup {
  std::string by;     // "total", "area", "age_group" or "gender"
  std::string value;  // the area id etc.; empty for the total
  int64_t respondents = 0;
  std::vector<IndicatorValue> values;
};

// One pass per grouping. `weights` (aligned with the dataset's rows) or
// empty for unweighted shares; `design`, the raking the weights came from
// (its weights are then used), gives every share its linearization variance
// and logit interval; without it weighted intervals use Kish's effective n.
// `include` (aligned with the rows; all when empty) makes every group a
// domain of the selected rows (age groups within one area): the rows left
// out count in no group, with the weights of the whole survey, as survey's
// svyby() over a subset estimates a domain.
std::vector<IndicatorGroup> compute_indicators(const Dataset& data,
                                               const std::vector<IndicatorDefinition>& defs,
                                               const std::vector<std::string>& groupings,
                                               const std::vector<double>& weights,
                                               const SmallNumbers& rules,
                                               const CalibratedDesign* design = nullptr,
                                               const std::vector<bool>& include = {});

// One indicator for the rows selected by `include` (all when empty).
Share indicator_share(const Dataset& data, const IndicatorDefinition& def,
                      const std::vector<double>& weights, const SmallNumbers& rules,
                      const std::vector<bool>& include = {},
                      const CalibratedDesign* design = nullptr);

}  // namespace lyssna::analysis
