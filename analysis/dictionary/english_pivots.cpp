// English pivots from FreeDict (see english_pivots.hpp).
#include "analysis/dictionary/english_pivots.hpp"

#include <algorithm>
#include <system_error>

#include <xapian.h>

#include "analysis/dictionary/dictd_reader.hpp"
#include "analysis/text/normalize.hpp"
#include "analysis/text/tokenizer.hpp"

namespace lyssna::analysis {
namespace {

// A word's translations beyond this many are a long list of senses, and
// more of them only make unrelated words meet.
constexpr size_t max_pivots_per_stem = 32;
// A gloss of more content words than this is an explanation, not a translation.
constexpr size_t max_gloss_words = 3;

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// "2. hurdle" -> "hurdle" (and true); anything else unchanged (false).
bool strip_sense_number(std::string_view& line) {
  size_t digits = 0;
  while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') ++digits;
  if (digits == 0 || digits >= line.size() || line[digits] != '.') return false;
  if (digits + 1 < line.size() && line[digits + 1] != ' ') return false;
  line = trimmed(line.substr(digits + 1));
  return true;
}

// fin-eng writes the next sense's number at the end of a gloss ("slippery 2.").
std::string_view strip_trailing_number(std::string_view gloss) {
  if (gloss.empty() || gloss.back() != '.') return gloss;
  size_t i = gloss.size() - 1;
  size_t digits = 0;
  while (i > 0 && gloss[i - 1] >= '0' && gloss[i - 1] <= '9') --i, ++digits;
  if (digits == 0 || i == 0 || gloss[i - 1] != ' ') return gloss;
  return trimmed(gloss.substr(0, i - 1));
}

void add_items(std::string_view gloss, std::vector<std::string>& out) {
  std::string plain;
  int depth = 0;
  for (char c : gloss) {
    if (c == '(' || c == '[') ++depth;
    if (depth == 0) plain.push_back(c == ';' ? ',' : c);
    if ((c == ')' || c == ']') && depth > 0) --depth;
  }
  size_t start = 0;
  while (start <= plain.size()) {
    size_t end = plain.find(',', start);
    if (end == std::string::npos) end = plain.size();
    const auto item = trimmed(std::string_view(plain).substr(start, end - start));
    if (!item.empty()) out.emplace_back(item);
    start = end + 1;
  }
}

// The folded words of a dictionary's text under one profile: runs of word
// characters, folded as the tokenizer folds answers. (The tokenizer itself
// does more than a dictionary needs, and reading one costs its every entry.)
std::vector<std::string> folded_words(std::string_view text, Profile profile) {
  std::vector<std::string> out;
  const char* begin = nullptr;
  auto flush = [&](const char* end) {
    if (begin && static_cast<size_t>(end - begin) <= max_word_bytes)
      out.push_back(fold_token(std::string_view(begin, static_cast<size_t>(end - begin)), profile));
    begin = nullptr;
  };
  for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
    const char* at = it.raw();
    if (Xapian::Unicode::is_wordchar(*it)) {
      if (!begin) begin = at;
    } else {
      flush(at);
    }
  }
  flush(text.data() + text.size());
  return out;
}

// Adds a translation, up to the bound.
void add_translation(std::unordered_map<std::string, std::vector<std::string>>& into,
                     const std::string& stem, const std::string& english_stem) {
  auto& list = into[stem];
  if (list.size() >= max_pivots_per_stem) return;
  if (std::find(list.begin(), list.end(), english_stem) == list.end()) list.push_back(english_stem);
}

struct Loader {
  std::unordered_map<std::string, std::vector<std::string>>& into;
  const std::set<std::string>& stopwords;
  Xapian::Stem english{"english"};
  std::unordered_map<std::string, std::string> english_cache;  // glosses repeat their words

  const std::string& english_stem(const std::string& folded) {
    auto it = english_cache.find(folded);
    if (it == english_cache.end()) it = english_cache.emplace(folded, english(folded)).first;
    return it->second;
  }

  // English stems of a gloss's content words; empty for a gloss that is no
  // translation (only stopwords, or a whole explanation).
  std::vector<std::string> english_stems(std::string_view gloss) {
    std::vector<std::string> out;
    for (const auto& w : folded_words(gloss, Profile::en)) {
      if (stopwords.count(w) || w.size() < 2) continue;
      out.push_back(english_stem(w));
    }
    if (out.size() > max_gloss_words) out.clear();
    return out;
  }

  // Headwords that differ in vowel marks or case fold alike: each folded
  // word is stemmed once.
  std::unordered_map<std::string, std::string> stem_cache;

  // The stem of a one-word text in the dictionary's language, else empty.
  std::string single_stem(std::string_view text, Profile profile, Xapian::Stem& stem) {
    const auto words = folded_words(text, profile);
    if (words.size() != 1) return {};
    auto it = stem_cache.find(words.front());
    if (it == stem_cache.end()) it = stem_cache.emplace(words.front(), stem(words.front())).first;
    return it->second;
  }

  void read(const DictdDictionary& d, const DictionarySource& source) {
    const Profile profile = profile_for_language(source.lang);
    stem_cache.clear();
    Xapian::Stem stem{std::string(stemmer_name(profile))};
    for (size_t i = 0; i < d.size(); ++i) {
      const std::string& headword = d.headword(i);
      if (headword.rfind("00database", 0) == 0 || headword.rfind("00-database", 0) == 0) continue;
      const auto glosses = freedict_glosses(d.definition(i));
      if (!source.from_english) {
        const std::string key = single_stem(headword, profile, stem);
        if (key.empty()) continue;
        for (const auto& gloss : glosses) {
          for (const auto& english_stem : english_stems(gloss))
            add_translation(into, key, english_stem);
        }
        continue;
      }
      const auto english_words = english_stems(headword);
      if (english_words.empty()) continue;
      for (const auto& gloss : glosses) {
        const std::string key = single_stem(gloss, profile, stem);
        if (key.empty()) continue;
        for (const auto& english_stem : english_words) add_translation(into, key, english_stem);
      }
    }
  }
};

std::filesystem::path first_existing(const std::filesystem::path& a,
                                     const std::filesystem::path& b) {
  std::error_code ec;
  return std::filesystem::exists(a, ec) ? a : b;
}

}  // namespace

const std::vector<DictionarySource>& freedict_sources() {
  static const std::vector<DictionarySource> sources = {
      {"freedict-swe-eng", "dict-freedict-swe-eng", "sv", false},
      {"freedict-eng-swe", "dict-freedict-eng-swe", "sv", true},
      {"freedict-ara-eng", "dict-freedict-ara-eng", "ar", false},
      {"freedict-fin-eng", "dict-freedict-fin-eng", "fi", false},
  };
  return sources;
}

std::vector<std::string> freedict_glosses(std::string_view definition) {
  std::vector<std::string> out;
  bool first = true, in_sense = false;
  size_t start = 0;
  while (start < definition.size()) {
    size_t end = definition.find('\n', start);
    if (end == std::string_view::npos) end = definition.size();
    std::string_view line = trimmed(definition.substr(start, end - start));
    start = end + 1;
    if (first) {  // headword /pronunciation/ <pos>
      first = false;
      continue;
    }
    if (line.empty()) continue;
    if (strip_sense_number(line)) {
      in_sense = true;
      if (!line.empty()) add_items(strip_trailing_number(line), out);
    } else if (!in_sense) {
      in_sense = true;
      add_items(strip_trailing_number(line), out);
    }
    // else: a later line of the sense, an explanation rather than a gloss
  }
  return out;
}

EnglishPivots::EnglishPivots(const std::filesystem::path& dir,
                             std::vector<DictionarySource> sources,
                             std::set<std::string> english_stopwords)
    : dir_(dir), stopwords_(std::move(english_stopwords)) {
  for (auto& source : sources) {
    std::error_code ec;
    const bool there = std::filesystem::exists(dir_ / (source.name + ".index"), ec) &&
                       (std::filesystem::exists(dir_ / (source.name + ".dict.dz"), ec) ||
                        std::filesystem::exists(dir_ / (source.name + ".dict"), ec));
    if (there) languages_[static_cast<int>(profile_for_language(source.lang))];
    (there ? available_ : missing_).push_back(std::move(source));
  }
}

void EnglishPivots::read_language(Profile profile, Translations& into) const {
  Loader loader{into, stopwords_};
  for (const auto& source : available_) {
    if (profile_for_language(source.lang) != profile) continue;
    const auto data =
        first_existing(dir_ / (source.name + ".dict.dz"), dir_ / (source.name + ".dict"));
    try {
      loader.read(DictdDictionary::open(dir_ / (source.name + ".index"), data), source);
    } catch (const DictionaryError& e) {
      std::lock_guard<std::mutex> lock(problems_mutex_);
      problems_.push_back(e.what());
    }
  }
}

const std::vector<std::string>* EnglishPivots::find(Profile profile,
                                                    const std::string& stem) const {
  auto language = languages_.find(static_cast<int>(profile));
  if (language == languages_.end()) return nullptr;
  Language& l = language->second;
  std::call_once(l.read, [&] { read_language(profile, l.stems); });
  auto it = l.stems.find(stem);
  return it == l.stems.end() ? nullptr : &it->second;
}

std::vector<std::string> EnglishPivots::problems() const {
  std::lock_guard<std::mutex> lock(problems_mutex_);
  return problems_;
}

size_t EnglishPivots::size() const {
  size_t n = 0;
  for (auto& [profile, language] : languages_) {
    std::call_once(language.read,
                   [&] { read_language(static_cast<Profile>(profile), language.stems); });
    n += language.stems.size();
  }
  return n;
}

}  // namespace lyssna::analysis
