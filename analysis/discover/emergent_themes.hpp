// What the codebook misses: among the answers no theme matched, the terms
// that are distinctive against the whole survey (Xapian's expand set), grouped
// by how often they occur in the same answers, each group with its count and
// representative quotes. Common words and the words of answers that say
// nothing ("vet inte", "don't know") are never proposed.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "analysis/quotes/quote.hpp"
#include "analysis/response.hpp"
#include "analysis/text/analyzer.hpp"

namespace lyssna::analysis {

struct CandidateTheme {
  std::vector<std::string> terms;  // readable forms, most distinctive first
  int64_t count = 0;               // unmatched answers holding any of them
  std::vector<Quote> quotes;       // distinct texts, contact details masked
};

// What discovery leaves out.
struct DiscoverVocabulary {
  std::set<std::string> stopwords;  // folded words, never proposed
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
};

// `unmatched` are the Xapian document ids of the survey's answers that carry
// no theme. Throws AnalysisError when the index cannot be read.
std::vector<CandidateTheme> discover_themes(const Xapian::Database& db,
                                            const std::set<Xapian::docid>& unmatched,
                                            TextAnalyzer& analyzer,
                                            const DiscoverVocabulary& vocabulary,
                                            const TextSource& texts,
                                            const DiscoverOptions& options = {});

}  // namespace lyssna::analysis
