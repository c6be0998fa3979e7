// Emergent themes (see emergent_themes.hpp).
#include "analysis/discover/emergent_themes.hpp"

#include <algorithm>
#include <map>

#include "analysis/analysis_error.hpp"
#include "analysis/index/prefixes.hpp"
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

}  // namespace

std::vector<CandidateTheme> discover_themes(const Xapian::Database& db, const std::set<Xapian::docid>& unmatched,
                                            TextAnalyzer& analyzer, const std::set<std::string>& stopwords,
                                            const TextSource& texts, const DiscoverOptions& options) {
  std::vector<CandidateTheme> out;
  if (unmatched.empty()) return out;
  try {
    // Stopwords as stems under every profile, the form the index holds.
    std::set<std::string> excluded;
    for (const auto& w : stopwords) {
      for (Profile p : {Profile::sv, Profile::en, Profile::fi, Profile::ar, Profile::fa, Profile::so}) {
        excluded.insert(analyzer.stem(w, p));
      }
    }
    Xapian::RSet rset;
    for (auto d : unmatched) rset.add_document(d);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query::MatchAll);
    StemDecider decider(excluded);
    Xapian::ESet eset = enquire.get_eset(static_cast<Xapian::termcount>(options.max_terms), rset, &decider);

    struct Group {
      std::vector<std::string> stems;
      std::set<Xapian::docid> docs;
    };
    std::vector<Group> groups;
    for (auto it = eset.begin(); it != eset.end(); ++it) {
      std::set<Xapian::docid> docs;
      for (auto p = db.postlist_begin(*it); p != db.postlist_end(*it); ++p) {
        if (unmatched.count(*p)) docs.insert(*p);
      }
      if (docs.empty()) continue;
      Group* best = nullptr;
      double best_overlap = options.cooccurrence;
      for (auto& g : groups) {
        double overlap = jaccard(docs, g.docs);
        if (overlap >= best_overlap) {
          best_overlap = overlap;
          best = &g;
        }
      }
      if (best) {
        best->stems.push_back((*it).substr(1));
        best->docs.insert(docs.begin(), docs.end());
      } else {
        groups.push_back({{(*it).substr(1)}, docs});
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
      // Readable forms: the commonest written word behind each stem, read
      // from the answers themselves (the index keeps stems only).
      std::map<std::string, std::map<std::string, int>> forms;
      std::vector<std::pair<int, Xapian::docid>> ranked;
      std::map<Xapian::docid, std::vector<TextAnswer>> answers;
      size_t read = 0;
      for (auto d : g.docs) {
        Xapian::Document doc = db.get_document(d);
        int contained = 0;
        for (const auto& stem : g.stems) {
          auto t = doc.termlist_begin();
          t.skip_to(std::string(prefix::stem) + stem);
          if (t != doc.termlist_end() && *t == std::string(prefix::stem) + stem) ++contained;
        }
        ranked.push_back({contained, d});
        if (read++ >= 40) continue;  // enough answers to name the words
        auto& texts_of = answers[d] = texts(doc.get_value(slot::record_id));
        const std::string lang = doc.get_value(slot::language);
        for (const auto& answer : texts_of) {
          uint32_t position = 0, clause = 0;
          for (const auto& token : tokenize(answer.text, profile_for_language(lang),
                                            analyzer.resources().latin_fallback, position, clause)) {
            for (const auto& stem : g.stems) {
              if (analyzer.stem(token.folded, token.profile) == stem) ++forms[stem][token.folded];
            }
          }
        }
      }
      for (const auto& stem : g.stems) {
        auto& f = forms[stem];
        auto best = std::max_element(f.begin(), f.end(), [](auto& a, auto& b) { return a.second < b.second; });
        c.terms.push_back(best == f.end() ? stem : best->first);
      }
      std::sort(ranked.begin(), ranked.end(), [](auto& a, auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
      });
      for (const auto& [contained, d] : ranked) {
        if (c.quotes.size() >= options.quotes) break;
        const std::string id = db.get_document(d).get_value(slot::record_id);
        auto cached = answers.find(d);
        auto texts_of = cached != answers.end() ? cached->second : texts(id);
        if (texts_of.empty()) continue;
        c.quote_ids.push_back(id);
        c.quotes.push_back(texts_of.front().text);
      }
      out.push_back(std::move(c));
    }
  } catch (const Xapian::Error& e) {
    throw AnalysisError("discovering themes failed: " + e.get_description());
  }
  return out;
}

}  // namespace lyssna::analysis
