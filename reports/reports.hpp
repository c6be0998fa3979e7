// The analyses people ask for, each as one JSON document (the
// machine-readable answer, documented in docs/analysis.md) plus a table for
// people. Used by the CLI and by the HTTP API alike.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/stats/proportion.hpp"
#include "analysis/stats/raking.hpp"
#include "reports/output.hpp"
#include "reports/survey_context.hpp"

namespace lyssna::reports {

struct Report {
  nlohmann::json document;
  reports::TextTable table;
  std::vector<nlohmann::json> lines;  // for JSON Lines, where a report has them
};

struct ThemeOptions {
  std::optional<std::string> area;
  bool per_response = false;
};
Report theme_report(const SurveyContext& ctx, const ThemeOptions& options);

struct PriorityOptions {
  std::optional<std::string> area;
  std::vector<analysis::Margin> margins;  // empty: unweighted
  size_t quotes = 2;
};
Report priority_report(const SurveyContext& ctx, const PriorityOptions& options);

struct IndicatorOptions {
  std::vector<std::string> groupings = {"total", "area", "age_group", "gender"};
  std::string table_by = "area";
  std::vector<analysis::Margin> margins;
  analysis::SmallNumbers small;
  std::optional<nlohmann::json> problem_index_config;  // default: built in
};
Report indicator_report(const SurveyContext& ctx, const IndicatorOptions& options);

struct SearchOptions {
  std::string query;
  std::vector<std::string> areas, languages, channels;
  std::optional<std::string> theme;
  std::optional<int64_t> from, to;
  size_t offset = 0, limit = 20;
};
Report search_report(const SurveyContext& ctx, const SearchOptions& options);

struct DiscoverOptions {
  size_t candidates = 8;
};
Report discover_report(const SurveyContext& ctx, const DiscoverOptions& options);

struct TrendOptions {
  std::vector<analysis::Margin> margins, earlier_margins;
  analysis::SmallNumbers small;
};
Report trend_report(const SurveyContext& later, const SurveyContext& earlier, const TrendOptions& options);

// The share as JSON: {"share", "ci", "n", "n_effective", "uncertain", "suppressed"}.
nlohmann::json share_json(const analysis::Share& s);
nlohmann::json weighting_json(const analysis::RakingResult& r);

}  // namespace lyssna::reports
