// Full-text search over a survey's answers: Xapian's query parser (phrases,
// AND/OR/NOT, +/-, wildcards) run once per language's folding and stemming,
// so "mork" and "mörkt" find "Mörkt vid tunneln" whatever language the
// analyst types in; filters by area, language, channel, theme and date;
// snippets with the matches marked **like this**.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "analysis/response.hpp"
#include "analysis/text/analyzer.hpp"

namespace lyssna::analysis {

struct SearchFilters {
  std::vector<std::string> areas, languages, channels;
  std::optional<int64_t> from, to;     // submitted_at bounds, epoch seconds, inclusive
  std::optional<Xapian::Query> theme;  // a compiled theme query, when filtering by theme
  // With a blank query, snippets mark the terms of this query instead (a
  // theme's, for the responses of one theme); a query's own terms win.
  std::optional<Xapian::Query> marks;
};

struct SearchHit {
  std::string record_id;
  int percent = 0;
  std::string area, lang, channel;
  int64_t submitted_epoch = 0;
  std::vector<TextAnswer> snippets;  // per answered question, with **marks**
};

// Matches are counted exactly up to this many (every survey's size); past
// it the count is Xapian's estimate.
inline constexpr size_t count_exactly_up_to = 500000;

struct SearchResult {
  int64_t total = 0;         // answers that match
  bool total_exact = false;  // false: `total` is an estimate
  std::vector<SearchHit> hits;
};

// Throws BadSpecification for a query Xapian cannot parse.
Xapian::Query parse_search_query(const std::string& text, const Xapian::Database& db);

// `texts` supplies the answers for the snippets of the hits.
SearchResult search(const Xapian::Database& db, TextAnalyzer& analyzer, const std::string& survey,
                    const std::string& query_text, const SearchFilters& filters, size_t offset,
                    size_t limit, const TextSource& texts);

// A window of the text around the words that match `query` (by folded form
// or stem), matches wrapped in **…**, at most `max_words` words.
std::string make_snippet(const std::string& text, const std::string& lang,
                         const Xapian::Query& query, TextAnalyzer& analyzer, size_t max_words = 40);

}  // namespace lyssna::analysis
