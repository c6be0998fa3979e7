// Theme queries (see theme_query.hpp).
#include "analysis/codebook/theme_query.hpp"

#include <algorithm>
#include <iterator>
#include <set>
#include <vector>

#include "analysis/index/prefixes.hpp"
#include "analysis/text/normalize.hpp"
#include "analysis/text/tokenizer.hpp"

namespace lyssna::analysis {
namespace {

constexpr Xapian::termcount max_wildcard_expansion = 2000;

Xapian::Query wildcard(const std::string& pattern) {
  return Xapian::Query(Xapian::Query::OP_WILDCARD, pattern, max_wildcard_expansion,
                       Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
}

// One word of a term: the stems it stands for, or a prefix of stems.
struct WordTerms {
  std::vector<std::string> stems;  // without prefix
  std::string wildcard_prefix;     // set for `word*`

  // The word under a prefix: Z for where it occurs, XN/XL for its negated mentions.
  Xapian::Query under(const std::string& prefix) const {
    std::vector<Xapian::Query> alternatives;
    if (!wildcard_prefix.empty()) alternatives.push_back(wildcard(prefix + wildcard_prefix));
    for (const auto& s : stems) alternatives.emplace_back(prefix + s);
    if (alternatives.size() == 1) return alternatives.front();
    return Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
  }
};

WordTerms word_terms(const std::string& word, bool is_wildcard, Profile profile,
                     TextAnalyzer& analyzer) {
  // A wildcard runs over stems, and a stemmer may cut the word itself
  // shorter than its prefix ("sylki*": "sylki", "sylkee" both stem to
  // "sylk"; "mördad*": "mord"): so also the word's own stems.
  // Only for a whole word, though: a cut one's stem may be another word's
  // ("tyhjen*", emptied, would reach "tyhjä", empty). Where a lexicon
  // tells (Swedish, Finnish) the word must be in it.
  if (is_wildcard) {
    if (!analyzer.whole_word(word, profile)) return {{}, word};
    return {analyzer.stems_of(word, profile, false), word};
  }
  // Every stem the word stands for, so "tunneln" in a codebook still meets
  // "tunnel" in an answer (and the other way round, see the analyzer).
  return {analyzer.stems_of(word, profile, false), ""};
}

// A word's mentions that are only negated: in a no-problem clause, or
// lacking unless that counts, and never plainly (XP).
Xapian::Query only_negated(const WordTerms& word, bool lacking_counts) {
  std::vector<Xapian::Query> negated = {word.under(prefix::not_a_problem)};
  std::vector<Xapian::Query> kept = {word.under(prefix::affirmed)};
  (lacking_counts ? kept : negated).push_back(word.under(prefix::lacking));
  auto any = [](std::vector<Xapian::Query>& qs) {
    return qs.size() == 1 ? qs.front() : Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
  };
  return Xapian::Query(Xapian::Query::OP_AND_NOT, any(negated), any(kept));
}

// `a/b ~ c/d`: one of the words on each side, within near_window words of
// each other in either order ("ungdomarna vid kiosken skriker", "skriker
// gör ungdomarna"), neither side only negated.
Xapian::Query compile_near(const std::string& left, const std::string& right, bool desirable,
                           Profile profile, TextAnalyzer& analyzer) {
  auto side = [&](const std::string& text) {
    WordTerms word;
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find('/', start);
      if (end == std::string::npos) end = text.size();
      uint32_t position = 0, clause = 0;
      auto tokens = tokenize(text.substr(start, end - start), profile, profile, position, clause);
      if (!tokens.empty()) {
        for (auto& stem : analyzer.stems_of(tokens.front().folded, profile, false)) {
          if (std::find(word.stems.begin(), word.stems.end(), stem) == word.stems.end())
            word.stems.push_back(std::move(stem));
        }
      }
      start = end + 1;
    }
    return word;
  };
  const WordTerms a = side(left), b = side(right);
  if (a.stems.empty() || b.stems.empty()) return Xapian::Query();
  const Xapian::Query sides[] = {a.under(prefix::stem), b.under(prefix::stem)};
  const Xapian::Query found(Xapian::Query::OP_NEAR, std::begin(sides), std::end(sides),
                            near_window);
  return Xapian::Query(
      Xapian::Query::OP_AND_NOT, found,
      Xapian::Query(Xapian::Query::OP_OR, only_negated(a, desirable), only_negated(b, desirable)));
}

// Stems of one language are often words of another: the Arabic stemmer
// cuts "الادمان" (addiction) to "ادم", a whole Persian word ("آدم", a
// person), English "slag" is the stem of Swedish "slagen" (beaten),
// Swedish "crossar" stems as English "crossing" does. So a term matches
// answers written in its own language, or in one the theme has no terms
// for; Swedish terms match every answer, as Swedish words turn up in all
// of them (and each language's list carries the loanwords it meets).
Xapian::Query in_own_language(Xapian::Query q, const std::string& lang, const Theme& theme) {
  if (lang == "sv") return q;
  std::vector<Xapian::Query> others;
  for (const auto& [other, terms] : theme.terms) {
    if (other != lang && !terms.empty())
      others.emplace_back(Xapian::Query::OP_VALUE_RANGE, slot::language, other, other);
  }
  if (others.empty()) return q;
  return Xapian::Query(Xapian::Query::OP_AND_NOT, q,
                       Xapian::Query(Xapian::Query::OP_OR, others.begin(), others.end()));
}

}  // namespace

Xapian::Query compile_term(const std::string& term, const std::string& lang,
                           TextAnalyzer& analyzer) {
  std::string text = term;
  const bool desirable = !text.empty() && text[0] == '+';
  if (desirable) text.erase(0, 1);
  const Profile profile = profile_for_language(lang);
  if (auto tilde = text.find(" ~ "); tilde != std::string::npos)
    return compile_near(text.substr(0, tilde), text.substr(tilde + 3), desirable, profile,
                        analyzer);
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
    for (auto& t : tokenize(body, profile, profile, position, clause))
      words.push_back({t.folded, false});
    if (wildcard && !words.empty()) words.back().wildcard = true;
  }
  if (words.empty()) return Xapian::Query();
  // Where the words are, as a single word or a phrase over stems.
  std::vector<WordTerms> terms;
  std::vector<Xapian::Query> parts;
  for (const auto& w : words) {
    terms.push_back(word_terms(w.folded, w.wildcard, profile, analyzer));
    // Xapian's phrases take single terms: a phrase word is its main stem
    // (or the wildcard alone).
    if (words.size() > 1) terms.back().stems.resize(w.wildcard ? 0 : 1);
    parts.push_back(terms.back().under(prefix::stem));
  }
  Xapian::Query found = parts.size() == 1
                            ? parts.front()
                            : Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(),
                                            static_cast<Xapian::termcount>(words.size() + 2));
  // A term may hold a negation word itself ("+ingen kommer", "never came"):
  // the absence is what it looks for, so its mentions count when lacking
  // (as a desirable's do), and the negation is checked on its first other
  // word. (A negation word is always marked XN itself.)
  size_t checked = 0;
  bool names_absence = false;
  const auto& rules = analyzer.resources().negation;
  if (auto r = rules.find(profile); r != rules.end()) {
    for (size_t i = 0; i < words.size(); ++i) {
      if (!r->second.cues.count(words[i].folded)) continue;
      names_absence = true;
      if (checked == i) checked = i + 1;
    }
  }
  if (checked == words.size()) return found;  // nothing but negation words
  // Leave out answers where the word is only mentioned negated: in a
  // no-problem clause, or as lacking unless that is what counts. A plain
  // mention elsewhere in the answer (XP) keeps it in.
  return Xapian::Query(Xapian::Query::OP_AND_NOT, found,
                       only_negated(terms[checked], desirable || names_absence));
}

Xapian::Query compile_theme(const Theme& theme, TextAnalyzer& analyzer) {
  std::vector<Xapian::Query> terms;
  for (const auto& [lang, list] : theme.terms) {
    std::vector<Xapian::Query> own;
    // Inflections of one word ("polis", "polisen", "poliserna") compile
    // to one query: run it once.
    std::set<std::string> seen;
    for (const auto& term : list) {
      Xapian::Query q = compile_term(term, lang, analyzer);
      if (!q.empty() && seen.insert(q.get_description()).second) own.push_back(std::move(q));
    }
    if (own.empty()) continue;
    terms.push_back(
        in_own_language(Xapian::Query(Xapian::Query::OP_OR, own.begin(), own.end()), lang, theme));
  }
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace lyssna::analysis
