// The quotes of a candidate theme: the answers holding most of its terms,
// the best of each of its languages first, then the best of the rest; each
// the text answer of its response that holds them, no text twice.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "analysis/quotes/quote.hpp"
#include "analysis/response.hpp"
#include "analysis/text/analyzer.hpp"

namespace lyssna::analysis {

struct QuoteCounts {
  size_t quotes = 3;         // at least this many, where there are as many texts
  size_t max_languages = 6;  // one per language up to this many, beyond `quotes`
};

// One of the candidate's answers.
struct QuoteSource {
  Xapian::docid doc = 0;
  size_t contained = 0;  // how many of the candidate's terms it holds
  std::string lang;      // the answer's language
};

// `answers` the candidate's, `stems` its terms. Texts already read are in
// `read` (by document), and what is read here is added to it.
std::vector<Quote> candidate_quotes(const Xapian::Database& db, std::vector<QuoteSource> answers,
                                    const std::vector<std::string>& stems, TextAnalyzer& analyzer,
                                    const TextSource& texts,
                                    std::map<Xapian::docid, std::vector<TextAnswer>>& read,
                                    const QuoteCounts& counts);

}  // namespace lyssna::analysis
