// Text analysis (see analyzer.hpp and resources.hpp).
#include "analysis/text/analyzer.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <sstream>

#include "analysis/analysis_error.hpp"
#include "analysis/stable_hash.hpp"
#include "analysis/text/normalize.hpp"

namespace lyssna::analysis {
namespace {

// A language's negation reaches at most this many words either way.
constexpr uint32_t max_cue_reach = 10;
// A cue written as a prefix ("نمی*") needs this many bytes of word after it.
constexpr size_t min_after_cue_prefix = 2;
// Words shorter than this are never split; parts shorter than this are never used.
constexpr size_t min_compound = 7;
constexpr size_t min_part = 3;
// A word of another language is taken for Swedish from this length (and its
// compound parts from this one) unless it has å, ä or ö.
constexpr size_t min_loanword = 7;
constexpr size_t min_loanword_part = 4;
// Part of the fingerprint: a change to how answers are analysed or
// documents built (their terms) must rebuild old indexes as a change of
// lexicon does. 2: plain mentions of negated stems (XP), Persian verbs
// joined, Arabic words without conjunction, Swedish words in Somali.
// (Negation rules are part of the fingerprint already.)
constexpr const char* document_format = "2";

// å, ä or ö (either case) in UTF-8: C3 A5, C3 A4, C3 B6, C3 85, C3 84, C3 96.
bool has_swedish_letter(const std::string& raw) {
  for (size_t i = 0; i + 1 < raw.size(); ++i) {
    if (static_cast<unsigned char>(raw[i]) != 0xC3) continue;
    switch (static_cast<unsigned char>(raw[i + 1])) {
      case 0xA5:
      case 0xA4:
      case 0xB6:
      case 0x85:
      case 0x84:
      case 0x96:
        return true;
    }
  }
  return false;
}

// An Arabic word (folded) of a conjunction و or ف, an article or
// preposition with article (ال, بال, لل, كال) and at least three letters:
// the word without the conjunction ("والشرطة" -> "الشرطة").
std::optional<std::string> without_conjunction(const std::string& folded) {
  static const std::string waw = "\u0648", fa = "\u0641";
  static const std::vector<std::string> articles = {"\u0627\u0644", "\u0628\u0627\u0644",
                                                    "\u0644\u0644", "\u0643\u0627\u0644"};
  if (folded.compare(0, waw.size(), waw) != 0 && folded.compare(0, fa.size(), fa) != 0)
    return std::nullopt;
  std::string rest = folded.substr(waw.size());  // both letters take two bytes
  for (const auto& article : articles) {
    // Arabic letters take two bytes each: three letters after the article.
    if (rest.compare(0, article.size(), article) == 0 && rest.size() >= article.size() + 6)
      return rest;
  }
  return std::nullopt;
}

int key(Profile p) {
  return static_cast<int>(p);
}

std::vector<std::string> json_strings(const nlohmann::json& j, const char* field,
                                      const std::string& lang) {
  std::vector<std::string> out;
  if (!j.contains(field)) return out;
  if (!j[field].is_array())
    throw BadSpecification("negation rules: '" + lang + "." + field + "' must be a list");
  for (const auto& v : j[field]) {
    if (!v.is_string())
      throw BadSpecification("negation rules: '" + lang + "." + field + "' must hold texts");
    out.push_back(v.get<std::string>());
  }
  return out;
}

}  // namespace

std::shared_ptr<const LanguageResources> build_resources(
    const std::map<std::string, std::string>& lexicon_texts, const nlohmann::json& negation_rules) {
  auto r = std::make_shared<LanguageResources>();
  uint64_t fingerprint = stable_hash(document_format + negation_rules.dump());
  // Stems of lemmas need a stemmer; a temporary analyzer over partial
  // resources would be circular, so stem directly here.
  for (const auto& [lang, text] : lexicon_texts) {
    Profile p = profile_for_language(lang);
    fingerprint = stable_hash(lang + text, fingerprint);
    std::optional<Xapian::Stem> stemmer;
    if (!stemmer_name(p).empty()) stemmer.emplace(std::string(stemmer_name(p)));
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      auto hash = line.find('#');
      if (hash != std::string::npos) line.erase(hash);
      while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t'))
        line.pop_back();
      while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.erase(0, 1);
      if (line.size() < min_part) continue;
      std::string folded = fold_token(line, p);
      r->lemmas[p].insert(folded);
      r->lemma_stems[p].insert(stemmer ? (*stemmer)(folded) : folded);
    }
  }
  if (!negation_rules.is_object())
    throw BadSpecification("negation rules must be an object of languages");
  for (const auto& [lang, rules] : negation_rules.items()) {
    Profile p = profile_for_language(lang);
    if (p == Profile::plain)
      throw BadSpecification("negation rules: unknown language '" + lang + "'");
    NegationRules& n = r->negation[p];
    for (const auto& cue : json_strings(rules, "cues", lang)) {
      if (cue.size() > 1 && cue.back() == '*')
        n.cue_prefixes.push_back(fold_token(cue.substr(0, cue.size() - 1), p));
      else
        n.cues.insert(fold_token(cue, p));
    }
    auto reach = [&](const char* field, uint32_t& out) {
      if (!rules.contains(field)) return;
      if (!rules[field].is_number_unsigned() || rules[field].get<uint32_t>() > max_cue_reach)
        throw BadSpecification("negation rules: '" + lang + "." + field + "' must be 0 to " +
                               std::to_string(max_cue_reach));
      out = rules[field].get<uint32_t>();
    };
    reach("reach_forward", n.reach_forward);
    reach("reach_back", n.reach_back);
    for (const auto& word : json_strings(rules, "clause_breaks", lang))
      n.clause_breaks.insert(fold_token(word, p));
    for (const auto& word : json_strings(rules, "list_words", lang))
      n.list_words.insert(fold_token(word, p));
    for (const auto& word : json_strings(rules, "back_stops", lang))
      n.back_stops.insert(fold_token(word, p));
    std::optional<Xapian::Stem> stemmer;
    if (!stemmer_name(p).empty()) stemmer.emplace(std::string(stemmer_name(p)));
    auto stems_of_phrase = [&](const std::string& phrase) {
      uint32_t position = 0, clause = 0;
      std::vector<std::string> stems;
      for (const auto& t : tokenize(phrase, p, p, position, clause))
        stems.push_back(stemmer ? (*stemmer)(t.folded) : t.folded);
      return stems;
    };
    for (const auto& word : json_strings(rules, "problem_words", lang)) {
      for (auto& stem : stems_of_phrase(word)) n.problem_stems.insert(std::move(stem));
    }
    for (const auto& phrase : json_strings(rules, "no_problem", lang)) {
      if (auto stems = stems_of_phrase(phrase); !stems.empty())
        n.no_problem.push_back(std::move(stems));
    }
    for (const auto& phrase : json_strings(rules, "idioms", lang)) {
      Idiom idiom;
      const bool brackets = phrase.find('[') != std::string::npos;
      std::istringstream pieces(phrase);
      for (std::string piece; pieces >> piece;) {
        const bool discounted = !brackets || (piece.front() == '[' && piece.back() == ']');
        for (auto& stem : stems_of_phrase(piece)) {
          idiom.stems.push_back(std::move(stem));
          idiom.discounted.push_back(discounted);
        }
      }
      if (idiom.stems.empty()) continue;
      if (idiom.stems.size() == 1) {
        uint32_t position = 0, clause = 0;
        std::string bare = phrase;
        bare.erase(std::remove(bare.begin(), bare.end(), '['), bare.end());
        bare.erase(std::remove(bare.begin(), bare.end(), ']'), bare.end());
        auto tokens = tokenize(bare, p, p, position, clause);
        if (tokens.size() == 1) idiom.word = tokens.front().folded;
      }
      if (std::find(idiom.discounted.begin(), idiom.discounted.end(), true) ==
          idiom.discounted.end()) {
        throw BadSpecification("negation rules: idiom '" + phrase + "' (" + lang +
                               ") has brackets but no word in them");
      }
      n.idioms.push_back(std::move(idiom));
    }
  }
  std::ostringstream hex;
  hex << std::hex << fingerprint;
  r->fingerprint = hex.str();
  return r;
}

TextAnalyzer::TextAnalyzer(std::shared_ptr<const LanguageResources> resources)
    : resources_(std::move(resources)) {
  for (Profile p : {Profile::sv, Profile::en, Profile::fi, Profile::ar}) {
    stemmers_.emplace(key(p), Xapian::Stem(std::string(stemmer_name(p))));
  }
}

const std::string& TextAnalyzer::stem(const std::string& folded, Profile profile) {
  auto& cache = stem_cache_[key(profile)];
  auto it = cache.find(folded);
  if (it != cache.end()) return it->second;
  if (cache.size() > 200000) cache.clear();  // a bound for long-running servers
  auto stemmer = stemmers_.find(key(profile));
  std::string stemmed = stemmer == stemmers_.end() ? folded : stemmer->second(folded);
  return cache.emplace(folded, std::move(stemmed)).first->second;
}

bool TextAnalyzer::known_lemma(const std::string& part, Profile p) const {
  auto it = resources_->lemmas.find(p);
  return it != resources_->lemmas.end() && it->second.count(part) > 0;
}

// Inflection endings a compound's last part may carry, longest first.
static const std::vector<std::string>& endings(Profile p) {
  static const std::vector<std::string> sv = {
      "ernas", "arnas", "ornas", "erna", "arna", "orna", "ens", "ets", "ers", "ars",
      "ors",   "ena",   "are",   "ade",  "en",   "et",   "er",  "ar",  "or",  "na",
      "ns",    "es",    "at",    "n",    "t",    "s",    "a",   "e",   "r"};
  static const std::vector<std::string> fi = {
      "iden", "ihin", "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi",
      "ien",  "na",   "nä",  "ja",  "jä",  "en",  "in",  "n",   "t",   "a",   "ä",   "i"};
  static const std::vector<std::string> none;
  return p == Profile::sv ? sv : p == Profile::fi ? fi : none;
}

std::optional<std::string> TextAnalyzer::final_lemma(const std::string& part, Profile p) {
  if (part.size() < min_part) return std::nullopt;
  if (known_lemma(part, p)) return part;
  // A lemma with an inflection ending ("belysningen", "hållplatsen", "tunneln"):
  // the lemma, so its stem meets the codebook's.
  for (const auto& e : endings(p)) {
    if (part.size() > e.size() + 2 && part.compare(part.size() - e.size(), e.size(), e) == 0) {
      std::string lemma = part.substr(0, part.size() - e.size());
      if (known_lemma(lemma, p)) return lemma;
    }
  }
  auto it = resources_->lemma_stems.find(p);
  if (it != resources_->lemma_stems.end() && it->second.count(stem(part, p)) > 0) return part;
  return std::nullopt;
}

std::vector<std::string> TextAnalyzer::split_compound(const std::string& word, Profile p) {
  if (p != Profile::sv && p != Profile::fi) return {};
  if (word.size() < min_compound || resources_->lemmas.count(p) == 0) return {};
  // A simple word, perhaps inflected, is not a compound.
  if (final_lemma(word, p)) return {};
  const std::string cache_key = std::string(profile_code(p)) + ":" + word;
  if (auto it = split_cache_.find(cache_key); it != split_cache_.end()) return it->second;

  // The lemmas a non-final part may stand for, with a cost for each linking
  // form: Swedish trafik-s-, gat-u- for gata, skol- for skola, pojk- for
  // pojke; the Finnish genitive -n.
  auto linked_lemmas = [&](const std::string& left) {
    std::vector<std::pair<std::string, int>> out;
    if (known_lemma(left, p)) out.emplace_back(left, 0);
    const char last = left.back();
    const std::string shorter = left.substr(0, left.size() - 1);
    if (p == Profile::sv) {
      if (last == 's' && shorter.size() >= min_part && known_lemma(shorter, p))
        out.emplace_back(shorter, 1);
      if ((last == 'u' || last == 'o' || last == 'e') && known_lemma(shorter + "a", p))
        out.emplace_back(shorter + "a", 1);
      if (known_lemma(left + "a", p)) out.emplace_back(left + "a", 1);
      if (known_lemma(left + "e", p)) out.emplace_back(left + "e", 1);
    } else if (last == 'n' && shorter.size() >= min_part && known_lemma(shorter, p)) {
      out.emplace_back(shorter, 1);
    }
    return out;
  };
  // Best split: fewest parts, then fewest linking forms, then the longest last part.
  struct Split {
    std::vector<std::string> parts;
    int cost = 0;
    size_t last = 0;
    bool better_than(const Split& o) const {
      if (parts.size() != o.parts.size()) return parts.size() < o.parts.size();
      if (cost != o.cost) return cost < o.cost;
      return last > o.last;
    }
  };
  std::vector<std::optional<Split>> memo(word.size() + 1);
  std::vector<bool> done(word.size() + 1, false);
  std::function<const std::optional<Split>&(size_t)> search =
      [&](size_t i) -> const std::optional<Split>& {
    if (done[i]) return memo[i];
    done[i] = true;
    std::optional<Split> best;
    const std::string rest = word.substr(i);
    if (i > 0) {
      if (auto lemma = final_lemma(rest, p)) best = Split{{*lemma}, 0, rest.size()};
    }
    for (size_t j = i + min_part; j + min_part <= word.size(); ++j) {
      const auto& tail = search(j);
      if (!tail) continue;
      for (const auto& [lemma, cost] : linked_lemmas(word.substr(i, j - i))) {
        Split candidate{{lemma}, cost + tail->cost, tail->last};
        candidate.parts.insert(candidate.parts.end(), tail->parts.begin(), tail->parts.end());
        if (!best || candidate.better_than(*best)) best = std::move(candidate);
      }
    }
    memo[i] = std::move(best);
    return memo[i];
  };
  const auto& found = search(0);
  std::vector<std::string> parts = found ? found->parts : std::vector<std::string>{};
  if (split_cache_.size() > 100000) split_cache_.clear();
  split_cache_[cache_key] = parts;
  return parts;
}

std::vector<std::string> TextAnalyzer::stems_of(const std::string& folded, Profile profile,
                                                bool with_parts) {
  // Every token of every answer comes here: remember each word's stems.
  auto& cache = stems_cache_[key(profile) * 2 + (with_parts ? 1 : 0)];
  if (auto it = cache.find(folded); it != cache.end()) return it->second;
  if (cache.size() > 200000) cache.clear();
  std::vector<std::string> out = {stem(folded, profile)};
  auto add = [&](const std::string& s) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  };
  if (profile == Profile::ar) {
    // "و" or "ف" (and, so) before the article: the stemmer keeps them
    // ("والحشيش" stays whole), so also the stem of the word after them.
    if (auto rest = without_conjunction(folded)) add(stem(*rest, profile));
  }
  if (profile != Profile::sv && profile != Profile::fi) {
    cache.emplace(folded, out);
    return out;
  }
  auto parts = with_parts ? split_compound(folded, profile) : std::vector<std::string>{};
  if (!parts.empty()) {
    for (const auto& part : parts) add(stem(part, profile));
  } else if (auto lemma = final_lemma(folded, profile)) {
    add(stem(*lemma, profile));
  }
  cache.emplace(folded, out);
  return out;
}

bool TextAnalyzer::whole_word(const std::string& folded, Profile profile) {
  if (resources_->lemmas.count(profile) == 0) return true;
  // A lemma, or one with an inflection ending; not merely a word whose stem
  // is a lemma's ("tyhjen", cut from "tyhjennetty", stems as "tyhjä").
  if (known_lemma(folded, profile)) return true;
  for (const auto& e : endings(profile)) {
    if (folded.size() > e.size() + 2 &&
        folded.compare(folded.size() - e.size(), e.size(), e) == 0 &&
        known_lemma(folded.substr(0, folded.size() - e.size()), profile))
      return true;
  }
  return !split_compound(folded, profile).empty();
}

std::vector<std::string> TextAnalyzer::known_swedish_stems(const std::string& folded,
                                                           bool surely_swedish) {
  // Short words of another language too often look Swedish (Somali "kulan",
  // a meeting, is not "kula"), and so do their short splits.
  if (!surely_swedish && folded.size() < min_loanword) return {};
  if (!final_lemma(folded, Profile::sv)) {
    auto parts = split_compound(folded, Profile::sv);
    if (parts.empty()) return {};
    for (const auto& part : parts) {
      if (!surely_swedish && part.size() < min_loanword_part) return {};
    }
  }
  return stems_of(folded, Profile::sv);
}

std::vector<std::string> TextAnalyzer::token_stems(const Token& t) {
  auto stems = stems_of(t.folded, t.profile);
  // A Swedish word in a Somali answer, or one with å, ä or ö in an
  // English one ("fritidsgården", "busshållplatsen"): also its Swedish
  // stems, when Swedish knows it (a lemma, inflected or in a compound).
  const bool swedish_letter = has_swedish_letter(t.raw);
  if (t.profile == Profile::so || (t.profile == Profile::en && swedish_letter)) {
    // Somali folding drops doubled letters; Swedish keeps them ("tunnelbana").
    const std::string swedish =
        t.profile == Profile::so ? fold_token(t.raw, Profile::sv) : t.folded;
    for (auto& s : known_swedish_stems(swedish, swedish_letter)) {
      if (std::find(stems.begin(), stems.end(), s) == stems.end()) stems.push_back(std::move(s));
    }
  }
  return stems;
}

std::vector<AnalyzedToken> TextAnalyzer::analyze(std::string_view text, std::string_view lang,
                                                 uint32_t& next_position) {
  const Profile doc = profile_for_language(lang);
  uint32_t clause = 0;
  auto tokens = tokenize(text, doc, resources_->latin_fallback, next_position, clause);
  std::vector<AnalyzedToken> out;
  out.reserve(tokens.size());
  std::vector<uint32_t> clauses;
  clauses.reserve(tokens.size());
  std::vector<bool> list_words(tokens.size(), false);
  uint32_t extra_breaks = 0;
  for (auto& t : tokens) {
    AnalyzedToken a;
    a.profile = t.profile;
    a.position = t.position;
    a.stem = stem(t.folded, t.profile);
    auto rules = resources_->negation.find(t.profile);
    if (rules != resources_->negation.end()) {
      a.cue = rules->second.cues.count(t.folded) > 0;
      for (const auto& prefix : rules->second.cue_prefixes) {
        if (a.cue) break;
        a.cue = a.cue_back_only = t.folded.size() >= prefix.size() + min_after_cue_prefix &&
                                  t.folded.compare(0, prefix.size(), prefix) == 0;
      }
      list_words[out.size()] = rules->second.list_words.count(t.folded) > 0;
      if (rules->second.clause_breaks.count(t.folded)) ++extra_breaks;
    }
    auto stems = token_stems(t);
    a.extra_stems.assign(stems.begin() + 1, stems.end());
    a.word = std::move(t.folded);
    clauses.push_back(t.clause + extra_breaks * 1000000u);
    out.push_back(std::move(a));
  }
  mark_negation(out, clauses, list_words);
  return out;
}

void TextAnalyzer::mark_negation(std::vector<AnalyzedToken>& tokens,
                                 const std::vector<uint32_t>& clauses,
                                 const std::vector<bool>& list_words) {
  size_t start = 0;
  while (start < tokens.size()) {
    size_t end = start;
    while (end < tokens.size() && clauses[end] == clauses[start]) ++end;
    // "No problem" anywhere in the clause: nothing in it is a complaint.
    bool no_problem = false;
    for (size_t i = start; i < end && !no_problem; ++i) {
      auto rules = resources_->negation.find(tokens[i].profile);
      if (rules == resources_->negation.end()) continue;
      for (const auto& phrase : rules->second.no_problem) {
        if (i + phrase.size() > end) continue;
        bool match = true;
        for (size_t k = 0; k < phrase.size() && match; ++k) match = tokens[i + k].stem == phrase[k];
        if (match) {
          no_problem = true;
          break;
        }
      }
    }
    if (no_problem) {
      for (size_t i = start; i < end; ++i) tokens[i].mention = Mention::no_problem;
      start = end;
      continue;
    }
    // Set phrases: their words are no mentions (a word stands for its
    // stem or a compound part's, "från pendeltågsstationen").
    auto stands_for = [](const AnalyzedToken& t, const std::string& stem) {
      return t.stem == stem ||
             std::find(t.extra_stems.begin(), t.extra_stems.end(), stem) != t.extra_stems.end();
    };
    for (size_t i = start; i < end; ++i) {
      auto rules = resources_->negation.find(tokens[i].profile);
      if (rules == resources_->negation.end()) continue;
      for (const auto& idiom : rules->second.idioms) {
        if (!idiom.word.empty()) {
          if (tokens[i].word.compare(0, idiom.word.size(), idiom.word) == 0)
            tokens[i].mention = Mention::no_problem;
          continue;
        }
        if (!stands_for(tokens[i], idiom.stems.front())) continue;
        // Where each of the idiom's words is; a word between two of them
        // goes with the later one ("the [train] station").
        std::vector<size_t> at = {i};
        for (size_t k = 1; k < idiom.stems.size(); ++k) {
          const size_t previous = at.back();
          for (size_t n = previous + 1; n < end && n <= previous + 2; ++n) {
            if (stands_for(tokens[n], idiom.stems[k])) {
              at.push_back(n);
              break;
            }
          }
          if (at.size() == k) break;  // not found
        }
        if (at.size() != idiom.stems.size()) continue;
        for (size_t k = 0; k < at.size(); ++k) {
          if (!idiom.discounted[k]) continue;
          for (size_t n = k == 0 ? at[0] : at[k - 1] + 1; n <= at[k]; ++n)
            tokens[n].mention = Mention::no_problem;
        }
      }
    }
    // Each cue reaches a few words forward and back, and on over a list word
    // at its edge or within it ("inga gäng eller knark", "gäng eller knark
    // finns inte"): the reach starts again from the list word.
    auto lack = [&](size_t i) {
      if (!tokens[i].cue && tokens[i].mention != Mention::no_problem)
        tokens[i].mention = Mention::lacking;
    };
    static const NegationRules no_rules;
    for (size_t c = start; c < end; ++c) {
      if (!tokens[c].cue) continue;
      auto found = resources_->negation.find(tokens[c].profile);
      const NegationRules& rules = found == resources_->negation.end() ? no_rules : found->second;
      const uint32_t forward = tokens[c].cue_back_only ? 0 : rules.reach_forward;
      const uint32_t back = rules.reach_back;
      uint32_t limit = tokens[c].position + forward;
      for (size_t i = c + 1; i < end && (tokens[i].position <= limit || list_words[i]); ++i) {
        lack(i);
        if (list_words[i]) limit = tokens[i].position + forward;
      }
      const uint32_t p = tokens[c].position;
      uint32_t from = p > back ? p - back : 0;
      for (size_t i = c; i-- > start && (tokens[i].position >= from || list_words[i]);) {
        if (rules.back_stops.count(tokens[i].word)) break;
        lack(i);
        if (list_words[i]) {
          const uint32_t q = tokens[i].position;
          from = q > back ? q - back : 0;
        }
      }
    }
    // A problem word denied ("never had any trouble with crime or drugs"):
    // nothing in the clause is a complaint.
    for (size_t i = start; i < end; ++i) {
      if (tokens[i].mention != Mention::lacking) continue;
      auto rules = resources_->negation.find(tokens[i].profile);
      if (rules == resources_->negation.end()) continue;
      const auto& problems = rules->second.problem_stems;
      if (!problems.count(tokens[i].stem) &&
          std::none_of(tokens[i].extra_stems.begin(), tokens[i].extra_stems.end(),
                       [&](const std::string& s) { return problems.count(s) > 0; }))
        continue;
      for (size_t k = start; k < end; ++k) tokens[k].mention = Mention::no_problem;
      break;
    }
    start = end;
  }
}

}  // namespace lyssna::analysis
