// Token folding (see normalize.hpp).
#include "analysis/text/normalize.hpp"

#include <xapian.h>

namespace lyssna::analysis {
namespace {

// Latin letters with diacritics, after lower-casing, to their base letters.
const char* latin_fold(unsigned ch) {
  switch (ch) {
    case 0xE0:
    case 0xE1:
    case 0xE2:
    case 0xE3:
    case 0xE4:
    case 0xE5:
    case 0x101:
    case 0x103:
    case 0x105:
      return "a";
    case 0xE6:
      return "ae";
    case 0xE7:
    case 0x107:
    case 0x10D:
      return "c";
    case 0x10F:
    case 0x111:
    case 0xF0:
      return "d";
    case 0xE8:
    case 0xE9:
    case 0xEA:
    case 0xEB:
    case 0x113:
    case 0x117:
    case 0x119:
    case 0x11B:
      return "e";
    case 0xEC:
    case 0xED:
    case 0xEE:
    case 0xEF:
    case 0x12B:
    case 0x12F:
    case 0x131:
      return "i";
    case 0xF1:
    case 0x144:
    case 0x148:
      return "n";
    case 0xF2:
    case 0xF3:
    case 0xF4:
    case 0xF5:
    case 0xF6:
    case 0xF8:
    case 0x14D:
    case 0x151:
      return "o";
    case 0x153:
      return "oe";
    case 0xF9:
    case 0xFA:
    case 0xFB:
    case 0xFC:
    case 0x16B:
    case 0x16F:
    case 0x171:
    case 0x173:
      return "u";
    case 0xFD:
    case 0xFF:
      return "y";
    case 0x17E:
    case 0x17A:
    case 0x17C:
      return "z";
    case 0x161:
    case 0x15B:
    case 0x15F:
      return "s";
    case 0xDF:
      return "ss";
    case 0xFE:
      return "th";
    case 0x142:
      return "l";
    case 0x159:
      return "r";
    case 0x165:
      return "t";
    case 0x2019:
    case 0x2018:
    case 0x2BC:
    case 0x60:
    case 0xB4:
      return "'";
    default:
      return nullptr;
  }
}

std::string fold_letters(std::string_view token, Profile profile);

// Somali is written with doubled vowels and consonants that informal
// writing often drops or doubles ("booliis", "boolis", "bolis";
// "dhallinyaro", "dhalinyaro"): one letter of each run.
std::string single_letters(std::string folded) {
  size_t out = 0;
  for (size_t i = 0; i < folded.size(); ++i) {
    const char c = folded[i];
    if (out > 0 && c >= 'a' && c <= 'z' && folded[out - 1] == c) continue;
    folded[out++] = c;
  }
  folded.resize(out);
  return folded;
}

unsigned arabic_fold(unsigned ch, Profile profile) {
  if (ch >= 0x660 && ch <= 0x669) return '0' + (ch - 0x660);
  if (ch >= 0x6F0 && ch <= 0x6F9) return '0' + (ch - 0x6F0);
  switch (ch) {
    case 0x623:
    case 0x625:
    case 0x622:
    case 0x671:
      return 0x627;  // alef forms
    case 0x624:
      return 0x648;  // waw with hamza
    case 0x6C0:
      return 0x647;  // heh with yeh
  }
  if (profile == Profile::fa) {
    if (ch == 0x629) return 0x647;  // teh marbuta is written heh in Persian
    switch (ch) {
      case 0x64A:
      case 0x649:
      case 0x626:
        return 0x6CC;  // yeh forms -> Persian yeh
      case 0x643:
        return 0x6A9;  // Arabic kaf -> keheh
    }
    return ch;
  }
  switch (ch) {
    case 0x649:
    case 0x626:
    case 0x6CC:
      return 0x64A;  // yeh forms -> Arabic yeh
    case 0x6A9:
      return 0x643;  // keheh -> kaf
  }
  return ch;
}

}  // namespace

bool is_arabic_script(unsigned ch) {
  return (ch >= 0x600 && ch <= 0x6FF) || (ch >= 0x750 && ch <= 0x77F) ||
         (ch >= 0xFB50 && ch <= 0xFDFF) || (ch >= 0xFE70 && ch <= 0xFEFF);
}

bool is_persian_letter(unsigned ch) {
  return ch == 0x67E || ch == 0x686 || ch == 0x698 || ch == 0x6AF || ch == 0x6A9 || ch == 0x6CC;
}

std::string fold_token(std::string_view token, Profile profile) {
  std::string out = fold_letters(token, profile);
  return profile == Profile::so ? single_letters(std::move(out)) : out;
}

namespace {

std::string fold_letters(std::string_view token, Profile profile) {
  std::string out;
  out.reserve(token.size());
  bool ascii = true;
  for (char c : token) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    for (char c : token) out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    return out;
  }
  for (Xapian::Utf8Iterator it(token.data(), token.size()); it != Xapian::Utf8Iterator(); ++it) {
    unsigned ch = Xapian::Unicode::tolower(*it);
    auto category = Xapian::Unicode::get_category(ch);
    // Vowel marks, shadda, combining accents, tatweel: not part of the word's identity.
    if (category == Xapian::Unicode::NON_SPACING_MARK ||
        category == Xapian::Unicode::ENCLOSING_MARK || ch == 0x640) {
      continue;
    }
    if (ch < 0x80) {
      out.push_back(static_cast<char>(ch));
      continue;
    }
    if (is_arabic_script(ch)) {
      Xapian::Unicode::append_utf8(
          out, arabic_fold(ch, profile == Profile::fa ? Profile::fa : Profile::ar));
      continue;
    }
    if (const char* folded = latin_fold(ch)) {
      out += folded;
      continue;
    }
    Xapian::Unicode::append_utf8(out, ch);
  }
  return out;
}

}  // namespace

}  // namespace lyssna::analysis
