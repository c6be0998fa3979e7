// Candidate new themes among the answers no theme matched.
#include "analysis/discover/emergent_themes.hpp"
#include "indexing/bilingual_dictionaries.hpp"
#include "indexing/language_data.hpp"
#include "reports/reports.hpp"

namespace lyssna::reports {

DiscoverReport discover_report(const SurveyContext& ctx, const DiscoverOptions& options) {
  const auto& assignment = ctx.themes();
  std::set<Xapian::docid> unmatched;
  for (const auto& row : assignment.rows) {
    if (row.themes.empty()) unmatched.insert(row.docid);
  }
  analysis::DiscoverOptions o;
  o.max_candidates = options.candidates;
  for (const auto& area : ctx.questionnaire.areas) {
    o.places.push_back(area.id);
    for (const auto& [lang, name] : area.label) {
      if (!name.empty() && name.find_first_of(" -") == std::string::npos) o.places.push_back(name);
    }
  }
  // Document ids stay with their responses across revisions: a read
  // overtaken by the indexer starts again with the same unmatched set.
  const auto& vocabulary = indexing::discover_vocabulary();
  // The dictionaries are read once per process; the codebook's side of the
  // bridge is the survey's own codebook, read per report.
  const auto& dictionaries = indexing::english_pivots();
  analysis::TermBridge bridge(&dictionaries, ctx.codebook(), vocabulary.stopwords, *ctx.analyzer);
  auto found = ctx.index.read([&](const Xapian::Database& db) {
    return analysis::discover_themes(db, unmatched, *ctx.analyzer, vocabulary, bridge,
                                     ctx.text_source(), o);
  });
  return {ctx.survey(),
          static_cast<int64_t>(assignment.rows.size()),
          static_cast<int64_t>(unmatched.size()),
          found.non_answers,
          std::move(found.candidates),
          indexing::dictionary_warnings(dictionaries)};
}

}  // namespace lyssna::reports
