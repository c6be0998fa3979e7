// Quotes that show what a theme is about: the answers its terms match most
// strongly (BM25 on the theme's query), of a readable length, distinct, from
// different areas where possible, with contact details masked. Found in two
// steps: candidates from the index (the costly part, which a caller may run
// beside other work), then their texts, a few candidates at a time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "analysis/codebook/tagger.hpp"
#include "analysis/quotes/quote.hpp"
#include "analysis/response.hpp"

namespace lyssna::analysis {

struct QuoteCandidate {
  std::string record_id, area, lang;
};

// The survey's (or one area's) answers that `theme` of the tagger's codebook
// matches, strongest first, at most `limit`; answers an analyst took the
// theme off are left out. Throws AnalysisError when the index cannot be read.
std::vector<QuoteCandidate> theme_quote_candidates(const Xapian::Database& db, const Tagger& tagger,
                                                   size_t theme, const std::string& survey,
                                                   const std::optional<std::string>& area,
                                                   const ThemeAssignment& assignment,
                                                   size_t limit = 50);

// Up to `count` quotes from the candidates, in their order: the first text
// answer of 20 to 600 bytes not shown yet, preferring areas not quoted yet.
std::vector<Quote> pick_quotes(const std::vector<QuoteCandidate>& candidates, size_t count,
                               const TextSource& texts);

}  // namespace lyssna::analysis
