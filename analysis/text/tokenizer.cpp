// Tokenizing (see tokenizer.hpp).
#include "analysis/text/tokenizer.hpp"

#include <xapian.h>

#include "analysis/text/normalize.hpp"

namespace lyssna::analysis {
namespace {

bool is_clause_break(unsigned ch) {
  switch (ch) {
    case '.':
    case ',':
    case ';':
    case ':':
    case '!':
    case '?':
    case '\n':
    case '(':
    case ')':
    case 0x60C:  // Arabic comma
    case 0x61B:  // Arabic semicolon
    case 0x61F:  // Arabic question mark
    case 0x6D4:  // Arabic full stop
    case 0x2013:
    case 0x2014:  // dashes
    case 0x2022:  // bullet
      return true;
    default:
      return false;
  }
}

bool is_apostrophe(unsigned ch) {
  return ch == '\'' || ch == 0x2019 || ch == 0x2BC;
}

// Which rules a word follows: Arabic-script words are Arabic or Persian,
// other words follow the answer's language unless that is Arabic or Persian.
Profile profile_of(const std::string& raw, Profile doc, Profile latin) {
  bool arabic = false, persian = false;
  bool ascii = true;
  for (char c : raw) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (!ascii) {
    for (Xapian::Utf8Iterator it(raw); it != Xapian::Utf8Iterator(); ++it) {
      if (is_arabic_script(*it)) arabic = true;
      if (is_persian_letter(*it)) persian = true;
    }
  }
  if (arabic) {
    if (doc == Profile::ar || doc == Profile::fa) return doc;
    return persian ? Profile::fa : Profile::ar;
  }
  if (doc == Profile::ar || doc == Profile::fa) return latin;
  return doc;
}

// The Persian verb prefixes می and نمی (folded): written joined, after a
// zero-width non-joiner or after a space ("می‌کنن", "میکنن", "می کنن").
bool is_persian_verb_prefix(const std::string& folded) {
  return folded == "\u0645\u06CC" || folded == "\u0646\u0645\u06CC";
}

bool ascii_wordchar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

std::vector<Token> tokenize(std::string_view text, Profile doc, Profile latin,
                            uint32_t& next_position, uint32_t& next_clause) {
  std::vector<Token> tokens;
  std::string word;
  size_t word_begin = 0, word_end = 0;
  auto flush = [&] {
    // An apostrophe only joins letters: drop one at either end.
    while (!word.empty() && (word.back() == '\'')) word.pop_back();
    size_t start = 0;
    while (start < word.size() && word[start] == '\'') ++start;
    if (start < word.size()) {
      Token t;
      t.raw = word.substr(start);
      t.profile = profile_of(t.raw, doc, latin);
      t.folded = fold_token(t.raw, t.profile);
      t.position = next_position++;
      t.clause = next_clause;
      t.begin = word_begin;  // a word never starts with an apostrophe
      t.end = word_end;
      // The three spellings of a Persian verb become the joined one, so
      // that one codebook term finds them all.
      Token* prefix = tokens.empty() ? nullptr : &tokens.back();
      if (prefix && t.profile == Profile::fa && prefix->profile == Profile::fa &&
          prefix->clause == t.clause && prefix->position + 1 == t.position &&
          is_persian_verb_prefix(prefix->folded) &&
          prefix->folded.size() + t.folded.size() <= max_word_bytes) {
        prefix->raw = std::string(text.substr(prefix->begin, word_end - prefix->begin));
        prefix->folded += t.folded;
        prefix->end = word_end;
        --next_position;
      } else if (!t.folded.empty() && t.folded.size() <= max_word_bytes) {
        tokens.push_back(std::move(t));
      }
    }
    word.clear();
  };
  size_t i = 0;
  while (i < text.size()) {
    // ASCII, most of every Latin-script answer, without decoding.
    const auto byte = static_cast<unsigned char>(text[i]);
    unsigned ch = byte;
    size_t length = 1;
    if (byte >= 0x80) {
      Xapian::Utf8Iterator it(text.data() + i, text.size() - i);
      ch = *it;
      ++it;
      length = static_cast<size_t>(it.raw() - (text.data() + i));
      if (length == 0) length = 1;
    }
    const bool wordchar =
        byte < 0x80 ? ascii_wordchar(byte) : Xapian::Unicode::is_wordchar(ch) && ch != 0x200C;
    if (wordchar) {
      if (word.empty()) word_begin = i;
      word.append(text.data() + i, length);
      word_end = i + length;  // trailing apostrophes are not part of the word
    } else if (is_apostrophe(ch) && !word.empty()) {
      word.push_back('\'');
    } else {
      flush();
      if (is_clause_break(ch) && (tokens.empty() || tokens.back().clause == next_clause))
        ++next_clause;
    }
    i += length;
  }
  flush();
  ++next_clause;
  return tokens;
}

}  // namespace lyssna::analysis
