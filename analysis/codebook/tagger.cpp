// Tagging (see tagger.hpp).
#include "analysis/codebook/tagger.hpp"

#include <xapian.h>

#include "analysis/analysis_error.hpp"
#include "analysis/codebook/theme_query.hpp"
#include "analysis/index/prefixes.hpp"

namespace lyssna::analysis {

Tagger::Tagger(const Codebook& codebook, TextAnalyzer& analyzer) : codebook_(codebook) {
  for (const auto& theme : codebook_.themes) queries_.emplace(theme.id, compile_theme(theme, analyzer));
}

std::map<Xapian::docid, IndexedResponse> survey_documents(const Xapian::Database& db, const std::string& survey) {
  std::map<Xapian::docid, IndexedResponse> docs;
  try {
    // The survey's documents from its filter term, then their values from
    // the value streams: far cheaper than fetching 100,000 documents.
    const std::string filter = std::string(prefix::survey) + survey;
    std::vector<bool> wanted(db.get_lastdocid() + 1, false);
    for (auto it = db.postlist_begin(filter); it != db.postlist_end(filter); ++it) {
      wanted[*it] = true;
      docs[*it];
    }
    for (auto it = db.valuestream_begin(slot::record_id); it != db.valuestream_end(slot::record_id); ++it) {
      if (it.get_docid() < wanted.size() && wanted[it.get_docid()]) docs[it.get_docid()].record_id = *it;
    }
    for (auto it = db.valuestream_begin(slot::area); it != db.valuestream_end(slot::area); ++it) {
      if (it.get_docid() < wanted.size() && wanted[it.get_docid()]) docs[it.get_docid()].area = *it;
    }
  } catch (const Xapian::Error& e) {
    throw AnalysisError("cannot read the text index: " + e.get_description());
  }
  return docs;
}

ThemeAssignment Tagger::tag(const Xapian::Database& db, const std::string& survey,
                            const std::vector<ManualCode>& manual) const {
  const auto docs = survey_documents(db, survey);
  std::map<std::string, std::set<std::string>> found;
  for (const auto& [docid, doc] : docs) found[doc.record_id];
  try {
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const Xapian::Query filter(std::string(prefix::survey) + survey);
    for (const auto& theme : codebook_.themes) {
      enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, queries_.at(theme.id), filter));
      Xapian::MSet matches = enquire.get_mset(0, db.get_doccount());
      for (auto it = matches.begin(); it != matches.end(); ++it) {
        auto doc = docs.find(*it);
        if (doc != docs.end()) found[doc->second.record_id].insert(theme.id);
      }
    }
  } catch (const Xapian::Error& e) {
    throw AnalysisError("cannot search the text index: " + e.get_description());
  }
  for (const auto& code : manual) {
    const std::string theme = codebook_.resolve(code.theme);
    auto it = found.find(code.record_id);
    if (theme.empty() || it == found.end()) continue;
    if (code.add) {
      it->second.insert(theme);
    } else {
      it->second.erase(theme);
    }
  }
  ThemeAssignment out;
  for (auto& [id, themes] : found) {
    std::vector<std::string> ordered;
    for (const auto& t : codebook_.themes) {
      if (themes.count(t.id)) ordered.push_back(t.id);
    }
    out.emplace(id, std::move(ordered));
  }
  return out;
}

}  // namespace lyssna::analysis
