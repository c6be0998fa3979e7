// Record import (see importer.hpp). Two stages on two threads: a reader
// parses and checks lines (records, sessions, votes: line_intake.hpp) (the costly part: JSON, CSV,
// answer rules) and hands them over in chunks; the calling thread stores them in large
// transactions. Everything is reported in line order by the storing thread.
#include "collector/interchange/importer.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "collector/interchange/csv.hpp"
#include "collector/interchange/json_reader.hpp"
#include "collector/interchange/line_intake.hpp"
#include "collector/interchange/line_reader.hpp"
#include "collector/interchange/progress_bar.hpp"
#include "collector/interchange/record.hpp"
#include "collector/interchange/record_csv.hpp"
#include "collector/questionnaire/answers.hpp"
#include "collector/questionnaire/definition.hpp"
#include "collector/storage/compact_json.hpp"
#include "collector/storage/response_store.hpp"
#include "collector/storage/schema.hpp"
#include "collector/storage/survey_store.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"
#include "util/handoff_queue.hpp"

namespace lyssna::interchange {
namespace {

// One line's outcome from the reading stage: a checked record, session or
// vote to store, or the reason it was refused.
using Item = CheckedLine;

constexpr size_t chunk_items = 4096;

// The field a CSV column holds, as refusals name it: "answers.<question>"
// for a question's column, the record field's own name otherwise.
std::string column_field(const std::vector<std::string>& header, size_t column) {
  if (column >= header.size()) return "";
  const std::string& name = header[column];
  return questionnaire::is_record_field(name) ? name : "answers." + name;
}

struct Chunk {
  std::vector<Item> items;
  uint64_t bytes_read = 0;  // of the input, when the chunk was made
};

using ChunkQueue = HandoffQueue<Chunk>;

// The reading stage: parses records, checks them against their survey's
// questionnaire (read through its own connection) and emits Items in order.
class Reader {
 public:
  Reader(const std::string& db_path, ChunkQueue& queue)
      : db_(storage::open_connection(db_path)), queue_(queue) {}

  const questionnaire::Questionnaire* survey(const std::string& id) {
    auto it = surveys_.find(id);
    if (it == surveys_.end()) {
      auto loaded = storage::load_survey(db_, id);
      it = surveys_
               .emplace(id, loaded
                                ? std::make_unique<questionnaire::Questionnaire>(std::move(*loaded))
                                : nullptr)
               .first;
    }
    return it->second.get();
  }

  void refuse(size_t line, std::string field, std::string problem) {
    Item item;
    item.line = line;
    item.field = std::move(field);
    item.problem = std::move(problem);
    chunk_.items.push_back(std::move(item));
  }

  // Hands the chunk over when it is full (or `force`); false when cancelled.
  bool hand_over(uint64_t bytes_read, bool force = false) {
    if (chunk_.items.size() < chunk_items && !force) return true;
    chunk_.bytes_read = bytes_read;
    queue_.push(std::move(chunk_));
    chunk_ = Chunk{};
    // Records are freed here, on the thread that allocated them, and a
    // chunk's storage is reused rather than returned to malloc.
    auto used = queue_.take_back();
    if (!used.empty()) {
      chunk_ = std::move(used.front());
      chunk_.items.clear();
    }
    chunk_.items.reserve(chunk_items);
    return !queue_.cancelled();
  }

  void read_jsonl(std::istream& in) {
    LineReader reader(in);
    std::string line;
    while (reader.next(line)) {
      size_t n = reader.line_number();
      if (reader.too_long()) {
        refuse(n, "", "the line is longer than 1 MiB");
      } else if (line.find_first_not_of(" \t") != std::string::npos) {
        chunk_.items.push_back(check_line(n, line, lookup_));
      }
      if (!hand_over(reader.bytes_read())) return;
    }
    hand_over(reader.bytes_read(), true);
  }

  void read_csv(std::istream& in) {
    CsvReader reader(in);
    std::optional<CsvRecordReader> records;
    std::vector<std::string> header;
    while (auto row = reader.next()) {
      if (!row->error.empty()) {
        if (!records) {
          refuse(row->line, "",
                 "the header row: " + row->error);  // without a header no row can be read
          break;
        }
        refuse(row->line, column_field(header, row->column), row->error);
      } else if (!records) {
        try {
          records.emplace(row->fields, [&](const std::string& id) { return survey(id); });
          header = records->header();
        } catch (const BadInput& e) {
          refuse(row->line, e.field(), e.what());  // without a header no row can be read
          break;
        }
      } else {
        Item item;
        try {
          item = check_record(row->line, records->read(row->fields), lookup_);
        } catch (const BadInput& e) {
          item.line = row->line;
          item.field = e.field();
          item.problem = e.what();
        }
        if (item.refused() && row->last_line > row->line) {
          // A row that runs across lines and does not make a good record
          // is most likely a stray quote swallowing the rows after it.
          item.problem += " (the row's quoted field runs on to line " +
                          std::to_string(row->last_line) +
                          ": a stray quote? reading goes on at the next line)";
          reader.reread_after_first_line();
        }
        chunk_.items.push_back(std::move(item));
      }
      if (!hand_over(reader.bytes_read())) return;
    }
    hand_over(reader.bytes_read(), true);
  }

 private:
  storage::Database db_;
  ChunkQueue& queue_;
  Chunk chunk_;
  std::map<std::string, std::unique_ptr<questionnaire::Questionnaire>> surveys_;
  SurveyLookup lookup_ = [this](const std::string& id) { return survey(id); };
};

std::string where(size_t line, const std::string& field) {
  std::string out = "line " + std::to_string(line);
  if (!field.empty()) out += ", field '" + field + "'";
  return out;
}

// The storing stage: inserts records in transactions of `batch_size`.
class Writer {
 public:
  Writer(storage::Database& db, const ImportOptions& options, const ProblemSink& sink)
      : db_(db),
        options_(options),
        sink_(sink),
        progress_("import", options.total_bytes, options.progress) {
    // A bulk load touches the id index all over: keep more of it in memory.
    db_.exec("PRAGMA cache_size = -65536");
  }

  void take(Chunk& chunk) {
    for (const auto& item : chunk.items) {
      if (item.refused()) {
        refuse(item.line, item.kind, item.field, item.problem);
        continue;
      }
      if (!transaction_) transaction_.emplace(db_);
      if (item.record) {
        // Plain records, the bulk of most files, without the general path's copies.
        switch (storage::insert_response(db_, *item.record)) {
          case storage::InsertStatus::stored:
            ++pending_.taken;
            break;
          case storage::InsertStatus::duplicate:
            ++pending_.duplicates;
            break;
          default:
            refuse(item.line, item.kind, "id",
                   "a different record with id '" + item.record->record.id +
                       "' exists already in survey '" + item.record->record.survey + "'");
        }
      } else {
        const StoredLine stored = store_line(db_, item, now_, options_.themes);
        LineCounts& counts = item.session ? pending_sessions_ : pending_votes_;
        switch (stored.status) {
          case StoredLine::Status::stored:
            ++counts.taken;
            break;
          case StoredLine::Status::updated:
            ++counts.updated;
            break;
          case StoredLine::Status::duplicate:
            ++counts.duplicates;
            break;
          case StoredLine::Status::refused:
            refuse(item.line, item.kind, stored.field, stored.reason);
        }
        for (const auto& [field, reason] : stored.ballot_refusals) {
          ++report_.ballots_refused;
          sink_(where(item.line, field) + ": " + reason);
        }
      }
      if (++in_transaction_ >= options_.batch_size) commit();
    }
    progress_.update(chunk.bytes_read,
                     static_cast<uint64_t>(report_.taken + report_.duplicates + report_.refused +
                                           pending_.taken + pending_.duplicates));
  }

  ImportReport finish() {
    commit();
    progress_.finish();
    return report_;
  }

 private:
  void refuse(size_t line, LineKind kind, const std::string& field, const std::string& problem) {
    if (kind == LineKind::session) {
      ++report_.sessions.refused;
    } else if (kind == LineKind::vote) {
      ++report_.votes.refused;
    } else {
      ++report_.refused;
    }
    sink_(where(line, field) + ": " + problem);
  }
  static void add(LineCounts& to, LineCounts& from) {
    to.taken += from.taken;
    to.updated += from.updated;
    to.duplicates += from.duplicates;
    from = LineCounts{};
  }
  void commit() {
    if (!transaction_) return;
    transaction_->commit();
    transaction_.reset();
    report_.taken += pending_.taken;
    report_.duplicates += pending_.duplicates;
    pending_ = LineCounts{};
    add(report_.sessions, pending_sessions_);
    add(report_.votes, pending_votes_);
    in_transaction_ = 0;
  }

  storage::Database& db_;
  const ImportOptions& options_;
  const ProblemSink& sink_;
  ProgressBar progress_;
  ImportReport report_;
  std::optional<storage::WriteTransaction> transaction_;
  size_t in_transaction_ = 0;
  // Counted when their transaction commits: what a failed one held was not taken.
  LineCounts pending_, pending_sessions_, pending_votes_;
  int64_t now_ = clock::now_seconds();
};

}  // namespace

Format sniff_format(std::istream& in) {
  // One byte of look-ahead is all a pipe reliably gives back. JSON Lines
  // records start with '{'; CSV starts with a header (or a byte-order mark).
  return in.peek() == '{' ? Format::jsonl : Format::csv;
}

ImportReport import_records(storage::Database& db, std::istream& in, const ImportOptions& options,
                            const ProblemSink& report_problem) {
  ChunkQueue queue;
  Reader reader(db.path(), queue);
  Writer writer(db, options, report_problem);
  run_pipeline(
      queue,
      [&](ChunkQueue&) {
        options.format == Format::csv ? reader.read_csv(in) : reader.read_jsonl(in);
      },
      [&](Chunk& chunk) { writer.take(chunk); });
  return writer.finish();
}

}  // namespace lyssna::interchange
