// Perceived-safety indicators with intervals per group, and the problem
// index per area (domain.md).
#include <algorithm>

#include "analysis/analysis_error.hpp"
#include "analysis/stats/indicators.hpp"
#include "analysis/stats/problem_index.hpp"
#include "indexing/language_data.hpp"
#include "reports/reports.hpp"
#include "util/errors.hpp"

namespace lyssna::reports {

IndicatorReport indicator_report(const SurveyContext& ctx, const IndicatorOptions& options) {
  IndicatorReport r;
  r.survey = ctx.survey();
  r.small = options.small;
  r.table_by = options.table_by;
  r.groupings = options.groupings;
  if (r.groupings.empty()) {
    r.groupings = {"total"};
    for (const auto& g : indexing::indicator_spec().groupings) r.groupings.push_back(g);
  }
  const auto& known = indexing::indicator_spec().groupings;
  for (const auto& by : r.groupings) {
    if (by != "total" && std::find(known.begin(), known.end(), by) == known.end()) {
      throw Invalid("the indicators cannot be broken down by '" + by + "'", "groupings");
    }
  }
  if (r.table_by != "total" && std::find(known.begin(), known.end(), r.table_by) == known.end()) {
    std::string names;
    for (const auto& g : known) names += g + ", ";
    names.replace(names.size() - 2, 2, " or total");
    throw Invalid("the indicators can be shown by " + names, "by");
  }
  analysis::ProblemIndexConfig config;
  try {
    config = analysis::parse_problem_index_config(
        options.problem_index_config.value_or(indexing::default_problem_index_table()));
  } catch (const analysis::BadSpecification& e) {
    throw Invalid(e.what(), "problem_index");
  }
  auto [data, weights, raking] = weighted_dataset(ctx, options.margins);
  r.definitions = ctx.indicators();
  auto groupings = r.groupings;
  if (std::find(groupings.begin(), groupings.end(), r.table_by) == groupings.end())
    groupings.push_back(r.table_by);
  r.groups = analysis::compute_indicators(data, r.definitions, groupings, weights, options.small);
  r.problem_index_version = config.version;
  r.problem_index = analysis::problem_index(data, r.definitions, config, weights);
  r.weighting = std::move(raking);
  return r;
}

}  // namespace lyssna::reports
