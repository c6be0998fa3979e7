// Session rows (see session_store.hpp).
#include "collector/storage/session_store.hpp"

namespace lyssna::storage {

void insert_session(Database& db, const SessionRow& row) {
  StatementUse s(
      db.cached("INSERT INTO sessions (id_hash, user_id, lang, created_at, seen_at) "
                "VALUES (:id_hash, :user_id, :lang, :created_at, :seen_at)"));
  s->bind(":id_hash", row.id_hash)
      .bind(":user_id", row.user_id)
      .bind(":lang", row.lang)
      .bind(":created_at", row.created_at)
      .bind(":seen_at", row.seen_at);
  s->step();
}

std::optional<SessionWithUser> find_session(Database& db, std::string_view id_hash) {
  StatementUse s(db.cached(
      "SELECT s.id_hash, s.user_id, s.lang, s.created_at, s.seen_at, u.name, u.role, u.disabled "
      "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = :id_hash"));
  s->bind(":id_hash", id_hash);
  if (!s->step()) return std::nullopt;
  SessionWithUser out;
  out.session.id_hash = s->text(0);
  out.session.user_id = s->integer(1);
  out.session.lang = s->text(2);
  out.session.created_at = s->integer(3);
  out.session.seen_at = s->integer(4);
  out.user.id = out.session.user_id;
  out.user.name = s->text(5);
  out.user.role = s->text(6);
  out.user.disabled = s->integer(7) != 0;
  return out;
}

void touch_session(Database& db, std::string_view id_hash, int64_t now) {
  StatementUse s(
      db.cached("UPDATE sessions SET seen_at = max(seen_at, :now) WHERE id_hash = :id_hash"));
  s->bind(":now", now).bind(":id_hash", id_hash);
  s->step();
}

void set_session_language(Database& db, std::string_view id_hash, std::string_view lang) {
  StatementUse s(db.cached("UPDATE sessions SET lang = :lang WHERE id_hash = :id_hash"));
  s->bind(":lang", lang).bind(":id_hash", id_hash);
  s->step();
}

void delete_session(Database& db, std::string_view id_hash) {
  StatementUse s(db.cached("DELETE FROM sessions WHERE id_hash = :id_hash"));
  s->bind(":id_hash", id_hash);
  s->step();
}

int64_t delete_user_sessions(Database& db, int64_t user_id) {
  StatementUse s(db.cached("DELETE FROM sessions WHERE user_id = :user_id"));
  s->bind(":user_id", user_id);
  s->step();
  return db.changes();
}

int64_t delete_expired_sessions(Database& db, int64_t seen_before, int64_t created_before) {
  StatementUse s(db.cached(
      "DELETE FROM sessions WHERE seen_at < :seen_before OR created_at < :created_before"));
  s->bind(":seen_before", seen_before).bind(":created_before", created_before);
  s->step();
  return db.changes();
}

}  // namespace lyssna::storage
