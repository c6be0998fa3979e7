// Index maintenance (see index_updater.hpp).
#include "indexing/index_updater.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "analysis/analysis_error.hpp"
#include "analysis/index/document_builder.hpp"
#include "collector/storage/response_batch.hpp"
#include "collector/storage/response_store.hpp"
#include "collector/storage/schema.hpp"
#include "collector/storage/survey_store.hpp"
#include "indexing/language_data.hpp"
#include "indexing/text_answers.hpp"
#include "util/handoff_queue.hpp"
#include "util/terminal_text.hpp"

namespace lyssna::indexing {
namespace {

// Responses per commit. Every commit syncs the index to disk, so a rebuild
// commits rarely; the server's small increments commit at once.
constexpr size_t batch_size = 25000;
// The set-aside list kept in the index. Past this many, further failures are
// still skipped (the rest must go on) but no longer listed; `reindex` tries
// every response again.
constexpr size_t max_listed = 1000;
constexpr size_t max_reason_bytes = 300;

// An error message as a reason to list and print: one line, safe for a
// terminal, cut at a character boundary.
std::string reason_of(const std::exception& e) {
  std::string r = text::for_terminal(e.what());
  if (r.size() > max_reason_bytes) {
    size_t cut = max_reason_bytes;
    while (cut > 0 && (static_cast<unsigned char>(r[cut]) & 0xC0) == 0x80) --cut;
    r = r.substr(0, cut) + "…";
  }
  return r;
}

struct BuiltDocument {
  Xapian::Document document;
  std::string unique;
  analysis::SetAsideRecord who;  // reason empty
};

// Documents built by the reading thread, in arrival order, and the
// responses whose documents could not be built.
struct DocumentBatch {
  std::vector<BuiltDocument> documents;
  std::vector<analysis::SetAsideRecord> failed;
  int64_t through = 0;  // the last arrival number read
  int64_t rows = 0;
};

// Builds documents from stored rows: the area and every text question's
// answer, read without parsing the other answers.
class DocumentReader {
 public:
  DocumentReader(storage::Database& db, analysis::TextAnalyzer& analyzer)
      : db_(db), analyzer_(analyzer) {}

  // Reads the responses after `after` onto the queue.
  void run(int64_t after, HandoffQueue<DocumentBatch>& queue) {
    while (!queue.cancelled()) {
      auto rows = storage::raw_records_after(db_, after, 500);
      if (rows.empty()) return;
      DocumentBatch batch;
      for (const auto& row : rows) {
        after = row.seq;
        add(row, batch);
      }
      batch.through = after;
      batch.rows = static_cast<int64_t>(rows.size());
      queue.push(std::move(batch));
      queue.take_back();  // documents the writer has added, freed here
    }
  }

  // The document of one response; nullopt when it has no free text.
  std::optional<BuiltDocument> build(const storage::RawRecord& row) {
    const auto& questions = text_questions_of(row.survey);
    if (questions.empty()) return std::nullopt;
    auto stored = stored_texts(row.answers_json, questions);
    if (stored.texts.empty()) return std::nullopt;
    analysis::Response r;
    r.seq = row.seq;
    r.survey = row.survey;
    r.id = row.id;
    r.lang = row.lang;
    r.channel = row.channel;
    r.submitted_epoch = row.submitted_epoch;
    if (!stored.area.empty()) r.answers["area"] = std::move(stored.area);
    return BuiltDocument{analysis::build_document(analyzer_, r, stored.texts),
                         analysis::unique_term(r.survey, r.id),
                         {row.seq, row.survey, row.id, {}}};
  }

 private:
  // One bad response must not stop the others: its failure is noted instead.
  void add(const storage::RawRecord& row, DocumentBatch& batch) {
    try {
      if (auto built = build(row)) batch.documents.push_back(std::move(*built));
    } catch (const std::exception& e) {
      batch.failed.push_back({row.seq, row.survey, row.id, reason_of(e)});
    }
  }

  const std::vector<std::string>& text_questions_of(const std::string& survey) {
    auto it = text_questions_.find(survey);
    if (it != text_questions_.end()) return it->second;
    std::vector<std::string> ids;
    if (auto q = storage::load_survey(db_, survey)) ids = text_questions(*q);
    return text_questions_.emplace(survey, std::move(ids)).first->second;
  }

  storage::Database& db_;
  analysis::TextAnalyzer& analyzer_;
  std::map<std::string, std::vector<std::string>> text_questions_;
};

// The index's list of set-aside responses while an update runs.
class SetAsideList {
 public:
  explicit SetAsideList(std::vector<analysis::SetAsideRecord> listed)
      : records_(std::move(listed)) {}

  void add(analysis::SetAsideRecord record, UpdateResult& result) {
    result.set_aside.push_back(record);
    auto it = std::find_if(records_.begin(), records_.end(),
                           [&](const auto& r) { return r.seq == record.seq; });
    if (it != records_.end()) {
      *it = std::move(record);
    } else if (records_.size() < max_listed) {
      records_.push_back(std::move(record));
    }
  }
  void remove(int64_t seq) {
    std::erase_if(records_, [&](const auto& r) { return r.seq == seq; });
  }
  const std::vector<analysis::SetAsideRecord>& records() const { return records_; }

 private:
  std::vector<analysis::SetAsideRecord> records_;
};

// Puts one document; the reason when the index refuses it.
std::optional<std::string> try_put(analysis::TextIndex& index, const BuiltDocument& built) {
  try {
    index.put(built.document, built.unique);
    return std::nullopt;
  } catch (const analysis::RejectedDocument& e) {
    return reason_of(e);
  }
}

// Tries the listed responses again. True when the list changed.
bool retry_set_aside(storage::Database& db, analysis::TextIndex& index, DocumentReader& reader,
                     SetAsideList& list, UpdateResult& result) {
  const auto listed = list.records();
  if (listed.empty()) return false;
  std::vector<int64_t> seqs;
  for (const auto& r : listed) seqs.push_back(r.seq);
  std::map<int64_t, storage::RawRecord> rows;
  for (auto& row : storage::raw_records_by_seq(db, seqs)) rows.emplace(row.seq, std::move(row));
  bool changed = false;
  for (const auto& entry : listed) {
    auto row = rows.find(entry.seq);
    try {
      auto built = row == rows.end() ? std::nullopt : reader.build(row->second);
      if (built && try_put(index, *built)) continue;  // refused again: stays listed
    } catch (const std::exception&) {
      continue;  // still failing: stays listed
    }
    // Indexed now, or gone from the database, or without free text now.
    list.remove(entry.seq);
    result.recovered.push_back(entry);
    changed = true;
  }
  return changed;
}

}  // namespace

bool needs_rebuild(const analysis::TextIndex& index) {
  return index.indexed_through() > 0 && index.fingerprint() != language_resources()->fingerprint;
}

std::string describe(const analysis::SetAsideRecord& r) {
  return "response '" + text::for_terminal(r.id) + "' of survey '" + text::for_terminal(r.survey) +
         "' (arrival " + std::to_string(r.seq) + "): " + r.reason;
}

UpdateResult update_index(storage::Database& db, analysis::TextIndex& index,
                          analysis::TextAnalyzer& analyzer, const Progress& progress,
                          const UpdateOptions& options) {
  const std::string fingerprint = language_resources()->fingerprint;
  UpdateResult result;
  DocumentReader reader(db, analyzer);
  SetAsideList list(index.set_aside());
  const bool retried = options.retry_set_aside && retry_set_aside(db, index, reader, list, result);
  const int64_t start = index.indexed_through();
  const int64_t last = storage::last_seq(db);
  auto commit = [&](int64_t through) {
    // The list goes with the watermark that passed its responses.
    index.record_set_aside(list.records());
    index.commit(through, fingerprint);
  };
  if (last <= start) {
    if (retried) commit(start);
    result.still_set_aside = list.records().size();
    return result;
  }
  // Two stages: this thread writes to Xapian while another reads SQLite and
  // analyses text, so a rebuild keeps both cores busy.
  HandoffQueue<DocumentBatch> queue(4);
  int64_t through = start;
  size_t since_commit = 0;
  struct Stopped {};  // ends the pipeline between two batches
  try {
    run_pipeline(
        queue, [&](HandoffQueue<DocumentBatch>& q) { reader.run(start, q); },
        [&](DocumentBatch& batch) {
          for (auto& built : batch.documents) {
            if (auto refused = try_put(index, built)) {
              built.who.reason = std::move(*refused);
              list.add(std::move(built.who), result);
            } else {
              ++since_commit;
            }
          }
          for (auto& failed : batch.failed) list.add(std::move(failed), result);
          through = batch.through;
          result.read += batch.rows;
          if (since_commit >= batch_size) {
            commit(through);
            since_commit = 0;
          }
          if (progress) progress(result.read, last - start);
          if (options.stop && options.stop()) throw Stopped{};
        });
  } catch (const Stopped&) {
    result.stopped = true;
  }
  commit(through);
  result.still_set_aside = list.records().size();
  return result;
}

UpdateResult rebuild_index(const std::string& db_path, const Progress& progress) {
  auto db = storage::open_database(db_path);
  analysis::TextIndex index(analysis::index_path_for(db_path), analysis::TextIndex::Mode::rebuild);
  analysis::TextAnalyzer analyzer(language_resources());
  auto result = update_index(db, index, analyzer, progress);
  if (result.read == 0) index.commit(0, language_resources()->fingerprint);
  return result;
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
