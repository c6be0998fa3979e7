// Perceived-safety indicators with intervals per group, and the problem
// index per area (domain.md).
#include <cmath>

#include "analysis/analysis_error.hpp"
#include "analysis/stats/indicators.hpp"
#include "analysis/stats/problem_index.hpp"
#include "assets/assets.hpp"
#include "util/errors.hpp"
#include "reports/reports.hpp"

namespace lyssna::reports {
namespace {

double round4(double v) { return std::round(v * 10000) / 10000; }

nlohmann::json default_problem_index_config() {
  return nlohmann::json::parse(assets::require("analysis/data/problem_index.json").bytes);
}

}  // namespace

Report indicator_report(const SurveyContext& ctx, const IndicatorOptions& options) {
  const auto [data, weights, raking] = weighted_dataset(ctx, options.margins);
  const auto defs = analysis::standard_indicators(ctx.codebook());
  auto groupings = options.groupings;
  if (std::find(groupings.begin(), groupings.end(), options.table_by) == groupings.end()) {
    groupings.push_back(options.table_by);
  }
  const auto groups = analysis::compute_indicators(data, defs, groupings, weights, options.small);

  analysis::ProblemIndexConfig config;
  try {
    config = analysis::parse_problem_index_config(options.problem_index_config.value_or(default_problem_index_config()));
  } catch (const analysis::BadSpecification& e) {
    throw BadInput(e.what(), "--problem-index");
  }
  const auto index = analysis::problem_index(data, defs, config, weights);

  Report r;
  nlohmann::json jgroups = nlohmann::json::array();
  for (const auto& g : groups) {
    if (std::find(options.groupings.begin(), options.groupings.end(), g.by) == options.groupings.end()) continue;
    nlohmann::json values = nlohmann::json::object();
    for (const auto& v : g.values) values[v.indicator] = share_json(v.share);
    jgroups.push_back({{"by", g.by},
                       {"value", g.by == "total" ? nlohmann::json() : nlohmann::json(g.value)},
                       {"respondents", g.respondents},
                       {"indicators", values}});
  }
  nlohmann::json jindex = nlohmann::json::array();
  for (const auto& a : index) {
    nlohmann::json levels = nlohmann::json::array();
    for (const auto& l : a.levels) {
      levels.push_back({{"indicator", l.indicator}, {"share", round4(l.share)}, {"reference", round4(l.reference)},
                        {"band_width", round4(l.width)}, {"level", l.level}, {"n", l.n}});
    }
    jindex.push_back({{"area", a.area},
                      {"respondents", a.respondents},
                      {"index", a.index ? nlohmann::json(std::round(*a.index * 100) / 100) : nlohmann::json()},
                      {"label", a.index ? nlohmann::json(a.label) : nlohmann::json()},
                      {"levels", levels}});
  }
  r.document = {{"survey", ctx.survey()},
                {"weighted", raking.has_value()},
                {"small_numbers", {{"suppress_below", options.small.suppress_below},
                                   {"uncertain_below", options.small.uncertain_below}}},
                {"groups", jgroups},
                {"problem_index", {{"config_version", config.version}, {"areas", jindex}}}};
  if (raking) r.document["weighting"] = weighting_json(*raking);

  // The table: indicators down, the chosen grouping across.
  std::vector<const analysis::IndicatorGroup*> columns;
  for (const auto& g : groups) {
    if (g.by == "total" || g.by == options.table_by) columns.push_back(&g);
  }
  r.table.header = {"indicator"};
  r.table.numeric = {false};
  for (const auto* g : columns) {
    r.table.header.push_back(g->by == "total" ? "total" : g->value);
    r.table.numeric.push_back(true);
  }
  for (size_t i = 0; i < defs.size(); ++i) {
    std::vector<std::string> row = {defs[i].id};
    for (const auto* g : columns) {
      const auto& s = g->values[i].share;
      row.push_back(s.suppressed ? "(n<" + std::to_string(options.small.suppress_below) + ")"
                                 : reports::percent(s.value) + (s.uncertain ? "*" : ""));
    }
    r.table.rows.push_back(row);
  }
  if (options.table_by == "area") {
    std::vector<std::string> row = {"problem index (0-6)"};
    for (const auto* g : columns) {
      std::string cell = "–";
      for (const auto& a : index) {
        if (g->by == "area" && a.area == g->value && a.index) cell = reports::fixed(*a.index, 2) + " " + a.label;
      }
      row.push_back(cell);
    }
    r.table.rows.push_back(row);
  }
  return r;
}

}  // namespace lyssna::reports
