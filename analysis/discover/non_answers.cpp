// Answers that say nothing (see non_answers.hpp).
#include "analysis/discover/non_answers.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include "analysis/index/prefixes.hpp"

namespace lyssna::analysis {
namespace {

// Only the documents asked about.
class InSet : public Xapian::MatchDecider {
 public:
  explicit InSet(const std::set<Xapian::docid>& docs) : docs_(docs) {}
  bool operator()(const Xapian::Document& doc) const override {
    return docs_.count(doc.get_docid()) > 0;
  }

 private:
  const std::set<Xapian::docid>& docs_;
};

// A longer answer says something, whatever phrase it holds; its stems are
// not worth reading. (Document length counts every word and compound part.)
constexpr Xapian::termcount longest_examined = 40;

}  // namespace

std::set<Xapian::docid> answers_saying_nothing(
    const Xapian::Database& db, const std::set<Xapian::docid>& docs,
    const std::vector<std::vector<std::string>>& stop_phrases, TextAnalyzer& analyzer,
    const std::function<bool(const std::string&)>& proposable) {
  std::set<Xapian::docid> out;
  if (docs.empty() || stop_phrases.empty()) return out;
  // Each phrase as the index may hold it: its words stemmed under every
  // language's stemmer (a Swedish "vet inte" in an English answer is
  // stemmed as English).
  std::set<std::vector<std::string>> variants;
  for (const auto& phrase : stop_phrases) {
    for (Profile p : language_profiles) {
      std::vector<std::string> stems;
      for (const auto& word : phrase) stems.push_back(analyzer.stem(word, p));
      variants.insert(std::move(stems));
    }
  }
  std::map<std::string, std::vector<const std::vector<std::string>*>> by_first;
  for (const auto& v : variants) {
    if (!v.empty()) by_first[v.front()].push_back(&v);
  }
  std::vector<Xapian::Query> queries;
  for (const auto& v : variants) {
    std::vector<Xapian::Query> words;
    for (const auto& s : v) words.emplace_back(std::string(prefix::stem) + s);
    queries.push_back(words.size() == 1
                          ? words.front()
                          : Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(),
                                          static_cast<Xapian::termcount>(v.size())));
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, queries.begin(), queries.end()));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  InSet only(docs);
  const Xapian::MSet found = enquire.get_mset(0, db.get_doccount(), nullptr, &only);
  for (auto m = found.begin(); m != found.end(); ++m) {
    const Xapian::docid d = *m;
    if (db.get_doclength(d) > longest_examined) continue;
    // The stems at each position (a compound's parts share its position).
    std::map<Xapian::termpos, std::vector<std::string>> at;
    const Xapian::Document doc = db.get_document(d);
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      const std::string term = *t;
      if (term.empty() || term[0] != prefix::stem[0]) continue;
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
        at[*p].push_back(term.substr(1));
    }
    auto holds = [&](Xapian::termpos pos, const std::string& stem) {
      auto it = at.find(pos);
      return it != at.end() &&
             std::find(it->second.begin(), it->second.end(), stem) != it->second.end();
    };
    std::set<Xapian::termpos> inside;
    for (const auto& [pos, stems] : at) {
      for (const auto& stem : stems) {
        auto starting = by_first.find(stem);
        if (starting == by_first.end()) continue;
        for (const auto* v : starting->second) {
          size_t k = 1;
          while (k < v->size() && holds(pos + static_cast<Xapian::termpos>(k), (*v)[k])) ++k;
          if (k < v->size()) continue;
          for (k = 0; k < v->size(); ++k) inside.insert(pos + static_cast<Xapian::termpos>(k));
        }
      }
    }
    if (inside.empty()) continue;  // (the query found the phrase; kept for safety)
    size_t words = 0;
    for (const auto& [pos, stems] : at) {
      if (inside.count(pos)) continue;
      if (std::any_of(stems.begin(), stems.end(), proposable)) ++words;
    }
    if (words <= max_words_beside_stop_phrase) out.insert(d);
  }
  return out;
}

}  // namespace lyssna::analysis
