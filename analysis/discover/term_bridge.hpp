// What a word of one survey language stands for in the others, for
// discovery to see one concern written in several languages: its English
// translations (FreeDict, EnglishPivots; English words stand for
// themselves) and the codebook themes whose labels or terms hold it (the
// codebook's parallel terms, the only bridge for Persian and Somali).
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "analysis/codebook/codebook.hpp"
#include "analysis/dictionary/english_pivots.hpp"
#include "analysis/text/analyzer.hpp"

namespace lyssna::analysis {

class TermBridge {
 public:
  // `dictionaries` may be null (none installed); it must outlive the
  // bridge. `stopwords` (folded) are left out of the codebook's words. Reads
  // the codebook's labels and terms once. Uses the analyzer (not thread-safe):
  // one bridge per thread, like the analyzer.
  TermBridge(const EnglishPivots* dictionaries, const Codebook& codebook,
             const std::set<std::string>& stopwords, TextAnalyzer& analyzer);

  // The pivots of an index stem that tokens of `profile` produced: English
  // stems ("snow"; an English stem is its own) and themes ("#traffic").
  // `forms` are words (folded) it was read from: their lemmas' stems are
  // looked up too ("snön" is "snö", which the stemmer leaves apart). Empty
  // when nothing is known of it.
  std::vector<std::string> pivots(Profile profile, const std::string& stem,
                                  const std::vector<std::string>& forms = {});

 private:
  void add_pivots(Profile profile, const std::string& stem, std::vector<std::string>& out) const;

  const EnglishPivots* dictionaries_;
  TextAnalyzer& analyzer_;
  using Key = std::pair<int, std::string>;  // profile, stem (or a wildcard's prefix)
  std::map<Key, std::vector<std::string>> theme_stems_, theme_prefixes_;  // -> "#theme" pivots
};

}  // namespace lyssna::analysis
