// Turns an answer into analysed tokens: folded words, stems, the stems of
// compound parts, and whether each word is mentioned as present, as lacking
// ("ingen belysning"), or inside a clause that says there is no problem
// ("trafiken är inget problem"). Not thread-safe (stemmers keep state): use
// one analyzer per thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "analysis/text/resources.hpp"
#include "analysis/text/tokenizer.hpp"

namespace lyssna::analysis {

enum class Mention {
  present,     // an ordinary mention
  lacking,     // after a negation cue: "ingen belysning", "no drug dealing"
  no_problem,  // in a clause that says it is no problem
};

struct AnalyzedToken {
  std::string word;  // folded form
  std::string stem;  // stem of the folded form (the form itself without a stemmer)
  // More stems at the same position: a compound's parts ("gatubelysningen":
  // gata, belysning) or the lemma of an inflection the stemmer misses
  // ("tunneln": tunnel). Swedish and Finnish only, and the Swedish stems of
  // a Swedish word inside a Somali or English answer, and an Arabic word's
  // stem without its conjunction ("والحشيش": حشيش).
  std::vector<std::string> extra_stems;
  uint32_t position = 0;
  Mention mention = Mention::present;
  bool cue = false;  // a negation word itself
  // A negation prefix of a verb ("نمیاد"): the verb ends its clause, and
  // what it denies stands before it, so it reaches back only.
  bool cue_back_only = false;
  Profile profile = Profile::plain;
};

class TextAnalyzer {
 public:
  explicit TextAnalyzer(std::shared_ptr<const LanguageResources> resources);

  // Analyses one text written in `lang`; positions continue from `next_position`.
  std::vector<AnalyzedToken> analyze(std::string_view text, std::string_view lang,
                                     uint32_t& next_position);
  // The stem of an already folded word under a profile's stemmer.
  const std::string& stem(const std::string& folded, Profile profile);
  // Compound parts of a folded word (empty when it is not a known compound).
  std::vector<std::string> split_compound(const std::string& folded, Profile profile);
  // Every stem a folded word stands for: its own, and for Swedish and
  // Finnish its compound parts' or its lemma's (see AnalyzedToken::extra_stems),
  // for Arabic the stem without a leading "و"/"ف" before the article.
  // `with_parts` false leaves out compound parts (a codebook term
  // "busshållplats" must not come to mean every "buss").
  std::vector<std::string> stems_of(const std::string& folded, Profile profile,
                                    bool with_parts = true);
  // Every stem a token is indexed under: stems_of() its folded form, and
  // for a Swedish word inside a Somali or English answer its Swedish stems.
  std::vector<std::string> token_stems(const Token& token);
  // Whether a folded word is a whole word as far as the language's lexicon
  // tells: a lemma, perhaps inflected, or a compound of them (sv, fi);
  // always true for a language without a lexicon.
  bool whole_word(const std::string& folded, Profile profile);
  const LanguageResources& resources() const { return *resources_; }

 private:
  bool known_lemma(const std::string& part, Profile p) const;
  // Swedish stems of a folded word Swedish knows (a lemma, inflected or in
  // a compound), else none: for Swedish words inside other languages. Short
  // words count only when `surely_swedish` (written with å, ä or ö).
  std::vector<std::string> known_swedish_stems(const std::string& folded, bool surely_swedish);
  // The lemma a compound's last part stands for (it may be inflected).
  std::optional<std::string> final_lemma(const std::string& part, Profile p);
  void mark_negation(std::vector<AnalyzedToken>& tokens, const std::vector<uint32_t>& clauses,
                     const std::vector<bool>& list_words);

  std::shared_ptr<const LanguageResources> resources_;
  std::unordered_map<int, Xapian::Stem> stemmers_;
  std::unordered_map<int, std::unordered_map<std::string, std::string>> stem_cache_;
  std::unordered_map<std::string, std::vector<std::string>> split_cache_;
  std::unordered_map<int, std::unordered_map<std::string, std::vector<std::string>>> stems_cache_;
};

}  // namespace lyssna::analysis
