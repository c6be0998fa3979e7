// The police-style problem index (domain.md, "The problem index"): each
// indicator's share in an area gets a level from 0 to 6 against bands around
// a reference share; the area's index is the mean level. The table is
// configuration a kommun can replace (analysis/data/problem_index.json).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/stats/indicators.hpp"

namespace lyssna::analysis {

struct ProblemIndexConfig {
  int version = 1;
  std::vector<std::string> indicators;  // indicator ids (problem items by default)
  std::map<std::string, double>
      reference;                       // fixed reference shares; missing: the survey's own total
  double band_n = 360;                 // the n at which band widths are taken
  int64_t min_area_respondents = 100;  // no index below this
  int64_t min_indicator_n = 30;        // an indicator needs this many answers in the area
};

// Throws BadSpecification (field "problem_index") naming the key that is
// missing, of the wrong type or out of its range.
ProblemIndexConfig parse_problem_index_config(const nlohmann::json& j);

// The width w of the normal band: the width of the 95% Clopper–Pearson
// interval at n = band_n around the reference share m.
double band_width(double reference, double band_n);
// Level 2 is m ± w; 3..6 successive bands of width w above; 1 and 0 below.
int problem_level(double share, double reference, double width);
std::string level_label(double index);  // "below normal", "normal", "raised", "high"

struct IndicatorLevel {
  std::string indicator;
  double share = 0, reference = 0, width = 0;
  int level = 0;
  int64_t n = 0;
};

struct AreaProblemIndex {
  std::string area;
  int64_t respondents = 0;
  std::optional<double> index;  // empty when the area has too few respondents
  std::string label;
  std::vector<IndicatorLevel> levels;
};

std::vector<AreaProblemIndex> problem_index(const Dataset& data,
                                            const std::vector<IndicatorDefinition>& defs,
                                            const ProblemIndexConfig& config,
                                            const std::vector<double>& weights);

}  // namespace lyssna::analysis
