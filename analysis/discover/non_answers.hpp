// Answers that say nothing ("Vet inte.", "vet ej", "Ingen aning!", "Vet inte
// riktigt, det är bra som det är."): a stop phrase and at most one other
// word that discovery could propose. Discovery leaves them out whole, so
// neither the phrase nor the word beside it ("riktigt") becomes a theme.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "analysis/text/analyzer.hpp"

namespace lyssna::analysis {

// Words beside a stop phrase that still leave an answer saying nothing.
inline constexpr size_t max_words_beside_stop_phrase = 1;

// Of `docs`, those that say nothing. `stop_phrases` are folded words in
// order (DiscoverVocabulary); `proposable` tells whether an index stem is a
// word discovery could propose (not a stopword, not a number). Reads the
// documents' positional stems; throws Xapian::Error as the index does.
std::set<Xapian::docid> answers_saying_nothing(
    const Xapian::Database& db, const std::set<Xapian::docid>& docs,
    const std::vector<std::vector<std::string>>& stop_phrases, TextAnalyzer& analyzer,
    const std::function<bool(const std::string&)>& proposable);

}  // namespace lyssna::analysis
