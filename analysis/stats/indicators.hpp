// The indicators of the standard questionnaire (domain.md): shares with
// intervals for the whole survey and by area, age group and gender, with
// small cells suppressed.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/codebook/codebook.hpp"
#include "analysis/stats/dataset.hpp"
#include "analysis/stats/proportion.hpp"

namespace lyssna::analysis {

struct IndicatorDefinition {
  std::string id;                      // "unsafe_night", "problem_traffic", "theme_traffic", ...
  std::vector<std::string> questions;  // a respondent counts when any of these says yes
  std::vector<std::string> yes;        // answers that count
  std::vector<std::string> not_substantive;  // answers outside the base ("dont_know")
  bool higher_is_better = false;       // police trust: a rise is good news
};

// Unsafe at night (and never out beside it), avoidance, worry, each
// victimisation item, police trust, each problem item, and each codebook
// theme with problem items.
std::vector<IndicatorDefinition> standard_indicators(const Codebook& codebook);
// The questions the standard indicators read, with their options.
std::vector<CodedQuestion> standard_coded_questions(const std::vector<std::string>& areas);

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
// empty for unweighted shares.
std::vector<IndicatorGroup> compute_indicators(const Dataset& data, const std::vector<IndicatorDefinition>& defs,
                                               const std::vector<std::string>& groupings,
                                               const std::vector<double>& weights, const SmallNumbers& rules);

// One indicator for the rows selected by `include` (all when empty).
Share indicator_share(const Dataset& data, const IndicatorDefinition& def, const std::vector<double>& weights,
                      const SmallNumbers& rules, const std::vector<bool>& include = {});

}  // namespace lyssna::analysis
