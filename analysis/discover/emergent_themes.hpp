// What the codebook misses: among the answers no theme matched, the terms
// that are distinctive against the whole survey (Xapian's expand set), their
// translations in the other languages made one (TermBridge), grouped by how
// often they occur in the same answers, each group with its count and quotes
// from each of its languages. Common words and answers that say nothing
// ("vet inte", "don't know") are never proposed.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "analysis/discover/term_bridge.hpp"
#include "analysis/quotes/quote.hpp"
#include "analysis/response.hpp"
#include "analysis/text/analyzer.hpp"

namespace lyssna::analysis {

struct CandidateTheme {
  std::vector<std::string> terms;  // folded forms, most distinctive first, every language
  // The same terms by the language whose stemmer reads them, as residents
  // wrote them (lower case): the shape of a codebook theme's "terms", so an
  // accepted candidate is a theme in all its languages at once.
  std::map<std::string, std::vector<std::string>> terms_by_language;
  int64_t count = 0;          // unmatched answers holding any of them
  std::vector<Quote> quotes;  // distinct texts, contact details masked, each language first
};

struct Discovery {
  std::vector<CandidateTheme> candidates;
  int64_t non_answers = 0;  // unmatched answers left out as saying nothing
};

// What discovery leaves out.
struct DiscoverVocabulary {
  std::set<std::string> stopwords;  // folded words, never proposed
  std::map<std::string, std::set<std::string>> stopwords_by_language;  // the same, by language
  std::vector<std::vector<std::string>>
      stop_phrases;  // folded words in order: answers that say nothing
};

// From the data files' shape: {"sv": ["och", ...], ...} for both, the
// phrases as text ("vet inte"); keys starting with '_' are comments.
// Throws BadSpecification for anything else.
DiscoverVocabulary parse_discover_vocabulary(const nlohmann::json& stopwords,
                                             const nlohmann::json& stop_phrases);

struct DiscoverOptions {
  size_t max_terms = 40;  // distinctive terms considered
  size_t max_candidates = 8;
  size_t quotes = 3;
  double cooccurrence = 0.25;  // Jaccard overlap that joins a term to a group
  int64_t min_count = 3;       // a group needs this many answers
  size_t sample = 10;          // answers read per term to see how it is used
  // A term is listed under each language that wrote at least this share of
  // its sampled uses (the commonest always).
  double language_share = 0.25;
  size_t max_quote_languages = 6;  // beyond `quotes`, one more quote per language up to this
  // The survey's places (area ids, one-word area names): where answers are
  // about, not what, so never proposed as a theme's term.
  std::vector<std::string> places;
};

// `unmatched` are the Xapian document ids of the survey's answers that carry
// no theme; `bridge` says which terms of different languages are the same
// (TermBridge). Throws AnalysisError when the index cannot be read.
Discovery discover_themes(const Xapian::Database& db, const std::set<Xapian::docid>& unmatched,
                          TextAnalyzer& analyzer, const DiscoverVocabulary& vocabulary,
                          TermBridge& bridge, const TextSource& texts,
                          const DiscoverOptions& options = {});

}  // namespace lyssna::analysis
