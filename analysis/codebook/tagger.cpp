// Tagging (see tagger.hpp).
#include "analysis/codebook/tagger.hpp"

#include <unordered_map>

#include <xapian.h>

#include "analysis/analysis_error.hpp"
#include "analysis/codebook/theme_query.hpp"
#include "analysis/index/prefixes.hpp"
#include "analysis/index/terms.hpp"
#include "analysis/index/xapian_errors.hpp"

namespace lyssna::analysis {

Tagger::Tagger(const Codebook& codebook, TextAnalyzer& analyzer) : codebook_(codebook) {
  for (const auto& theme : codebook_.themes)
    queries_.emplace(theme.id, compile_theme(theme, analyzer));
}

const TaggedResponse* ThemeAssignment::find(const std::string& record_id) const {
  auto it = std::lower_bound(
      rows.begin(), rows.end(), record_id,
      [](const TaggedResponse& r, const std::string& id) { return r.record_id < id; });
  return it != rows.end() && it->record_id == record_id ? &*it : nullptr;
}

namespace {

// The survey's documents numbered `first` or above and, by docid less
// `first`, each one's row among them (-1: not the survey's).
struct SurveyDocuments {
  std::vector<IndexedResponse> docs;
  std::vector<int32_t> row_of;
  Xapian::docid first = 1;
  int32_t row(Xapian::docid docid) const {
    return docid >= first && docid - first < row_of.size() ? row_of[docid - first] : -1;
  }
};

SurveyDocuments read_survey_documents(const Xapian::Database& db, const std::string& survey,
                                      Xapian::docid first = 1) {
  SurveyDocuments out;
  out.first = std::max<Xapian::docid>(first, 1);
  auto& [docs, row_of, from] = out;
  try {
    // The survey's documents from its filter term, then their values from
    // the value streams: far cheaper than fetching 100,000 documents.
    const std::string filter = survey_term(survey);
    const Xapian::docid last = db.get_lastdocid();
    if (last < from) return out;
    row_of.assign(last - from + 1, -1);
    auto it = db.postlist_begin(filter);
    if (from > 1) it.skip_to(from);
    for (; it != db.postlist_end(filter); ++it) {
      row_of[*it - from] = static_cast<int32_t>(docs.size());
      docs.push_back({*it, {}, {}});
    }
    if (docs.empty()) return out;
    for (auto slot_id : {slot::record_id, slot::area}) {
      auto v = db.valuestream_begin(slot_id);
      if (from > 1 && v != db.valuestream_end(slot_id)) v.skip_to(from);
      for (; v != db.valuestream_end(slot_id); ++v) {
        const int32_t row = out.row(v.get_docid());
        if (row < 0) continue;
        auto& doc = docs[static_cast<size_t>(row)];
        (slot_id == slot::record_id ? doc.record_id : doc.area) = *v;
      }
    }
  } catch (const Xapian::Error& e) {
    rethrow_xapian_error(e, "cannot read the text index");
  }
  return out;
}

}  // namespace

std::vector<IndexedResponse> survey_documents(const Xapian::Database& db,
                                              const std::string& survey) {
  return read_survey_documents(db, survey).docs;
}

Xapian::Query Tagger::assigned_query(const std::string& theme, const std::string& survey,
                                     const std::vector<ManualCode>& manual) const {
  // The last code for a response and this theme wins.
  std::map<std::string, bool> coded;
  for (const auto& code : manual) {
    if (codebook_.resolve(code.theme) == theme) coded[code.record_id] = code.add;
  }
  std::vector<Xapian::Query> added, removed;
  for (const auto& [record_id, add] : coded)
    (add ? added : removed).emplace_back(unique_term(survey, record_id));
  Xapian::Query q = query(theme);
  if (!added.empty()) {
    q = Xapian::Query(Xapian::Query::OP_OR, q,
                      Xapian::Query(Xapian::Query::OP_OR, added.begin(), added.end()));
  }
  if (!removed.empty()) {
    q = Xapian::Query(Xapian::Query::OP_AND_NOT, q,
                      Xapian::Query(Xapian::Query::OP_OR, removed.begin(), removed.end()));
  }
  return q;
}

ThemeAssignment Tagger::tag(const Xapian::Database& db, const std::string& survey,
                            const std::vector<ManualCode>& manual) const {
  ThemeAssignment out = tag_automatic(db, survey);
  apply_manual_codes(codebook_, out, manual);
  return out;
}

ThemeAssignment Tagger::tag_automatic(const Xapian::Database& db, const std::string& survey,
                                      Xapian::docid first_docid) const {
  auto documents = read_survey_documents(db, survey, first_docid);
  auto& docs = documents.docs;
  const size_t n_themes = codebook_.themes.size();
  // One flag per document and theme, addressed by the document's row.
  std::vector<uint8_t> flags(docs.size() * n_themes, 0);
  try {
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    Xapian::Query filter(survey_term(survey));
    if (documents.first > 1) {
      // Only the documents asked for: their unique terms, so that Xapian
      // skips to them instead of running each theme over the survey.
      std::vector<Xapian::Query> unique;
      for (const auto& d : docs) unique.emplace_back(unique_term(survey, d.record_id));
      filter = Xapian::Query(Xapian::Query::OP_FILTER, filter,
                             Xapian::Query(Xapian::Query::OP_OR, unique.begin(), unique.end()));
    }
    for (size_t t = 0; t < n_themes && !docs.empty(); ++t) {
      enquire.set_query(
          Xapian::Query(Xapian::Query::OP_FILTER, queries_.at(codebook_.themes[t].id), filter));
      Xapian::MSet matches = enquire.get_mset(0, db.get_doccount());
      for (auto it = matches.begin(); it != matches.end(); ++it) {
        const int32_t row = documents.row(*it);
        if (row >= 0) flags[static_cast<size_t>(row) * n_themes + t] = 1;
      }
    }
  } catch (const Xapian::Error& e) {
    rethrow_xapian_error(e, "cannot search the text index");
  }
  ThemeAssignment out;
  out.rows.reserve(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    TaggedResponse r{std::move(docs[i].record_id), std::move(docs[i].area), docs[i].docid, {}};
    for (size_t t = 0; t < n_themes; ++t) {
      if (flags[i * n_themes + t]) r.themes.push_back(static_cast<uint16_t>(t));
    }
    out.rows.push_back(std::move(r));
  }
  std::sort(out.rows.begin(), out.rows.end(), [](const TaggedResponse& a, const TaggedResponse& b) {
    return a.record_id < b.record_id;
  });
  return out;
}

void apply_manual_codes(const Codebook& codebook, ThemeAssignment& assignment,
                        const std::vector<ManualCode>& manual) {
  if (manual.empty() || assignment.rows.empty()) return;
  std::map<std::string, uint16_t> theme_index;
  for (size_t t = 0; t < codebook.themes.size(); ++t)
    theme_index[codebook.themes[t].id] = static_cast<uint16_t>(t);
  // In order: a later code for the same response and theme wins.
  for (const auto& code : manual) {
    auto row = std::lower_bound(
        assignment.rows.begin(), assignment.rows.end(), code.record_id,
        [](const TaggedResponse& r, const std::string& id) { return r.record_id < id; });
    if (row == assignment.rows.end() || row->record_id != code.record_id) continue;
    auto theme = theme_index.find(codebook.resolve(code.theme));
    if (theme == theme_index.end()) continue;
    auto& themes = row->themes;
    auto at = std::lower_bound(themes.begin(), themes.end(), theme->second);
    const bool has = at != themes.end() && *at == theme->second;
    if (code.add && !has) themes.insert(at, theme->second);
    if (!code.add && has) themes.erase(at);
  }
}

void merge_assignment(ThemeAssignment& into, ThemeAssignment&& more) {
  if (more.rows.empty()) return;
  auto by_id = [](const TaggedResponse& a, const TaggedResponse& b) {
    return a.record_id < b.record_id;
  };
  std::vector<TaggedResponse> merged;
  merged.reserve(into.rows.size() + more.rows.size());
  auto a = into.rows.begin(), b = more.rows.begin();
  while (a != into.rows.end() || b != more.rows.end()) {
    if (b == more.rows.end() || (a != into.rows.end() && by_id(*a, *b))) {
      merged.push_back(std::move(*a++));
    } else {
      if (a != into.rows.end() && !by_id(*b, *a)) ++a;  // the same record: the new row wins
      merged.push_back(std::move(*b++));
    }
  }
  into.rows = std::move(merged);
}

}  // namespace lyssna::analysis
