// Record import (see importer.hpp). Two stages on two threads: a reader
// parses and checks records (the costly part: JSON, CSV, answer rules) and
// hands them over in chunks; the calling thread stores them in large
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
#include "util/errors.hpp"
#include "util/handoff_queue.hpp"

namespace lyssna::interchange {
namespace {

// One line's outcome from the reading stage: a checked record to store, or
// the reason it was refused.
struct Item {
  size_t line = 0;
  std::optional<storage::InsertRequest> request;
  std::string field;
  std::string problem;
};

constexpr size_t chunk_items = 4096;

struct Refusal {
  std::string field;
  std::string problem;
};

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
    chunk_.items.push_back({line, std::nullopt, std::move(field), std::move(problem)});
  }

  // Checks a record against its survey and queues it for storing; returns
  // why not when it breaks a rule.
  std::optional<Refusal> admit(size_t line, Record record) {
    const auto* q = survey(record.survey);
    if (!q) {
      return Refusal{"survey", "survey '" + record.survey +
                                   "' does not exist in this database (load its definition first: "
                                   "lyssna survey load FILE)"};
    }
    auto problems = questionnaire::check_answers(*q, record.answers);
    if (!problems.empty()) {
      const auto& p = problems.front();
      return Refusal{p.question.empty() ? "answers" : "answers." + p.question, p.message};
    }
    // Serialise here and free the parsed answers while they are hot in this
    // thread's cache; the storing thread only binds text.
    std::string answers_text = storage::compact_json(record.answers);
    record.answers = nlohmann::json();
    chunk_.items.push_back(
        {line,
         storage::InsertRequest{std::move(record), std::nullopt, false, std::move(answers_text)},
         {},
         {}});
    return std::nullopt;
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
        try {
          if (auto refusal = admit(n, record_from_json(parse_json(line)))) {
            refuse(n, std::move(refusal->field), std::move(refusal->problem));
          }
        } catch (const BadInput& e) {
          refuse(n, e.field(), e.what());
        }
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
        std::optional<Refusal> refusal;
        try {
          refusal = admit(row->line, records->read(row->fields));
        } catch (const BadInput& e) {
          refusal = Refusal{e.field(), e.what()};
        }
        if (refusal) {
          if (row->last_line > row->line) {
            // A row that runs across lines and does not make a good record
            // is most likely a stray quote swallowing the rows after it.
            refusal->problem += " (the row's quoted field runs on to line " +
                                std::to_string(row->last_line) +
                                ": a stray quote? reading goes on at the next line)";
            reader.reread_after_first_line();
          }
          refuse(row->line, std::move(refusal->field), std::move(refusal->problem));
        }
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
      if (!item.request) {
        refuse(item.line, item.field, item.problem);
        continue;
      }
      if (!transaction_) transaction_.emplace(db_);
      const storage::InsertRequest& request = *item.request;
      switch (storage::insert_response(db_, request)) {
        case storage::InsertStatus::stored:
          ++pending_taken_;
          break;
        case storage::InsertStatus::duplicate:
          ++pending_duplicates_;
          break;
        default:
          refuse(item.line, "id",
                 "a different record with id '" + request.record.id +
                     "' exists already in survey '" + request.record.survey + "'");
      }
      if (++in_transaction_ >= options_.batch_size) commit();
    }
    progress_.update(chunk.bytes_read,
                     static_cast<uint64_t>(report_.taken + report_.duplicates + report_.refused +
                                           pending_taken_ + pending_duplicates_));
  }

  ImportReport finish() {
    commit();
    progress_.finish();
    return report_;
  }

 private:
  void refuse(size_t line, const std::string& field, const std::string& problem) {
    ++report_.refused;
    sink_(where(line, field) + ": " + problem);
  }
  void commit() {
    if (!transaction_) return;
    transaction_->commit();
    transaction_.reset();
    report_.taken += pending_taken_;
    report_.duplicates += pending_duplicates_;
    pending_taken_ = pending_duplicates_ = 0;
    in_transaction_ = 0;
  }

  storage::Database& db_;
  const ImportOptions& options_;
  const ProblemSink& sink_;
  ProgressBar progress_;
  ImportReport report_;
  std::optional<storage::WriteTransaction> transaction_;
  size_t in_transaction_ = 0;
  int64_t pending_taken_ = 0, pending_duplicates_ = 0;
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
