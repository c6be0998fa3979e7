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
  StatementUse s(
      db.cached("DELETE FROM sync_refused WHERE target = :target AND kind = :kind AND key = :key"));
  s->bind(":target", target).bind(":kind", line.kind).bind(":key", line.key);
  s->step();
}

bool has_refusals(Database& db, const std::string& target) {
  StatementUse s(db.cached("SELECT EXISTS (SELECT 1 FROM sync_refused WHERE target = :target)"));
  s->bind(":target", target);
  s->step();
  return s->integer(0) != 0;
}

int64_t sent_count(Database& db, const std::string& target) {
  StatementUse s(db.cached("SELECT count(*) FROM sync_sent WHERE target = :target"));
  s->bind(":target", target);
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
  StatementUse s(db.cached("DELETE FROM sync_sent WHERE target = :target"));
  s->bind(":target", target);
  s->step();
  return db.changes();
}

}  // namespace lyssna::storage
