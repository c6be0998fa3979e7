// Theme queries (see theme_query.hpp).
#include "analysis/codebook/theme_query.hpp"

#include <vector>

#include "analysis/index/prefixes.hpp"
#include "analysis/text/normalize.hpp"
#include "analysis/text/tokenizer.hpp"

namespace lyssna::analysis {
namespace {

constexpr Xapian::termcount max_wildcard_expansion = 2000;

// One word of a term in one term space (XP or XL).
Xapian::Query word_query(const std::string& word, bool wildcard, Profile profile, const std::string& space,
                         TextAnalyzer& analyzer) {
  if (wildcard) {
    return Xapian::Query(Xapian::Query::OP_WILDCARD, space + word, max_wildcard_expansion,
                         Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  }
  // Every stem the word stands for, so "tunneln" in a codebook still meets
  // "tunnel" in an answer (and the other way round, see the analyzer).
  std::vector<Xapian::Query> alternatives;
  for (const auto& s : analyzer.stems_of(word, profile, false)) alternatives.emplace_back(space + s);
  if (alternatives.size() == 1) return alternatives.front();
  return Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
}

}  // namespace

Xapian::Query compile_term(const std::string& term, const std::string& lang, TextAnalyzer& analyzer) {
  std::string text = term;
  const bool desirable = !text.empty() && text[0] == '+';
  if (desirable) text.erase(0, 1);
  const Profile profile = profile_for_language(lang);
  // The words of the term, folded as the tokenizer folds answers.
  struct Word {
    std::string folded;
    bool wildcard;
  };
  std::vector<Word> words;
  uint32_t position = 0, clause = 0;
  for (const auto& piece : [&] {
         std::vector<std::string> pieces;
         size_t start = 0;
         while (start <= text.size()) {
           size_t end = text.find(' ', start);
           if (end == std::string::npos) end = text.size();
           if (end > start) pieces.push_back(text.substr(start, end - start));
           start = end + 1;
         }
         return pieces;
       }()) {
    bool wildcard = piece.back() == '*';
    std::string body = wildcard ? piece.substr(0, piece.size() - 1) : piece;
    // A piece may itself hold several tokens ("a-traktor"): keep them in order.
    for (auto& t : tokenize(body, profile, profile, position, clause)) words.push_back({t.folded, false});
    if (wildcard && !words.empty()) words.back().wildcard = true;
  }
  if (words.empty()) return Xapian::Query();
  std::vector<std::string> spaces = {prefix::present};
  if (desirable) spaces.push_back(prefix::lacking);
  std::vector<Xapian::Query> alternatives;
  for (const auto& space : spaces) {
    if (words.size() == 1) {
      alternatives.push_back(word_query(words[0].folded, words[0].wildcard, profile, space, analyzer));
      continue;
    }
    std::vector<Xapian::Query> parts;
    for (const auto& w : words) parts.push_back(word_query(w.folded, w.wildcard, profile, space, analyzer));
    alternatives.push_back(Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(),
                                         static_cast<Xapian::termcount>(words.size() + 2)));
  }
  return Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
}

Xapian::Query compile_theme(const Theme& theme, TextAnalyzer& analyzer) {
  std::vector<Xapian::Query> terms;
  for (const auto& [lang, list] : theme.terms) {
    for (const auto& term : list) {
      Xapian::Query q = compile_term(term, lang, analyzer);
      if (!q.empty()) terms.push_back(std::move(q));
    }
  }
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace lyssna::analysis
