// Loading the bilingual dictionaries (see bilingual_dictionaries.hpp).
#include "indexing/bilingual_dictionaries.hpp"

#include <cstdlib>
#include <set>

#include "indexing/language_data.hpp"

namespace lyssna::indexing {

std::filesystem::path dictionary_dir() {
  const char* dir = std::getenv("LYSSNA_DICTIONARY_DIR");
  return dir && *dir ? std::filesystem::path(dir) : std::filesystem::path("/usr/share/dictd");
}

const analysis::EnglishPivots& english_pivots() {
  static const analysis::EnglishPivots pivots(dictionary_dir(), analysis::freedict_sources(), [] {
    const auto& stopwords = discover_vocabulary().stopwords_by_language;
    auto english = stopwords.find("en");
    return english == stopwords.end() ? std::set<std::string>{} : english->second;
  }());
  return pivots;
}

std::vector<std::string> dictionary_warnings(const analysis::EnglishPivots& pivots) {
  std::vector<std::string> out;
  const std::string dir = dictionary_dir().string();
  if (!pivots.missing().empty()) {
    std::set<std::string> covered;  // languages with a dictionary
    for (const auto& source : pivots.available()) covered.insert(source.lang);
    std::string packages, uncovered;
    for (const auto& source : pivots.missing()) {
      packages += (packages.empty() ? "" : ", ") + source.package;
      if (!covered.count(source.lang) && uncovered.find(source.lang) == std::string::npos)
        uncovered += (uncovered.empty() ? "" : ", ") + source.lang;
    }
    if (pivots.available().empty()) {
      out.push_back("no bilingual dictionary in " + dir + " (Debian packages " + packages +
                    "): candidates in different languages are merged only through the "
                    "codebook's parallel terms");
    } else {
      out.push_back("bilingual dictionaries missing in " + dir + " (Debian packages " + packages +
                    ")" +
                    (uncovered.empty() ? std::string()
                                       : ": answers in " + uncovered +
                                             " are merged with other languages only through "
                                             "the codebook's parallel terms"));
    }
  }
  for (const auto& problem : pivots.problems())
    out.push_back("a bilingual dictionary was left out: " + problem);
  return out;
}

}  // namespace lyssna::indexing
