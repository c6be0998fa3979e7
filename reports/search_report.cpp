// Full-text search results with snippets.
#include "analysis/analysis_error.hpp"
#include "analysis/index/search.hpp"
#include "reports/reports.hpp"
#include "util/errors.hpp"

namespace lyssna::reports {

SearchReport search_report(const SurveyContext& ctx, const SearchOptions& options) {
  // An unknown area is a typo, not an area without answers.
  for (const auto& area : options.areas) ctx.require_area(area);
  analysis::SearchFilters filters;
  filters.areas = options.areas;
  filters.languages = options.languages;
  filters.channels = options.channels;
  filters.from = options.from;
  filters.to = options.to;
  if (options.theme) {
    const std::string theme = ctx.codebook().resolve(*options.theme);
    if (theme.empty()) throw Invalid("the codebook has no theme '" + *options.theme + "'", "theme");
    // The theme as `themes` assigns it: an analyst's codes win over the query.
    filters.theme = ctx.tagger->assigned_query(theme, ctx.survey(), ctx.manual);
    if (options.mark_theme) filters.marks = ctx.tagger->query(theme);
  }
  auto result = ctx.index.read([&](const Xapian::Database& db) {
    try {
      return analysis::search(db, *ctx.analyzer, ctx.survey(), options.query, filters,
                              options.offset, options.limit, ctx.text_source());
    } catch (const analysis::BadSpecification& e) {
      throw Invalid(e.what(), "q");  // the only specification search reads
    }
  });
  return {ctx.survey(), options.query,      options.offset,
          result.total, result.total_exact, std::move(result.hits)};
}

}  // namespace lyssna::reports
