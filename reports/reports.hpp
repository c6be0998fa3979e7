// The analyses people ask for, over one survey, each returning its typed
// result (results.hpp). Used by the CLI and by the HTTP API alike. Errors in
// the options are Invalid naming a neutral field ("area", "margins",
// "earlier_margins", "theme", "by", "q", "problem_index"), which the CLI
// maps to its options.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/stats/priorities.hpp"
#include "analysis/stats/proportion.hpp"
#include "analysis/stats/raking.hpp"
#include "reports/option_ranges.hpp"
#include "reports/results.hpp"
#include "reports/survey_context.hpp"

namespace lyssna::reports {

// Throws Invalid (field "area") for an area the survey does not have.
ThemeSummary theme_summary(const SurveyContext& ctx, const std::optional<std::string>& area);
ThemesPerResponse themes_per_response(const SurveyContext& ctx,
                                      const std::optional<std::string>& area);

struct PriorityOptions {
  std::optional<std::string> area;
  std::vector<analysis::Margin> margins;  // empty: unweighted
  size_t quotes = 2;
  analysis::PriorityBlend blend;  // Invalid (field "blend") for a blend_problem
  // The dot votes of the survey's dialogue sessions in scope (app/vote_signal.hpp):
  // dots per candidate (theme ids; the room's own candidates count in all_dots only).
  std::map<std::string, int64_t> dots;
  int64_t all_dots = 0, ballots = 0, votes = 0;
};
PriorityReport priority_report(const SurveyContext& ctx, const PriorityOptions& options);

struct IndicatorOptions {
  // The document holds "total" and every breakdown of the definitions; this
  // one ("total", "area", "age_group", "gender") is the table's. Invalid (field "by") else.
  std::string table_by = default_indicator_table_by;
  std::vector<analysis::Margin> margins;
  analysis::SmallNumbers small = small_numbers(indicator_min_n.fallback);
  std::optional<nlohmann::json> problem_index_config;  // default: built in
  // A domain: every group (total, age groups, ...) of this area's respondents
  // alone, with the whole survey's weights; Invalid (field "area") for an
  // area the survey lacks. The problem index stays the whole survey's.
  std::optional<std::string> area;
};
IndicatorReport indicator_report(const SurveyContext& ctx, const IndicatorOptions& options);

struct SearchOptions {
  std::string query;
  std::vector<std::string> areas, languages, channels;
  std::optional<std::string> theme;
  // With a blank query, the snippets mark what the theme's terms match (the
  // responses of one theme); otherwise they mark the query's words.
  bool mark_theme = false;
  std::optional<int64_t> from, to;
  size_t offset = search_offset.fallback, limit = search_limit.fallback;
};
// Invalid (field "area") for an unknown area of the list, ("theme") for a
// theme the codebook lacks, ("q") for a query Xapian cannot read.
SearchReport search_report(const SurveyContext& ctx, const SearchOptions& options);

struct DiscoverOptions {
  size_t candidates = discover_candidates.fallback;
};
DiscoverReport discover_report(const SurveyContext& ctx, const DiscoverOptions& options);

struct TrendOptions {
  std::vector<analysis::Margin> margins, earlier_margins;
  analysis::SmallNumbers small;
  // A domain: the area's respondents alone on both sides, with each
  // survey's whole weights (as IndicatorOptions::area).
  std::optional<std::string> area;
};
TrendReport trend_report(const SurveyContext& later, const SurveyContext& earlier,
                         const TrendOptions& options);

}  // namespace lyssna::reports
