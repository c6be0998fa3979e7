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

// The survey's documents and, by docid, each one's row among them (-1: not
// the survey's).
struct SurveyDocuments {
  std::vector<IndexedResponse> docs;
  std::vector<int32_t> row_of;
};

SurveyDocuments read_survey_documents(const Xapian::Database& db, const std::string& survey) {
  SurveyDocuments out;
  auto& [docs, row_of] = out;
  try {
    // The survey's documents from its filter term, then their values from
    // the value streams: far cheaper than fetching 100,000 documents.
    const std::string filter = survey_term(survey);
    row_of.assign(db.get_lastdocid() + 1, -1);
    for (auto it = db.postlist_begin(filter); it != db.postlist_end(filter); ++it) {
      row_of[*it] = static_cast<int32_t>(docs.size());
      docs.push_back({*it, {}, {}});
    }
    for (auto it = db.valuestream_begin(slot::record_id); it != db.valuestream_end(slot::record_id);
         ++it) {
      if (it.get_docid() < row_of.size() && row_of[it.get_docid()] >= 0)
        docs[row_of[it.get_docid()]].record_id = *it;
    }
    for (auto it = db.valuestream_begin(slot::area); it != db.valuestream_end(slot::area); ++it) {
      if (it.get_docid() < row_of.size() && row_of[it.get_docid()] >= 0)
        docs[row_of[it.get_docid()]].area = *it;
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
  auto [docs, row_of] = read_survey_documents(db, survey);
  const size_t n_themes = codebook_.themes.size();
  // One flag per document and theme, addressed by the document's row.
  std::vector<uint8_t> flags(docs.size() * n_themes, 0);
  try {
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const Xapian::Query filter(survey_term(survey));
    for (size_t t = 0; t < n_themes; ++t) {
      enquire.set_query(
          Xapian::Query(Xapian::Query::OP_FILTER, queries_.at(codebook_.themes[t].id), filter));
      Xapian::MSet matches = enquire.get_mset(0, db.get_doccount());
      for (auto it = matches.begin(); it != matches.end(); ++it) {
        if (*it < row_of.size() && row_of[*it] >= 0)
          flags[static_cast<size_t>(row_of[*it]) * n_themes + t] = 1;
      }
    }
  } catch (const Xapian::Error& e) {
    rethrow_xapian_error(e, "cannot search the text index");
  }
  if (!manual.empty()) {
    std::unordered_map<std::string, size_t> row_by_id;
    for (size_t i = 0; i < docs.size(); ++i) row_by_id.emplace(docs[i].record_id, i);
    std::map<std::string, size_t> theme_index;
    for (size_t t = 0; t < n_themes; ++t) theme_index[codebook_.themes[t].id] = t;
    // In order: a later code for the same response and theme wins.
    for (const auto& code : manual) {
      auto row = row_by_id.find(code.record_id);
      auto theme = theme_index.find(codebook_.resolve(code.theme));
      if (row == row_by_id.end() || theme == theme_index.end()) continue;
      flags[row->second * n_themes + theme->second] = code.add ? 1 : 0;
    }
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

}  // namespace lyssna::analysis
