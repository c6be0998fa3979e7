// Emergent themes (see emergent_themes.hpp).
#include "analysis/discover/emergent_themes.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include "analysis/analysis_error.hpp"
#include "analysis/discover/candidate_quotes.hpp"
#include "analysis/discover/non_answers.hpp"
#include "analysis/discover/term_groups.hpp"
#include "analysis/index/prefixes.hpp"
#include "analysis/index/xapian_errors.hpp"
#include "analysis/text/normalize.hpp"
#include "analysis/text/tokenizer.hpp"

namespace lyssna::analysis {
namespace {

// A stem of a real word, not of a stopword or a number: what may be proposed.
bool proposable_stem(const std::string& stem, const std::set<std::string>& excluded) {
  if (stem.size() < 3 || (stem[0] >= 'A' && stem[0] <= 'Z')) return false;
  if (excluded.count(stem)) return false;
  if (stem.find_first_not_of("0123456789") == std::string::npos) return false;
  size_t letters = 0;
  for (Xapian::Utf8Iterator it(stem); it != Xapian::Utf8Iterator(); ++it) ++letters;
  return letters >= 3;
}

// A word that only one answer holds is no theme's word.
constexpr size_t min_term_answers = 2;

class StemDecider : public Xapian::ExpandDecider {
 public:
  explicit StemDecider(const std::set<std::string>& excluded) : excluded_(excluded) {}
  bool operator()(const std::string& term) const override {
    return term.size() > 1 && term[0] == prefix::stem[0] &&
           proposable_stem(term.substr(1), excluded_);
  }

 private:
  const std::set<std::string>& excluded_;
};

// Which tokens of a text stand inside a stop phrase.
std::vector<bool> inside_stop_phrases(const std::vector<Token>& tokens,
                                      const std::vector<std::vector<std::string>>& phrases) {
  std::vector<bool> inside(tokens.size(), false);
  for (size_t i = 0; i < tokens.size(); ++i) {
    for (const auto& phrase : phrases) {
      if (i + phrase.size() > tokens.size()) continue;
      size_t k = 0;
      while (k < phrase.size() && tokens[i + k].folded == phrase[k]) ++k;
      if (k < phrase.size()) continue;
      for (k = 0; k < phrase.size(); ++k) inside[i + k] = true;
    }
  }
  return inside;
}

// How the sampled answers use a term: its written forms (folded, and as
// written in lower case by the profile that read them), the profiles that
// read it, and how often it stands inside a stop phrase ("vet" in "vet
// inte") or outside one.
struct TermUse {
  std::map<std::string, int> forms;
  std::map<Profile, std::map<std::string, int>> written;
  std::map<Profile, int> profiles;
  int inside = 0, outside = 0;
};

template <class Key>
const Key* most_common(const std::map<Key, int>& counts) {
  auto best = std::max_element(counts.begin(), counts.end(),
                               [](const auto& a, const auto& b) { return a.second < b.second; });
  return best == counts.end() ? nullptr : &best->first;
}

// The languages a term is a word of: its commonest, and each that read at
// least `share` of its uses (a place name in a Finnish answer is not Finnish).
std::vector<Profile> languages_of(const TermUse& use, Profile main, double share) {
  int uses = 0;
  for (const auto& [profile, n] : use.profiles) uses += n;
  std::vector<Profile> out;
  for (const auto& [profile, n] : use.profiles) {
    if (profile == main || n >= share * uses) out.push_back(profile);
  }
  return out;
}

std::string lower_case(std::string_view raw) {
  std::string out;
  for (Xapian::Utf8Iterator it(raw.data(), raw.size()); it != Xapian::Utf8Iterator(); ++it)
    Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(*it));
  return out;
}

// Calls `add` for every text of a {"lang": [texts]} object.
void for_each_listed(
    const nlohmann::json& lists, const char* what,
    const std::function<void(const std::string&, Profile, const std::string&)>& add) {
  if (!lists.is_object())
    throw BadSpecification(std::string(what) + " must be an object of languages");
  for (const auto& [lang, items] : lists.items()) {
    if (!lang.empty() && lang[0] == '_') continue;
    if (!items.is_array())
      throw BadSpecification(std::string(what) + ": '" + lang + "' must be a list");
    for (const auto& item : items) {
      if (!item.is_string())
        throw BadSpecification(std::string(what) + ": '" + lang + "' must hold texts");
      add(lang, profile_for_language(lang), item.get<std::string>());
    }
  }
}

}  // namespace

DiscoverVocabulary parse_discover_vocabulary(const nlohmann::json& stopwords,
                                             const nlohmann::json& stop_phrases) {
  DiscoverVocabulary v;
  for_each_listed(stopwords, "stopwords",
                  [&](const std::string& lang, Profile p, const std::string& w) {
                    v.stopwords.insert(fold_token(w, p));
                    v.stopwords_by_language[lang].insert(fold_token(w, p));
                  });
  for_each_listed(stop_phrases, "stop phrases",
                  [&](const std::string&, Profile p, const std::string& phrase) {
                    uint32_t position = 0, clause = 0;
                    std::vector<std::string> words;
                    for (auto& t : tokenize(phrase, p, p, position, clause))
                      words.push_back(std::move(t.folded));
                    if (!words.empty()) v.stop_phrases.push_back(std::move(words));
                  });
  return v;
}

Discovery discover_themes(const Xapian::Database& db, const std::set<Xapian::docid>& unmatched,
                          TextAnalyzer& analyzer, const DiscoverVocabulary& vocabulary,
                          TermBridge& bridge, const TextSource& texts,
                          const DiscoverOptions& options) {
  Discovery result;
  if (unmatched.empty()) return result;
  try {
    // Stopwords as stems under every profile, the form the index holds.
    std::set<std::string> excluded;
    for (const auto& w : vocabulary.stopwords) {
      for (Profile p : language_profiles) {
        excluded.insert(analyzer.stem(w, p));
      }
    }
    // A place and the parts the index split it into ("jordbro": jord, bro).
    for (const auto& place : options.places) {
      for (Profile p : language_profiles) {
        const std::string folded = fold_token(place, p);
        excluded.insert(analyzer.stem(folded, p));
        for (const auto& part : analyzer.split_compound(folded, p))
          excluded.insert(analyzer.stem(part, p));
      }
    }
    // Answers that say nothing are left out whole: their words are no
    // theme, and they count for none.
    const auto nothing = answers_saying_nothing(
        db, unmatched, vocabulary.stop_phrases, analyzer,
        [&](const std::string& stem) { return proposable_stem(stem, excluded); });
    result.non_answers = static_cast<int64_t>(nothing.size());
    std::set<Xapian::docid> considered;
    std::set_difference(unmatched.begin(), unmatched.end(), nothing.begin(), nothing.end(),
                        std::inserter(considered, considered.end()));
    if (considered.empty()) return result;

    Xapian::RSet rset;
    for (auto d : considered) rset.add_document(d);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query::MatchAll);
    StemDecider decider(excluded);
    Xapian::ESet eset =
        enquire.get_eset(static_cast<Xapian::termcount>(options.max_terms), rset, &decider);

    // The distinctive terms and their answers.
    struct Term {
      std::string stem;
      std::set<Xapian::docid> docs;
    };
    std::vector<Term> terms;
    for (auto it = eset.begin(); it != eset.end(); ++it) {
      Term t{(*it).substr(1), {}};
      for (auto p = db.postlist_begin(*it); p != db.postlist_end(*it); ++p) {
        if (considered.count(*p)) t.docs.insert(*p);
      }
      if (!t.docs.empty()) terms.push_back(std::move(t));
    }

    // How the terms are used, from a sample of their answers read in one
    // batch: the forms people wrote (the index keeps stems only), in which
    // language, and whether a term is mostly part of a phrase that says
    // nothing.
    std::map<std::string, TermUse> use;
    for (const auto& t : terms) use[t.stem];
    std::vector<Xapian::docid> sampled;
    for (const auto& t : terms) {
      size_t taken = 0;
      for (auto d = t.docs.begin(); d != t.docs.end() && taken < options.sample; ++d, ++taken)
        sampled.push_back(*d);
    }
    std::sort(sampled.begin(), sampled.end());
    sampled.erase(std::unique(sampled.begin(), sampled.end()), sampled.end());
    std::vector<std::string> sampled_ids;
    for (auto d : sampled) sampled_ids.push_back(db.get_document(d).get_value(slot::record_id));
    std::map<Xapian::docid, std::vector<TextAnswer>> answers;
    auto sampled_texts = texts(sampled_ids);
    for (size_t i = 0; i < sampled.size() && i < sampled_texts.size(); ++i) {
      const Profile doc_profile =
          profile_for_language(db.get_document(sampled[i]).get_value(slot::language));
      for (const auto& answer : sampled_texts[i]) {
        uint32_t position = 0, clause = 0;
        const auto tokens = tokenize(answer.text, doc_profile, analyzer.resources().latin_fallback,
                                     position, clause);
        const auto inside = inside_stop_phrases(tokens, vocabulary.stop_phrases);
        for (size_t k = 0; k < tokens.size(); ++k) {
          const auto& token = tokens[k];
          if (auto u = use.find(analyzer.stem(token.folded, token.profile)); u != use.end()) {
            ++u->second.forms[token.folded];
            ++u->second.written[token.profile][lower_case(token.raw)];
          }
          for (const auto& stem : analyzer.stems_of(token.folded, token.profile)) {
            if (auto u = use.find(stem); u != use.end()) {
              ++(inside[k] ? u->second.inside : u->second.outside);
              ++u->second.profiles[token.profile];
            }
          }
        }
      }
      answers[sampled[i]] = std::move(sampled_texts[i]);
    }

    // The terms worth proposing, with their language and what they stand
    // for in the others.
    std::vector<DiscoveredTerm> kept;
    for (auto& t : terms) {
      const auto& u = use[t.stem];
      if (u.inside > u.outside) continue;              // "vet" of "vet inte" is no theme
      if (t.docs.size() < min_term_answers) continue;  // one resident's word
      DiscoveredTerm d{t.stem, Profile::plain, {}, std::move(t.docs)};
      if (const Profile* main = most_common(u.profiles)) d.language = *main;
      for (Profile profile : languages_of(u, d.language, options.language_share)) {
        std::vector<std::string> forms;
        if (auto w = u.written.find(profile); w != u.written.end()) {
          for (const auto& [written, count] : w->second)
            forms.push_back(fold_token(written, profile));
        }
        for (auto& pivot : bridge.pivots(profile, t.stem, forms)) {
          if (std::find(d.pivots.begin(), d.pivots.end(), pivot) == d.pivots.end())
            d.pivots.push_back(std::move(pivot));
        }
      }
      kept.push_back(std::move(d));
    }

    // The language of each answer the terms hold, from the value stream
    // (cheaper than a document read each).
    std::map<Xapian::docid, int> language_of;
    std::vector<std::string> language_codes;
    {
      std::set<Xapian::docid> held;
      for (const auto& k : kept) held.insert(k.docs.begin(), k.docs.end());
      std::map<std::string, int> numbers;
      for (auto it = db.valuestream_begin(slot::language); it != db.valuestream_end(slot::language);
           ++it) {
        if (!held.count(it.get_docid())) continue;
        auto [n, added] = numbers.emplace(*it, static_cast<int>(numbers.size()));
        if (added) language_codes.push_back(*it);
        language_of[it.get_docid()] = n->second;
      }
    }
    const auto language = [&](Xapian::docid d) {
      auto it = language_of.find(d);
      return it == language_of.end() ? -1 : it->second;
    };
    for (const auto& g : group_terms(kept, language, options.cooccurrence)) {
      if (static_cast<int64_t>(g.docs.size()) < options.min_count) continue;
      if (result.candidates.size() >= options.max_candidates) break;
      CandidateTheme c;
      c.count = static_cast<int64_t>(g.docs.size());
      std::vector<std::string> stems;
      for (size_t i : g.terms) {
        const std::string& stem = kept[i].stem;
        stems.push_back(stem);
        const auto& u = use[stem];
        const std::string* folded = most_common(u.forms);
        c.terms.push_back(folded ? *folded : stem);
        for (Profile profile : languages_of(u, kept[i].language, options.language_share)) {
          if (profile == Profile::plain) continue;
          const std::string* written = nullptr;
          if (auto w = u.written.find(profile); w != u.written.end())
            written = most_common(w->second);
          auto& list = c.terms_by_language[std::string(profile_code(profile))];
          const std::string term = written ? *written : stem;
          if (std::find(list.begin(), list.end(), term) == list.end()) list.push_back(term);
        }
      }
      // Each answer with how many of the terms it holds, from the terms' answers.
      std::map<Xapian::docid, size_t> contained;
      for (size_t i : g.terms) {
        for (auto d : kept[i].docs) ++contained[d];
      }
      std::vector<QuoteSource> sources;
      for (const auto& [d, n] : contained) {
        const int l = language(d);
        sources.push_back({d, n, l < 0 ? std::string() : language_codes[static_cast<size_t>(l)]});
      }
      c.quotes = candidate_quotes(db, std::move(sources), stems, analyzer, texts, answers,
                                  {options.quotes, options.max_quote_languages});
      result.candidates.push_back(std::move(c));
    }
  } catch (const Xapian::Error& e) {
    rethrow_xapian_error(e, "discovering themes failed");
  }
  return result;
}

}  // namespace lyssna::analysis
