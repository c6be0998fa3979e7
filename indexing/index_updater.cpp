// Index maintenance (see index_updater.hpp).
#include "indexing/index_updater.hpp"

#include <map>

#include "analysis/analysis_error.hpp"
#include "analysis/index/document_builder.hpp"
#include "collector/storage/response_store.hpp"
#include "collector/storage/schema.hpp"
#include "collector/storage/survey_store.hpp"
#include "indexing/language_data.hpp"
#include "util/handoff_queue.hpp"
#include "collector/interchange/json_reader.hpp"

namespace lyssna::indexing {
namespace {

// Responses per commit. Every commit syncs the index to disk, so a rebuild
// commits rarely; the server's small increments commit at once.
constexpr size_t batch_size = 25000;

}  // namespace

bool needs_rebuild(const analysis::TextIndex& index) {
  return index.indexed_through() > 0 && index.fingerprint() != language_resources()->fingerprint;
}

namespace {

// Documents built by the reading thread, in arrival order.
struct DocumentBatch {
  std::vector<std::pair<Xapian::Document, std::string>> documents;  // with unique terms
  int64_t through = 0;  // the last arrival number read
  int64_t rows = 0;
};

// Reads responses after `after` and builds their documents: the area and
// every text question's answer, read without parsing the other answers.
class DocumentReader {
 public:
  DocumentReader(storage::Database& db, analysis::TextAnalyzer& analyzer) : db_(db), analyzer_(analyzer) {}

  void run(int64_t after, HandoffQueue<DocumentBatch>& queue) {
    while (!queue.cancelled()) {
      auto rows = storage::raw_records_after(db_, after, 500);
      if (rows.empty()) return;
      DocumentBatch batch;
      for (auto& row : rows) {
        after = row.seq;
        add(row, batch);
      }
      batch.through = after;
      batch.rows = static_cast<int64_t>(rows.size());
      queue.push(std::move(batch));
      queue.take_back();  // documents the writer has added, freed here
    }
  }

 private:
  const std::vector<std::string>& wanted(const std::string& survey) {
    auto it = wanted_.find(survey);
    if (it != wanted_.end()) return it->second;
    std::vector<std::string> keys = {"area"};
    if (auto q = storage::load_survey(db_, survey)) {
      for (size_t i = 0; i < q->question_count(); ++i) {
        if (q->question_at(i).type == questionnaire::QuestionType::text) keys.push_back(q->question_at(i).id);
      }
    }
    return wanted_.emplace(survey, std::move(keys)).first->second;
  }

  void add(storage::RawRecord& row, DocumentBatch& batch) {
    const auto& keys = wanted(row.survey);
    if (keys.size() < 2) return;  // no text questions
    auto fields = interchange::string_fields(row.answers_json, keys);
    std::vector<analysis::TextAnswer> texts;
    for (size_t k = 1; k < keys.size(); ++k) {
      auto f = fields.find(keys[k]);
      if (f != fields.end() && f->second.find_first_not_of(" \t\r\n") != std::string::npos) {
        texts.push_back({f->first, std::move(f->second)});
      }
    }
    if (texts.empty()) return;
    analysis::Response r;
    r.seq = row.seq;
    r.survey = std::move(row.survey);
    r.id = std::move(row.id);
    r.lang = std::move(row.lang);
    r.channel = std::move(row.channel);
    r.submitted_epoch = row.submitted_epoch;
    if (auto area = fields.find("area"); area != fields.end()) r.answers["area"] = area->second;
    batch.documents.emplace_back(analysis::build_document(analyzer_, r, texts), analysis::unique_term(r.survey, r.id));
  }

  storage::Database& db_;
  analysis::TextAnalyzer& analyzer_;
  std::map<std::string, std::vector<std::string>> wanted_;
};

}  // namespace

int64_t update_index(storage::Database& db, analysis::TextIndex& index, analysis::TextAnalyzer& analyzer,
                     const Progress& progress) {
  const std::string fingerprint = language_resources()->fingerprint;
  const int64_t start = index.indexed_through();
  const int64_t last = storage::last_seq(db);
  if (last <= start) return 0;
  // Two stages: this thread writes to Xapian while another reads SQLite and
  // analyses text, so a rebuild keeps both cores busy.
  HandoffQueue<DocumentBatch> queue(4);
  DocumentReader reader(db, analyzer);
  int64_t read = 0, through = start;
  size_t since_commit = 0;
  run_pipeline(
      queue, [&](HandoffQueue<DocumentBatch>& q) { reader.run(start, q); },
      [&](DocumentBatch& batch) {
        for (const auto& [doc, unique] : batch.documents) index.put(doc, unique);
        through = batch.through;
        read += batch.rows;
        since_commit += batch.documents.size();
        if (since_commit >= batch_size) {
          index.commit(through, fingerprint);
          since_commit = 0;
        }
        if (progress) progress(read, last - start);
      });
  index.commit(through, fingerprint);
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

}  // namespace lyssna::indexing
