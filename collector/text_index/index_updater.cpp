// Index maintenance (see index_updater.hpp).
#include "collector/text_index/index_updater.hpp"

#include <map>

#include "analysis/analysis_error.hpp"
#include "analysis/index/document_builder.hpp"
#include "collector/storage/response_store.hpp"
#include "collector/storage/schema.hpp"
#include "collector/storage/survey_store.hpp"
#include "collector/text_index/language_data.hpp"
#include "collector/interchange/json_reader.hpp"

namespace lyssna::text_index {
namespace {

// Responses per commit. Every commit syncs the index to disk, so a rebuild
// commits rarely; the server's small increments commit at once.
constexpr size_t batch_size = 25000;

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
  // Per survey: the answers the index needs (the area and every text question).
  std::map<std::string, std::vector<std::string>> wanted;
  const int64_t total = last - after;
  int64_t read = 0;
  while (true) {
    auto rows = storage::raw_records_after(db, after, batch_size);
    if (rows.empty()) break;
    for (auto& row : rows) {
      auto it = wanted.find(row.survey);
      if (it == wanted.end()) {
        std::vector<std::string> keys = {"area"};
        if (auto q = storage::load_survey(db, row.survey)) {
          for (size_t i = 0; i < q->question_count(); ++i) {
            if (q->question_at(i).type == questionnaire::QuestionType::text) keys.push_back(q->question_at(i).id);
          }
        }
        it = wanted.emplace(row.survey, std::move(keys)).first;
      }
      after = row.seq;
      if (it->second.size() < 2) continue;  // no text questions
      auto fields = interchange::string_fields(row.answers_json, it->second);
      std::vector<analysis::TextAnswer> texts;
      for (size_t k = 1; k < it->second.size(); ++k) {
        auto f = fields.find(it->second[k]);
        if (f != fields.end() && f->second.find_first_not_of(" \t\r\n") != std::string::npos) {
          texts.push_back({f->first, std::move(f->second)});
        }
      }
      if (texts.empty()) continue;
      analysis::Response r;
      r.seq = row.seq;
      r.survey = std::move(row.survey);
      r.id = std::move(row.id);
      r.lang = std::move(row.lang);
      r.channel = std::move(row.channel);
      r.submitted_epoch = row.submitted_epoch;
      if (auto area = fields.find("area"); area != fields.end()) r.answers["area"] = area->second;
      index.put(analysis::build_document(analyzer, r, texts), analysis::unique_term(r.survey, r.id));
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
