// What the codebook misses: among the answers no theme matched, the terms
// that are distinctive against the whole survey (Xapian's expand set), grouped
// by how often they occur in the same answers, each group with its count and
// representative quotes.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "analysis/response.hpp"
#include "analysis/text/analyzer.hpp"

namespace lyssna::analysis {

struct CandidateTheme {
  std::vector<std::string> terms;   // readable forms, most distinctive first
  int64_t count = 0;                // unmatched answers holding any of them
  std::vector<std::string> quote_ids;
  std::vector<std::string> quotes;
};

struct DiscoverOptions {
  size_t max_terms = 40;       // distinctive terms considered
  size_t max_candidates = 8;
  size_t quotes = 3;
  double cooccurrence = 0.25;  // Jaccard overlap that joins a term to a group
  int64_t min_count = 3;       // a group needs this many answers
};

// `unmatched` are the Xapian document ids of the survey's answers that carry
// no theme. `stopwords` are folded words never proposed.
std::vector<CandidateTheme> discover_themes(const Xapian::Database& db, const std::set<Xapian::docid>& unmatched,
                                            TextAnalyzer& analyzer, const std::set<std::string>& stopwords,
                                            const TextSource& texts, const DiscoverOptions& options = {});

}  // namespace lyssna::analysis
