// Index maintenance (see index_updater.hpp).
#include "collector/text_index/index_updater.hpp"

#include <map>

#include "analysis/analysis_error.hpp"
#include "analysis/index/document_builder.hpp"
#include "collector/storage/response_store.hpp"
#include "collector/storage/schema.hpp"
#include "collector/storage/survey_store.hpp"
#include "collector/text_index/language_data.hpp"
#include "collector/text_index/text_answers.hpp"

namespace lyssna::text_index {
namespace {

constexpr size_t batch_size = 2000;

}  // namespace

bool needs_rebuild(const analysis::TextIndex& index) {
  return index.indexed_through() > 0 && index.fingerprint() != language_resources()->fingerprint;
}

int64_t update_index(storage::Database& db, analysis::TextIndex& index, analysis::TextAnalyzer& analyzer,
                     const Progress& progress) {
  const std::string fingerprint = language_resources()->fingerprint;
  int64_t after = index.indexed_through();
  const int64_t last = storage::last_seq(db);
  if (last <= after) return 0;
  std::map<std::string, std::unique_ptr<questionnaire::Questionnaire>> surveys;
  const int64_t total = last - after;
  int64_t read = 0;
  while (true) {
    auto rows = storage::records_after(db, after, batch_size);
    if (rows.empty()) break;
    for (const auto& row : rows) {
      auto& q = surveys[row.record.survey];
      if (!q) {
        auto loaded = storage::load_survey(db, row.record.survey);
        if (loaded) q = std::make_unique<questionnaire::Questionnaire>(std::move(*loaded));
      }
      auto texts = q ? text_answers(*q, row.record.answers) : std::vector<analysis::TextAnswer>{};
      if (!texts.empty()) {
        analysis::Response r = to_analysis_response(row.seq, row.record);
        index.put(analysis::build_document(analyzer, r, texts), analysis::unique_term(r.survey, r.id));
      }
      after = row.seq;
    }
    index.commit(after, fingerprint);
    read += static_cast<int64_t>(rows.size());
    if (progress) progress(read, total);
  }
  return read;
}

int64_t rebuild_index(const std::string& db_path, const Progress& progress) {
  auto db = storage::open_database(db_path);
  analysis::TextIndex index(analysis::index_path_for(db_path), analysis::TextIndex::Mode::rebuild);
  analysis::TextAnalyzer analyzer(language_resources());
  int64_t n = update_index(db, index, analyzer, progress);
  if (n == 0) index.commit(0, language_resources()->fingerprint);
  return n;
}

analysis::TextIndex open_index_for_reading(const std::string& db_path) {
  const std::string path = analysis::index_path_for(db_path);
  try {
    auto db = storage::open_database(db_path);
    bool rebuild = false;
    {
      analysis::TextIndex index(path, analysis::TextIndex::Mode::update);
      rebuild = needs_rebuild(index);
      if (!rebuild) {
        analysis::TextAnalyzer analyzer(language_resources());
        update_index(db, index, analyzer);
      }
    }
    if (rebuild) rebuild_index(db_path);
  } catch (const analysis::IndexBusy&) {
    // A server holds the index and keeps it current.
  }
  return analysis::TextIndex(path, analysis::TextIndex::Mode::read_only);
}

}  // namespace lyssna::text_index
