// How long discovery's first use of each bilingual dictionary takes (read,
// decompress, stem every headword and gloss), one language at a time, with
// the stems it yields. Prints figures; passes or fails nothing.
//   lyssna_bench_dictionary_load [DIR]     (default /usr/share/dictd)
#include <chrono>
#include <cstdio>
#include <set>

#include "analysis/dictionary/english_pivots.hpp"

using namespace lyssna::analysis;

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : "/usr/share/dictd";
  std::set<std::string> languages;
  for (const auto& s : freedict_sources()) languages.insert(s.lang);
  for (const auto& lang : languages) {
    std::vector<DictionarySource> sources;
    for (const auto& s : freedict_sources()) {
      if (s.lang == lang) sources.push_back(s);
    }
    const auto start = std::chrono::steady_clock::now();
    EnglishPivots pivots(dir, sources, {"the", "a", "an", "to", "of", "and", "or"});
    pivots.find(profile_for_language(lang), "");
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf(
        "  %-3s %-40s %8.1f ms  %7zu stems%s\n", lang.c_str(),
        (sources.front().name + (sources.size() > 1 ? " + " + sources[1].name : "")).c_str(), ms,
        pivots.size(), pivots.missing().empty() ? "" : "  (missing files)");
  }
}
