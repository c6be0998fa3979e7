// Emergent themes (see emergent_themes.hpp).
#include "analysis/discover/emergent_themes.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include "analysis/analysis_error.hpp"
#include "analysis/index/prefixes.hpp"
#include "analysis/index/xapian_errors.hpp"
#include "analysis/text/normalize.hpp"
#include "analysis/text/tokenizer.hpp"

namespace lyssna::analysis {
namespace {

// Only stems of real words, not stopwords or numbers.
class StemDecider : public Xapian::ExpandDecider {
 public:
  explicit StemDecider(const std::set<std::string>& excluded) : excluded_(excluded) {}
  bool operator()(const std::string& term) const override {
    if (term.size() < 4 || term[0] != 'Z' || (term[1] >= 'A' && term[1] <= 'Z')) return false;
    const std::string stem = term.substr(1);
    if (excluded_.count(stem)) return false;
    if (stem.find_first_not_of("0123456789") == std::string::npos) return false;
    size_t letters = 0;
    for (Xapian::Utf8Iterator it(stem); it != Xapian::Utf8Iterator(); ++it) ++letters;
    return letters >= 3;
  }

 private:
  const std::set<std::string>& excluded_;
};

double jaccard(const std::set<Xapian::docid>& a, const std::set<Xapian::docid>& b) {
  size_t common = 0;
  for (auto d : a) common += b.count(d);
  size_t all = a.size() + b.size() - common;
  return all == 0 ? 0 : double(common) / double(all);
}

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

// How the sampled answers use a term: its written forms, and how often it
// stands inside a stop phrase ("vet" in "vet inte") or outside one.
struct TermUse {
  std::map<std::string, int> forms;
  int inside = 0, outside = 0;
};

// Calls `add` for every text of a {"lang": [texts]} object.
void for_each_listed(const nlohmann::json& lists, const char* what,
                     const std::function<void(Profile, const std::string&)>& add) {
  if (!lists.is_object())
    throw BadSpecification(std::string(what) + " must be an object of languages");
  for (const auto& [lang, items] : lists.items()) {
    if (!lang.empty() && lang[0] == '_') continue;
    if (!items.is_array())
      throw BadSpecification(std::string(what) + ": '" + lang + "' must be a list");
    for (const auto& item : items) {
      if (!item.is_string())
        throw BadSpecification(std::string(what) + ": '" + lang + "' must hold texts");
      add(profile_for_language(lang), item.get<std::string>());
    }
  }
}

// The answer of a response that shows a group best: the one holding most
// of its stems (the free text may say one thing and the place another);
// nullptr when none holds any.
const TextAnswer* best_answer(const std::vector<TextAnswer>& answers,
                              const std::vector<std::string>& stems, Profile doc_profile,
                              TextAnalyzer& analyzer) {
  const TextAnswer* best = nullptr;
  size_t best_count = 0;
  for (const auto& answer : answers) {
    uint32_t position = 0, clause = 0;
    std::set<std::string> found;
    for (const auto& token : tokenize(answer.text, doc_profile, analyzer.resources().latin_fallback,
                                      position, clause)) {
      for (const auto& stem : analyzer.stems_of(token.folded, token.profile)) {
        if (std::find(stems.begin(), stems.end(), stem) != stems.end()) found.insert(stem);
      }
    }
    if (found.size() > best_count) {
      best = &answer;
      best_count = found.size();
    }
  }
  return best;
}

}  // namespace

DiscoverVocabulary parse_discover_vocabulary(const nlohmann::json& stopwords,
                                             const nlohmann::json& stop_phrases) {
  DiscoverVocabulary v;
  for_each_listed(stopwords, "stopwords",
                  [&](Profile p, const std::string& w) { v.stopwords.insert(fold_token(w, p)); });
  for_each_listed(stop_phrases, "stop phrases", [&](Profile p, const std::string& phrase) {
    uint32_t position = 0, clause = 0;
    std::vector<std::string> words;
    for (auto& t : tokenize(phrase, p, p, position, clause)) words.push_back(std::move(t.folded));
    if (!words.empty()) v.stop_phrases.push_back(std::move(words));
  });
  return v;
}

std::vector<CandidateTheme> discover_themes(
    const Xapian::Database& db, const std::set<Xapian::docid>& unmatched, TextAnalyzer& analyzer,
    const DiscoverVocabulary& vocabulary, const TextSource& texts, const DiscoverOptions& options) {
  std::vector<CandidateTheme> out;
  if (unmatched.empty()) return out;
  try {
    // Stopwords as stems under every profile, the form the index holds.
    std::set<std::string> excluded;
    for (const auto& w : vocabulary.stopwords) {
      for (Profile p : language_profiles) {
        excluded.insert(analyzer.stem(w, p));
      }
    }
    Xapian::RSet rset;
    for (auto d : unmatched) rset.add_document(d);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query::MatchAll);
    StemDecider decider(excluded);
    Xapian::ESet eset =
        enquire.get_eset(static_cast<Xapian::termcount>(options.max_terms), rset, &decider);

    // The distinctive terms and their unmatched answers.
    struct Term {
      std::string stem;
      std::set<Xapian::docid> docs;
    };
    std::vector<Term> terms;
    for (auto it = eset.begin(); it != eset.end(); ++it) {
      Term t{(*it).substr(1), {}};
      for (auto p = db.postlist_begin(*it); p != db.postlist_end(*it); ++p) {
        if (unmatched.count(*p)) t.docs.insert(*p);
      }
      if (!t.docs.empty()) terms.push_back(std::move(t));
    }

    // How the terms are used, from a sample of their answers read in one
    // batch: the forms people wrote (the index keeps stems only), and
    // whether a term is mostly part of an answer that says nothing.
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
          if (auto u = use.find(analyzer.stem(token.folded, token.profile)); u != use.end())
            ++u->second.forms[token.folded];
          for (const auto& stem : analyzer.stems_of(token.folded, token.profile)) {
            if (auto u = use.find(stem); u != use.end())
              ++(inside[k] ? u->second.inside : u->second.outside);
          }
        }
      }
      answers[sampled[i]] = std::move(sampled_texts[i]);
    }

    struct Group {
      std::vector<std::string> stems;
      std::set<Xapian::docid> docs;
    };
    std::vector<Group> groups;
    for (const auto& t : terms) {
      const auto& u = use[t.stem];
      if (u.inside > u.outside) continue;  // "vet" of "vet inte" is no theme
      Group* best = nullptr;
      double best_overlap = options.cooccurrence;
      for (auto& g : groups) {
        double overlap = jaccard(t.docs, g.docs);
        if (overlap >= best_overlap) {
          best_overlap = overlap;
          best = &g;
        }
      }
      if (best) {
        best->stems.push_back(t.stem);
        best->docs.insert(t.docs.begin(), t.docs.end());
      } else {
        groups.push_back({{t.stem}, t.docs});
      }
    }
    std::sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) {
      if (a.docs.size() != b.docs.size()) return a.docs.size() > b.docs.size();
      return a.stems < b.stems;
    });
    for (const auto& g : groups) {
      if (static_cast<int64_t>(g.docs.size()) < options.min_count) continue;
      if (out.size() >= options.max_candidates) break;
      CandidateTheme c;
      c.count = static_cast<int64_t>(g.docs.size());
      for (const auto& stem : g.stems) {
        const auto& f = use[stem].forms;
        auto best = std::max_element(f.begin(), f.end(),
                                     [](auto& a, auto& b) { return a.second < b.second; });
        c.terms.push_back(best == f.end() ? stem : best->first);
      }
      // Quotes: the answers with most of the group's words, distinct texts,
      // each the text answer that holds them.
      std::vector<std::pair<int, Xapian::docid>> ranked;
      for (auto d : g.docs) {
        Xapian::Document doc = db.get_document(d);
        int contained = 0;
        for (const auto& stem : g.stems) {
          auto t = doc.termlist_begin();
          t.skip_to(std::string(prefix::stem) + stem);
          if (t != doc.termlist_end() && *t == std::string(prefix::stem) + stem) ++contained;
        }
        ranked.push_back({contained, d});
      }
      std::sort(ranked.begin(), ranked.end(), [](auto& a, auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
      });
      DistinctTexts shown;
      const size_t chunk = 4 * options.quotes;
      for (size_t first = 0; first < ranked.size() && c.quotes.size() < options.quotes;
           first += chunk) {
        const size_t end = std::min(ranked.size(), first + chunk);
        std::vector<std::string> ids, missing;
        for (size_t r = first; r < end; ++r) {
          ids.push_back(db.get_document(ranked[r].second).get_value(slot::record_id));
          if (!answers.count(ranked[r].second)) missing.push_back(ids.back());
        }
        auto read = texts(missing);
        for (size_t r = first, m = 0; r < end && c.quotes.size() < options.quotes; ++r) {
          const Xapian::docid d = ranked[r].second;
          if (!answers.count(d))
            answers[d] = m < read.size() ? std::move(read[m++]) : std::vector<TextAnswer>{};
          const std::string lang = db.get_document(d).get_value(slot::language);
          const auto* answer =
              best_answer(answers[d], g.stems, profile_for_language(lang), analyzer);
          if (!answer || !shown.insert(answer->text)) continue;
          c.quotes.push_back(
              {ids[r - first], answer->question, redact_contact_details(answer->text), lang});
        }
      }
      out.push_back(std::move(c));
    }
  } catch (const Xapian::Error& e) {
    rethrow_xapian_error(e, "discovering themes failed");
  }
  return out;
}

}  // namespace lyssna::analysis
