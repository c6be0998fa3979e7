// Response rows: inserting a checked record idempotently (with the invitation
// code it spends), and reading records back in arrival order.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "collector/interchange/record.hpp"
#include "collector/storage/sqlite.hpp"

namespace lyssna::storage {

enum class InsertStatus {
  stored,        // a new record
  duplicate,     // the same record was stored before: nothing to do
  conflict,      // a different record has this id: refused
  code_unknown,  // the invitation code does not exist for this survey
  code_used,     // the invitation code already answered
};

struct InsertRequest {
  interchange::Record record;
  // Digest of the invitation code this answer spends, when the survey requires one.
  std::optional<std::string> code_digest;
  // The server stamped `submitted_at` itself (a resident's submission), so
  // a retry of the same answers differs in it alone and is a duplicate.
  bool server_stamped = false;
  // The answers already serialised (storage::compact_json) by a caller that
  // prepares records on another thread; `record.answers` may then be empty.
  std::string answers_text;
};

// Inserts within the caller's write transaction. Checks for an existing id
// first, so a retried answer never spends its code twice.
InsertStatus insert_response(Database& db, const InsertRequest& request);

std::optional<interchange::Record> find_response(Database& db, const std::string& survey,
                                                 const std::string& id);
int64_t count_responses(Database& db, const std::string& survey);

// A stored response with its answers left as JSON text, for readers that
// need only a few of them.
struct RawRecord {
  int64_t seq = 0;
  std::string survey, id, lang, channel;
  int64_t submitted_epoch = 0;
  std::string answers_json;
};
std::vector<RawRecord> raw_records_after(Database& db, int64_t after_seq, size_t limit);
// Every record of one survey that arrived after `after_seq` (0: all),
// answers as JSON text, in arrival order (one snapshot). The views are
// valid only during the call.
struct RawView {
  int64_t seq = 0;
  std::string_view id, channel, answers_json;
};
void for_each_raw_response(Database& db, const std::string& survey,
                           const std::function<void(const RawView&)>& visit, int64_t after_seq = 0);

// The highest arrival number stored (0 when empty).
int64_t last_seq(Database& db);

// Calls `visit` for every record of `survey` (all surveys when empty) in
// arrival order. Reads inside one transaction, so the export is a snapshot.
void for_each_response(Database& db, const std::string& survey,
                       const std::function<void(const interchange::Record&)>& visit);
// The same, calling `before` first in the same snapshot: for a writer that
// needs the count or the widest answer before the first row (SPSS, Stata).
void for_each_response(Database& db, const std::string& survey,
                       const std::function<void(Database&)>& before,
                       const std::function<void(const interchange::Record&)>& visit);
// For as long as it lives, the connection reads the file through SQLite's
// page cache instead of mapping it (mmap_size 0, restored after): a scan of
// every row, an export, would otherwise map the whole database into the
// process, its resident memory growing to the size of the file.
class UnmappedReads {
 public:
  explicit UnmappedReads(Database& db);
  ~UnmappedReads();
  UnmappedReads(const UnmappedReads&) = delete;
  UnmappedReads& operator=(const UnmappedReads&) = delete;

 private:
  Database& db_;
  int64_t mmap_size_ = 0;
};

// The longest string answer to `question` in `survey`, in bytes (0 when none).
int64_t max_answer_bytes(Database& db, const std::string& survey, const std::string& question);
// The longest of each record field in `survey`, in bytes.
struct RecordFieldBytes {
  int64_t id = 0, lang = 0, channel = 0, session = 0, submitted_at = 0;
};
RecordFieldBytes max_record_field_bytes(Database& db, const std::string& survey);

}  // namespace lyssna::storage
