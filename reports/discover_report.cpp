// Candidate new themes among the answers no theme matched.
#include "analysis/discover/emergent_themes.hpp"
#include "indexing/language_data.hpp"
#include "reports/reports.hpp"

namespace lyssna::reports {

DiscoverReport discover_report(const SurveyContext& ctx, const DiscoverOptions& options) {
  const auto assignment = ctx.themes();
  std::set<Xapian::docid> unmatched;
  for (const auto& row : assignment.rows) {
    if (row.themes.empty()) unmatched.insert(row.docid);
  }
  analysis::DiscoverOptions o;
  o.max_candidates = options.candidates;
  // Document ids stay with their responses across revisions: a read
  // overtaken by the indexer starts again with the same unmatched set.
  auto candidates = ctx.index.read([&](const Xapian::Database& db) {
    return analysis::discover_themes(db, unmatched, *ctx.analyzer, indexing::discover_vocabulary(),
                                     ctx.text_source(), o);
  });
  return {ctx.survey(), static_cast<int64_t>(assignment.rows.size()),
          static_cast<int64_t>(unmatched.size()), std::move(candidates)};
}

}  // namespace lyssna::reports
