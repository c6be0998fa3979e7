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
namespace {

IndicatorReport make_indicator_report(const SurveyContext& ctx, const IndicatorOptions& options) {
  IndicatorReport r;
  r.survey = ctx.survey();
  r.small = options.small;
  r.table_by = options.table_by;
  // The document carries every breakdown; table_by picks the table's.
  const auto& known = indexing::indicator_spec().groupings;
  r.groupings = {"total"};
  r.groupings.insert(r.groupings.end(), known.begin(), known.end());
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
  const analysis::CalibratedDesign* design = raking ? raking->design.get() : nullptr;
  r.groups = analysis::compute_indicators(data, r.definitions, r.groupings, weights, options.small,
                                          design, analysis::area_rows(data, options.area));
  r.problem_index_version = config.version;
  r.problem_index = analysis::problem_index(data, r.definitions, config, weights);
  r.weighting = std::move(raking);
  return r;
}

}  // namespace

IndicatorReport indicator_report(const SurveyContext& ctx, const IndicatorOptions& options) {
  ctx.require_area(options.area);
  // Kept per prepared survey: the same options, the same report.
  const std::string key = "indicators\n" + options.table_by + "\n" +
                          std::to_string(options.small.suppress_below) + " " +
                          std::to_string(options.small.uncertain_below) + "\n" +
                          (options.problem_index_config ? options.problem_index_config->dump()
                                                        : std::string("default")) +
                          "\n" + margins_key(options.margins) + "\n" +
                          (options.area ? "area " + *options.area : std::string("all"));
  return memoized<IndicatorReport>(ctx, key, [&] { return make_indicator_report(ctx, options); });
}

}  // namespace lyssna::reports
