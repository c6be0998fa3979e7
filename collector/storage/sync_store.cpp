// Sync tokens and what a laptop sent (see sync_store.hpp).
#include "collector/storage/sync_store.hpp"

namespace lyssna::storage {
namespace {

SyncTokenRow sync_token_row(Statement& s) {
  SyncTokenRow r;
  r.name = s.text(0);
  r.token_digest = s.text(1);
  r.created_at = s.integer(2);
  r.created_by = s.text(3);
  if (!s.is_null(4)) r.revoked_at = s.integer(4);
  if (!s.is_null(5)) r.last_used_at = s.integer(5);
  return r;
}

// The number of `target` in sync_targets; -1 (no row has it) when it has none yet.
int64_t known_target_id(Database& db, const std::string& target) {
  StatementUse s(db.cached("SELECT id FROM sync_targets WHERE url = :url"));
  s->bind(":url", target);
  return s->step() ? s->integer(0) : -1;
}

constexpr const char* token_columns =
    "SELECT name, token_digest, created_at, created_by, revoked_at, last_used_at FROM sync_tokens ";

}  // namespace

bool insert_sync_token(Database& db, const SyncTokenRow& row) {
  StatementUse s(
      db.cached("INSERT INTO sync_tokens (name, token_digest, created_at, created_by) "
                "VALUES (:name, :digest, :at, :by) ON CONFLICT DO NOTHING"));
  s->bind(":name", row.name)
      .bind(":digest", row.token_digest)
      .bind(":at", row.created_at)
      .bind(":by", row.created_by);
  s->step();
  return db.changes() > 0;
}

std::optional<SyncTokenRow> find_sync_token(Database& db, const std::string& name) {
  StatementUse s(db.cached(std::string(token_columns) + "WHERE name = :name"));
  s->bind(":name", name);
  if (!s->step()) return std::nullopt;
  return sync_token_row(*s);
}

std::optional<SyncTokenRow> find_sync_token_by_digest(Database& db, const std::string& digest) {
  StatementUse s(db.cached(std::string(token_columns) + "WHERE token_digest = :digest"));
  s->bind(":digest", digest);
  if (!s->step()) return std::nullopt;
  return sync_token_row(*s);
}

bool revoke_sync_token(Database& db, const std::string& name, int64_t at) {
  StatementUse s(db.cached(
      "UPDATE sync_tokens SET revoked_at = :at WHERE name = :name AND revoked_at IS NULL"));
  s->bind(":name", name).bind(":at", at);
  s->step();
  return db.changes() > 0;
}

void touch_sync_token(Database& db, const std::string& name, int64_t at) {
  StatementUse s(db.cached("UPDATE sync_tokens SET last_used_at = :at WHERE name = :name"));
  s->bind(":name", name).bind(":at", at);
  s->step();
}

std::vector<SyncTokenRow> list_sync_tokens(Database& db) {
  StatementUse s(db.cached(std::string(token_columns) + "ORDER BY name"));
  std::vector<SyncTokenRow> out;
  while (s->step()) out.push_back(sync_token_row(*s));
  return out;
}

std::vector<SentLine> sent_lines(Database& db, const std::string& target) {
  StatementUse s(db.cached("SELECT kind, key, digest FROM sync_sent WHERE target = :target"));
  s->bind(":target", target);
  std::vector<SentLine> out;
  while (s->step()) out.push_back({s->text(0), s->text(1), s->text(2)});
  return out;
}

void mark_sent(Database& db, const std::string& target, const SentLine& line, int64_t at,
               bool clear_refusal) {
  {
    StatementUse s(
        db.cached("INSERT INTO sync_sent (target, kind, key, digest, sent_at) "
                  "VALUES (:target, :kind, :key, :digest, :at) "
                  "ON CONFLICT (target, kind, key) DO UPDATE SET digest = excluded.digest, "
                  "sent_at = excluded.sent_at"));
    s->bind(":target", target)
        .bind(":kind", line.kind)
        .bind(":key", line.key)
        .bind(":digest", line.digest)
        .bind(":at", at);
    s->step();
  }
  if (clear_refusal) storage::clear_refusal(db, target, line.kind, line.key);
}

void clear_refusal(Database& db, const std::string& target, const std::string& kind,
                   const std::string& key) {
  StatementUse s(
      db.cached("DELETE FROM sync_refused WHERE target = :target AND kind = :kind AND key = :key"));
  s->bind(":target", target).bind(":kind", kind).bind(":key", key);
  s->step();
}

int64_t sync_target_id(Database& db, const std::string& target) {
  if (const int64_t known = known_target_id(db, target); known >= 0) return known;
  StatementUse s(db.cached("INSERT INTO sync_targets (url) VALUES (:url) RETURNING id"));
  s->bind(":url", target);
  s->step();
  return s->integer(0);
}

void mark_record_sent(Database& db, int64_t target_id, int64_t seq) {
  StatementUse s(db.cached(
      "INSERT INTO sync_sent_records (target, seq) VALUES (:target, :seq) ON CONFLICT DO NOTHING"));
  s->bind(":target", target_id).bind(":seq", seq);
  s->step();
}

void for_each_unsent_record(
    Database& db, const std::string& target,
    const std::function<void(int64_t seq, const interchange::StoredRecordText&)>& visit) {
  StatementUse s(db.cached(
      "SELECT seq, id, survey, lang, channel, session, submitted_at, answers FROM responses r "
      "WHERE NOT EXISTS (SELECT 1 FROM sync_sent_records WHERE target = :target AND seq = "
      "r.seq) ORDER BY seq"));
  s->bind(":target", known_target_id(db, target));
  while (s->step()) {
    interchange::StoredRecordText r;
    r.id = s->text_view(1);
    r.survey = s->text_view(2);
    r.lang = s->text_view(3);
    r.channel = s->text_view(4);
    if (!s->is_null(5)) r.session = s->text_view(5);
    r.submitted_at = s->text_view(6);
    r.answers_json = s->text_view(7);
    visit(s->integer(0), r);
  }
}

int64_t unsent_record_count(Database& db, const std::string& target) {
  StatementUse s(db.cached(
      "SELECT (SELECT count(*) FROM responses) - (SELECT count(*) FROM sync_sent_records WHERE "
      "target = :target)"));
  s->bind(":target", known_target_id(db, target));
  s->step();
  return s->integer(0);
}

bool has_refusals(Database& db, const std::string& target) {
  StatementUse s(db.cached("SELECT EXISTS (SELECT 1 FROM sync_refused WHERE target = :target)"));
  s->bind(":target", target);
  s->step();
  return s->integer(0) != 0;
}

int64_t sent_count(Database& db, const std::string& target) {
  StatementUse s(
      db.cached("SELECT (SELECT count(*) FROM sync_sent WHERE target = :target) + (SELECT "
                "count(*) FROM sync_sent_records WHERE target = :id)"));
  s->bind(":target", target).bind(":id", known_target_id(db, target));
  s->step();
  return s->integer(0);
}

int64_t held_line_count(Database& db) {
  StatementUse s(
      db.cached("SELECT (SELECT count(*) FROM responses) + (SELECT count(*) FROM "
                "dialogue_sessions) + (SELECT count(*) FROM dialogue_votes)"));
  s->step();
  return s->integer(0);
}

void mark_refused(Database& db, const RefusedLine& r) {
  StatementUse s(
      db.cached("INSERT INTO sync_refused (target, kind, key, digest, field, reason, at) "
                "VALUES (:target, :kind, :key, :digest, :field, :reason, :at) "
                "ON CONFLICT (target, kind, key) DO UPDATE SET digest = excluded.digest, "
                "field = excluded.field, reason = excluded.reason, at = excluded.at"));
  s->bind(":target", r.target)
      .bind(":kind", r.line.kind)
      .bind(":key", r.line.key)
      .bind(":digest", r.line.digest)
      .bind(":field", r.field)
      .bind(":reason", r.reason)
      .bind(":at", r.at);
  s->step();
}

std::vector<RefusedLine> refused_lines(Database& db, const std::string& target) {
  StatementUse s(
      db.cached("SELECT target, kind, key, digest, field, reason, at FROM sync_refused "
                "WHERE :target = '' OR target = :target ORDER BY target, kind, key"));
  s->bind(":target", target);
  std::vector<RefusedLine> out;
  while (s->step()) {
    RefusedLine r;
    r.target = s->text(0);
    r.line = {s->text(1), s->text(2), s->text(3)};
    r.field = s->text(4);
    r.reason = s->text(5);
    r.at = s->integer(6);
    out.push_back(std::move(r));
  }
  return out;
}

int64_t forget_sent(Database& db, const std::string& target) {
  int64_t forgotten = 0;
  {
    StatementUse s(db.cached("DELETE FROM sync_sent WHERE target = :target"));
    s->bind(":target", target);
    s->step();
    forgotten = db.changes();
  }
  StatementUse s(db.cached("DELETE FROM sync_sent_records WHERE target = :id"));
  s->bind(":id", known_target_id(db, target));
  s->step();
  return forgotten + db.changes();
}

}  // namespace lyssna::storage
