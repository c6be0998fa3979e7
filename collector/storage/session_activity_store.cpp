// Dialogue sessions' promise activities (see session_activity_store.hpp).
#include "collector/storage/session_activity_store.hpp"

namespace lyssna::storage {

void link_session_activity(Database& db, const SessionActivityRow& row) {
  StatementUse s(db.cached(
      "INSERT INTO dialogue_session_activities (session, activity, follow_up, linked_at, "
      "linked_by) VALUES (:session, :activity, NULL, :at, :by) ON CONFLICT (session) DO UPDATE "
      "SET activity = excluded.activity, follow_up = NULL, linked_at = excluded.linked_at, "
      "linked_by = excluded.linked_by WHERE activity != excluded.activity"));
  s->bind(":session", row.session)
      .bind(":activity", row.activity)
      .bind(":at", row.linked_at)
      .bind(":by", row.linked_by);
  s->step();
}

bool unlink_session_activity(Database& db, const std::string& session) {
  StatementUse s(db.cached("DELETE FROM dialogue_session_activities WHERE session = :session"));
  s->bind(":session", session);
  s->step();
  return db.changes() > 0;
}

std::optional<SessionActivityRow> session_activity(Database& db, const std::string& session) {
  StatementUse s(
      db.cached("SELECT session, activity, follow_up, linked_at, linked_by FROM "
                "dialogue_session_activities WHERE session = :session"));
  s->bind(":session", session);
  if (!s->step()) return std::nullopt;
  SessionActivityRow r;
  r.session = s->text(0);
  r.activity = s->integer(1);
  if (!s->is_null(2)) r.follow_up = s->integer(2);
  r.linked_at = s->integer(3);
  r.linked_by = s->text(4);
  return r;
}

std::vector<UncountedDialogue> uncounted_dialogues(Database& db) {
  StatementUse s(
      db.cached("SELECT l.session, l.activity, d.held_on, d.place FROM "
                "dialogue_session_activities l JOIN dialogue_sessions d ON d.id = l.session "
                "WHERE l.follow_up IS NULL AND d.status = 'closed' ORDER BY d.held_on, l.session"));
  std::vector<UncountedDialogue> out;
  while (s->step()) out.push_back({s->text(0), s->integer(1), s->text(2), s->text(3)});
  return out;
}

void set_session_follow_up(Database& db, const std::string& session, int64_t follow_up) {
  StatementUse s(
      db.cached("UPDATE dialogue_session_activities SET follow_up = :follow_up WHERE session = "
                ":session"));
  s->bind(":session", session).bind(":follow_up", follow_up);
  s->step();
}

}  // namespace lyssna::storage
