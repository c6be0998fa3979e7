// Splitting an answer into word tokens with positions and clauses. Clauses
// end at punctuation (Latin and Arabic) and line breaks; the analyzer also
// ends them at words such as "men" and "but". Over-long "words" are skipped.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/text/language.hpp"

namespace lyssna::analysis {

// A word whose folded form is longer than this (in bytes) is no word a
// resident wrote to be read: a run of letters, a pasted blob. It is skipped
// (its position stays taken, so no phrase spans it), which keeps every term
// the index derives from a word well under Xapian's limit of 245 bytes.
inline constexpr size_t max_word_bytes = 100;

struct Token {
  std::string raw;     // as written (UTF-8)
  std::string folded;  // fold_token(raw, profile)
  Profile profile = Profile::plain;
  uint32_t position = 0;  // word number in the document
  uint32_t clause = 0;
  size_t begin = 0, end = 0;  // byte offsets of the word in the text
};

// `doc` is the profile of the answer's language; `latin` the one used for
// Latin-script words when the answer is in Arabic or Persian (the survey's
// default language). Positions continue from `next_position`, clauses from
// `next_clause`; both are advanced. Words over max_word_bytes are left out.
std::vector<Token> tokenize(std::string_view text, Profile doc, Profile latin,
                            uint32_t& next_position, uint32_t& next_clause);

}  // namespace lyssna::analysis
