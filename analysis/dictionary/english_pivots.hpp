// Words of the survey languages mapped to English through Debian's FreeDict
// dictionaries (swe-eng, eng-swe read backwards, ara-eng, fin-eng): for a
// word's stem, the English stems of its translations. Discovery uses English
// as the pivot that tells that "snö", "الثلج" and "lumi" are all "snow".
#pragma once

#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/text/language.hpp"

namespace lyssna::analysis {

// One dictionary file pair (`<name>.index`, `<name>.dict.dz` or `.dict`).
struct DictionarySource {
  std::string name;           // "freedict-swe-eng"
  std::string package;        // the Debian package that installs it
  std::string lang;           // the survey language it translates ("sv")
  bool from_english = false;  // eng-swe: English headwords, translations in `lang`
};

// The FreeDict dictionaries Debian packages for the survey languages (none
// exists for Persian or Somali).
const std::vector<DictionarySource>& freedict_sources();

// The English glosses of one FreeDict definition: the first line (headword,
// pronunciation, part of speech) is skipped; each sense ("1. ...", or the
// line after the headword when the senses are not numbered) gives its first
// line, cut at commas and semicolons, parentheses dropped. Later lines of a
// sense (fin-eng's Finnish explanations) are not glosses.
std::vector<std::string> freedict_glosses(std::string_view definition);

// Nothing is read when it is made: a language's dictionaries are read on
// the first find() for it, once, whichever thread asks (a survey in Swedish
// alone never pays for the Arabic dictionary). Thread-safe.
class EnglishPivots {
 public:
  // Looks for each source in `dir` (only whether its files are there).
  // English words in `english_stopwords` (folded) are no pivots.
  EnglishPivots(const std::filesystem::path& dir, std::vector<DictionarySource> sources,
                std::set<std::string> english_stopwords);
  EnglishPivots(const EnglishPivots&) = delete;
  EnglishPivots& operator=(const EnglishPivots&) = delete;

  // The English stems a stem of `profile` translates to (as the index stems:
  // folded, then Xapian's stemmer for the language); nullptr when unknown.
  // Reads the language's dictionaries the first time; a damaged one is left
  // out and listed in problems(), never thrown.
  const std::vector<std::string>* find(Profile profile, const std::string& stem) const;

  const std::vector<DictionarySource>& available() const { return available_; }
  const std::vector<DictionarySource>& missing() const { return missing_; }
  // What was wrong with the dictionaries read so far ("... line 12: ...").
  std::vector<std::string> problems() const;
  // Stems with translations, over every language (reading those not read yet).
  size_t size() const;

 private:
  using Translations = std::unordered_map<std::string, std::vector<std::string>>;
  struct Language {
    std::once_flag read;
    Translations stems;
  };
  void read_language(Profile profile, Translations& into) const;

  std::filesystem::path dir_;
  std::set<std::string> stopwords_;
  std::vector<DictionarySource> available_, missing_;
  mutable std::map<int, Language> languages_;  // one per profile of an available source
  mutable std::mutex problems_mutex_;
  mutable std::vector<std::string> problems_;
};

}  // namespace lyssna::analysis
