// Response rows (see response_store.hpp).
#include "collector/storage/response_store.hpp"

#include <nlohmann/json.hpp>

#include "collector/interchange/json_reader.hpp"
#include "collector/storage/compact_json.hpp"
#include "util/errors.hpp"

namespace lyssna::storage {
namespace {

constexpr const char* select_columns =
    "SELECT survey, id, lang, channel, session, submitted_at, submitted_epoch, answers FROM "
    "responses ";

interchange::Record read_row(Statement& s) {
  interchange::Record r;
  r.survey = s.text(0);
  r.id = s.text(1);
  r.lang = s.text(2);
  r.channel = s.text(3);
  r.session = s.optional_text(4);
  r.submitted_at = s.text(5);
  r.submitted_epoch = s.integer(6);
  r.answers =
      interchange::parse_json(s.text(7));  // the fast reader: exports and analyses read every row
  return r;
}

}  // namespace

InsertStatus insert_response(Database& db, const InsertRequest& request) {
  const auto& r = request.record;
  auto existing_status = [&] {
    auto existing = find_response(db, r.survey, r.id);
    interchange::Record incoming = r;
    if (!request.answers_text.empty())
      incoming.answers = nlohmann::json::parse(request.answers_text);
    if (request.server_stamped) {
      incoming.submitted_at = existing->submitted_at;
      incoming.submitted_epoch = existing->submitted_epoch;
    }
    return *existing == incoming ? InsertStatus::duplicate : InsertStatus::conflict;
  };
  if (request.code_digest) {
    // A retried answer must not spend its code twice: look for it first.
    if (find_response(db, r.survey, r.id)) return existing_status();
    StatementUse spend(
        db.cached("UPDATE invitation_codes SET used = 1 "
                  "WHERE survey = :survey AND code_hash = :hash AND used = 0"));
    spend->bind(":survey", r.survey).bind(":hash", *request.code_digest);
    spend->step();
    if (db.changes() == 0) {
      StatementUse known(
          db.cached("SELECT 1 FROM invitation_codes WHERE survey = :survey AND code_hash = :hash"));
      known->bind(":survey", r.survey).bind(":hash", *request.code_digest);
      return known->step() ? InsertStatus::code_used : InsertStatus::code_unknown;
    }
  }
  // The code update above (if any) and this insert commit or roll back together
  // with the caller's transaction. The usual case, a new id, costs one statement.
  StatementUse insert(db.cached(
      "INSERT INTO responses (survey, id, lang, channel, session, submitted_at, submitted_epoch, "
      "answers) VALUES (:survey, :id, :lang, :channel, :session, :submitted_at, :epoch, :answers) "
      "ON CONFLICT (survey, id) DO NOTHING"));
  insert->bind(":survey", r.survey)
      .bind(":id", r.id)
      .bind(":lang", r.lang)
      .bind(":channel", r.channel)
      .bind(":session", r.session)
      .bind(":submitted_at", r.submitted_at)
      .bind(":epoch", r.submitted_epoch)
      .bind(":answers",
            request.answers_text.empty() ? compact_json(r.answers) : request.answers_text);
  insert->step();
  if (db.changes() == 0) return existing_status();
  return InsertStatus::stored;
}

std::optional<interchange::Record> find_response(Database& db, const std::string& survey,
                                                 const std::string& id) {
  StatementUse s(db.cached(std::string(select_columns) + "WHERE survey = :survey AND id = :id"));
  s->bind(":survey", survey).bind(":id", id);
  if (!s->step()) return std::nullopt;
  return read_row(*s);
}

int64_t count_responses(Database& db, const std::string& survey) {
  StatementUse s(db.cached("SELECT count(*) FROM responses WHERE survey = :survey"));
  s->bind(":survey", survey);
  s->step();
  return s->integer(0);
}

std::vector<RawRecord> raw_records_after(Database& db, int64_t after_seq, size_t limit) {
  StatementUse s(
      db.cached("SELECT seq, survey, id, lang, channel, submitted_epoch, answers FROM responses "
                "WHERE seq > :after ORDER BY seq LIMIT :limit"));
  s->bind(":after", after_seq).bind(":limit", static_cast<int64_t>(limit));
  std::vector<RawRecord> out;
  out.reserve(std::min<size_t>(limit, 4096));
  while (s->step()) {
    out.push_back(
        {s->integer(0), s->text(1), s->text(2), s->text(3), s->text(4), s->integer(5), s->text(6)});
  }
  return out;
}

void for_each_raw_response(Database& db, const std::string& survey,
                           const std::function<void(const RawView&)>& visit, int64_t after_seq) {
  db.exec("BEGIN");
  try {
    // "+survey" keeps the planner off the (survey, id) index: a scan in
    // arrival order reads the table sequentially instead of row by row, and
    // from `after_seq` on only the rows after it.
    StatementUse s(
        db.cached("SELECT seq, id, channel, answers FROM responses WHERE seq > :after AND "
                  "+survey = :survey ORDER BY seq"));
    s->bind(":survey", survey).bind(":after", after_seq);
    while (s->step()) visit({s->integer(0), s->text_view(1), s->text_view(2), s->text_view(3)});
  } catch (...) {
    db.exec("ROLLBACK");
    throw;
  }
  db.exec("COMMIT");
}

UnmappedReads::UnmappedReads(Database& db) : db_(db) {
  StatementUse s(db.cached("PRAGMA mmap_size"));
  if (s->step()) mmap_size_ = s->integer(0);
  db.exec("PRAGMA mmap_size = 0");
}

UnmappedReads::~UnmappedReads() {
  try {
    db_.exec("PRAGMA mmap_size = " + std::to_string(mmap_size_));
  } catch (...) {
    // The connection then reads unmapped: slower, never wrong.
  }
}

int64_t max_answer_bytes(Database& db, const std::string& survey, const std::string& question) {
  // The key quoted, so that no question id reads as a JSON path.
  StatementUse s(
      db.cached("SELECT coalesce(max(length(CAST(json_extract(answers, :path) AS BLOB))), 0) "
                "FROM responses WHERE survey = :survey"));
  nlohmann::json key = question;
  s->bind(":survey", survey).bind(":path", "$." + key.dump());
  s->step();
  return s->integer(0);
}

RecordFieldBytes max_record_field_bytes(Database& db, const std::string& survey) {
  StatementUse s(
      db.cached("SELECT coalesce(max(length(CAST(id AS BLOB))), 0), "
                "coalesce(max(length(CAST(lang AS BLOB))), 0), "
                "coalesce(max(length(CAST(channel AS BLOB))), 0), "
                "coalesce(max(length(CAST(session AS BLOB))), 0), "
                "coalesce(max(length(CAST(submitted_at AS BLOB))), 0) FROM responses WHERE survey "
                "= :survey"));
  s->bind(":survey", survey);
  s->step();
  return {s->integer(0), s->integer(1), s->integer(2), s->integer(3), s->integer(4)};
}

int64_t last_seq(Database& db) {
  StatementUse s(db.cached("SELECT coalesce(max(seq), 0) FROM responses"));
  s->step();
  return s->integer(0);
}

void for_each_response(Database& db, const std::string& survey,
                       const std::function<void(const interchange::Record&)>& visit) {
  for_each_response(db, survey, nullptr, visit);
}

void for_each_response(Database& db, const std::string& survey,
                       const std::function<void(Database&)>& before,
                       const std::function<void(const interchange::Record&)>& visit) {
  db.exec("BEGIN");
  try {
    if (before) before(db);
    StatementUse s(db.cached(std::string(select_columns) +
                             "WHERE :survey = '' OR survey = :survey ORDER BY seq"));
    s->bind(":survey", survey);
    while (s->step()) visit(read_row(*s));
  } catch (...) {
    db.exec("ROLLBACK");
    throw;
  }
  db.exec("COMMIT");
}

}  // namespace lyssna::storage
