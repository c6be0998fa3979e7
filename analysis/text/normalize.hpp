// Folding a token for matching. Residents write "mork" for "mörk" and
// Arabic with or without vowel marks; the index and every query see the same
// folded form, so both spellings meet.
#pragma once

#include <string>
#include <string_view>

#include "analysis/text/language.hpp"

namespace lyssna::analysis {

// Lower-cases and folds one token (valid UTF-8):
// - Latin: diacritics removed (å ä → a, ö ø → o, é → e, ß → ss, ...);
// - Arabic script, profile ar: vowel marks and tatweel removed, أ إ آ ٱ → ا,
//   ى → ي, ؤ → و, ئ → ي, Persian ی ک → ي ك (teh marbuta is left to the stemmer);
// - Arabic script, profile fa: the same, but toward Persian letters (ي ى → ی, ك → ک, ة → ه);
// - Arabic-Indic and Persian digits → 0–9;
// - profile so: a run of one letter becomes one ("booliis" → "bolis").
std::string fold_token(std::string_view token, Profile profile);

// True for code points of the Arabic script blocks.
bool is_arabic_script(unsigned ch);
// True for letters only Persian uses (پ چ ژ گ ک ی): a Persian token in an answer of another
// language.
bool is_persian_letter(unsigned ch);

}  // namespace lyssna::analysis
