// Dialogue sessions, votes and ballots (see dialogue_store.hpp).
#include "collector/storage/dialogue_store.hpp"

#include <nlohmann/json.hpp>

namespace lyssna::storage {
namespace {

using interchange::Ballot;
using interchange::SessionLine;
using interchange::VoteLine;
using nlohmann::json;

StoredSession session_row(Statement& s) {
  StoredSession out;
  out.line.id = s.text(0);
  out.line.survey = s.text(1);
  out.line.area = s.optional_text(2);
  out.line.place = s.text(3);
  out.line.held_on = s.text(4);
  out.line.format = s.text(5);
  out.line.languages = json::parse(s.text_view(6)).get<std::vector<std::string>>();
  out.line.facilitator = s.text(7);
  out.line.status = s.text(8);
  if (!s.is_null(9)) out.owner = s.integer(9);
  out.join_code = s.optional_text(10);
  out.kiosk_pin_hash = s.optional_text(11);
  out.kiosk_idle_seconds = s.integer(12);
  out.created_at = s.integer(13);
  out.updated_at = s.integer(14);
  return out;
}

std::string dots_text(const Ballot& b) {
  json dots = json::object();  // keys sorted: the same dots give the same text
  for (const auto& [c, n] : b.dots) dots[c] = n;
  return dots.dump();
}

std::string labels_text(const VoteLine& v) {
  json labels = json::object();
  for (const auto& [c, per_lang] : v.labels) {
    for (const auto& [lang, text] : per_lang) labels[c][lang] = text;
  }
  return labels.dump();
}

std::vector<Ballot> ballots_of(Database& db, const std::string& vote) {
  StatementUse s(
      db.cached("SELECT id, dots FROM dialogue_ballots WHERE vote = :vote ORDER BY cast_at, id"));
  s->bind(":vote", vote);
  std::vector<Ballot> out;
  while (s->step()) {
    Ballot b;
    b.id = s->text(0);
    b.dots = json::parse(s->text_view(1)).get<std::map<std::string, int64_t>>();
    out.push_back(std::move(b));
  }
  return out;
}

StoredVote vote_row(Statement& s) {
  StoredVote v;
  v.line.id = s.text(0);
  v.line.session = s.text(1);
  v.line.candidates = json::parse(s.text_view(2)).get<std::vector<std::string>>();
  v.line.labels =
      json::parse(s.text_view(3)).get<std::map<std::string, std::map<std::string, std::string>>>();
  v.line.dots_per_ballot = s.integer(4);
  v.is_open = s.integer(5) != 0;
  v.created_at = s.integer(6);
  return v;
}

std::vector<StoredVote> votes_where(Database& db, Statement& s, bool with_ballots = true) {
  std::vector<StoredVote> out;
  while (s.step()) out.push_back(vote_row(s));
  // Ballots after the votes: one statement at a time on a cached handle.
  if (with_ballots)
    for (auto& v : out) v.line.ballots = ballots_of(db, v.line.id);
  return out;
}

}  // namespace

std::optional<StoredSession> find_dialogue_session(Database& db, const std::string& id) {
  StatementUse s(db.cached(
      "SELECT id, survey, area, place, held_on, format, languages, facilitator, status, owner, "
      "join_code, kiosk_pin_hash, kiosk_idle_seconds, created_at, updated_at "
      "FROM dialogue_sessions WHERE id = :id"));
  s->bind(":id", id);
  if (!s->step()) return std::nullopt;
  return session_row(*s);
}

std::optional<StoredSession> find_dialogue_by_join_code(Database& db, const std::string& code) {
  StatementUse s(db.cached(
      "SELECT id, survey, area, place, held_on, format, languages, facilitator, status, owner, "
      "join_code, kiosk_pin_hash, kiosk_idle_seconds, created_at, updated_at "
      "FROM dialogue_sessions WHERE join_code = :code"));
  s->bind(":code", code);
  if (!s->step()) return std::nullopt;
  return session_row(*s);
}

std::vector<StoredSession> list_dialogue_sessions(Database& db, std::optional<int64_t> owner) {
  StatementUse s(db.cached(
      "SELECT id, survey, area, place, held_on, format, languages, facilitator, status, owner, "
      "join_code, kiosk_pin_hash, kiosk_idle_seconds, created_at, updated_at "
      "FROM dialogue_sessions WHERE :owner IS NULL OR owner = :owner "
      "ORDER BY held_on DESC, created_at DESC, id"));
  if (owner) {
    s->bind(":owner", *owner);
  } else {
    s->bind(":owner", nullptr);
  }
  std::vector<StoredSession> out;
  while (s->step()) out.push_back(session_row(*s));
  return out;
}

void insert_dialogue_session(Database& db, const StoredSession& r) {
  StatementUse s(db.cached(
      "INSERT INTO dialogue_sessions (id, survey, area, place, held_on, format, languages, "
      "facilitator, status, owner, join_code, kiosk_pin_hash, kiosk_idle_seconds, created_at, "
      "updated_at) VALUES (:id, :survey, :area, :place, :held_on, :format, :languages, "
      ":facilitator, :status, :owner, :join_code, :pin, :idle, :created, :updated)"));
  s->bind(":id", r.line.id)
      .bind(":survey", r.line.survey)
      .bind(":area", r.line.area)
      .bind(":place", r.line.place)
      .bind(":held_on", r.line.held_on)
      .bind(":format", r.line.format)
      .bind(":languages", json(r.line.languages).dump())
      .bind(":facilitator", r.line.facilitator)
      .bind(":status", r.line.status)
      .bind(":join_code", r.join_code)
      .bind(":pin", r.kiosk_pin_hash)
      .bind(":idle", r.kiosk_idle_seconds)
      .bind(":created", r.created_at)
      .bind(":updated", r.updated_at);
  if (r.owner) {
    s->bind(":owner", *r.owner);
  } else {
    s->bind(":owner", nullptr);
  }
  s->step();
}

void set_dialogue_status(Database& db, const std::string& id, const std::string& status,
                         int64_t at) {
  StatementUse s(
      db.cached("UPDATE dialogue_sessions SET status = :status, updated_at = :at WHERE id = :id"));
  s->bind(":id", id).bind(":status", status).bind(":at", at);
  s->step();
}

void set_dialogue_join_code(Database& db, const std::string& id,
                            const std::optional<std::string>& code, int64_t at) {
  StatementUse s(
      db.cached("UPDATE dialogue_sessions SET join_code = :code, updated_at = :at WHERE id = :id"));
  s->bind(":id", id).bind(":code", code).bind(":at", at);
  s->step();
}

bool adopt_dialogue_session(Database& db, const std::string& id, int64_t owner, int64_t at) {
  StatementUse s(
      db.cached("UPDATE dialogue_sessions SET owner = :owner, updated_at = :at "
                "WHERE id = :id AND owner IS NULL"));
  s->bind(":id", id).bind(":owner", owner).bind(":at", at);
  s->step();
  return db.changes() > 0;
}

void set_dialogue_kiosk(Database& db, const std::string& id,
                        const std::optional<std::string>& pin_hash, int64_t idle_seconds,
                        int64_t at) {
  StatementUse s(
      db.cached("UPDATE dialogue_sessions SET kiosk_pin_hash = :pin, kiosk_idle_seconds = :idle, "
                "updated_at = :at WHERE id = :id"));
  s->bind(":id", id).bind(":pin", pin_hash).bind(":idle", idle_seconds).bind(":at", at);
  s->step();
}

SessionCounts session_counts(Database& db, const std::string& id) {
  SessionCounts c;
  {
    StatementUse s(
        db.cached("SELECT count(*), coalesce(sum(channel = 'dialogue'), 0), "
                  "coalesce(sum(channel = 'kiosk'), 0) FROM responses WHERE session = :id"));
    s->bind(":id", id);
    s->step();
    c.records = s->integer(0);
    c.dialogue = s->integer(1);
    c.kiosk = s->integer(2);
  }
  {
    StatementUse s(db.cached("SELECT count(*) FROM dialogue_notes WHERE session = :id"));
    s->bind(":id", id);
    s->step();
    c.notes = s->integer(0);
  }
  {
    StatementUse s(
        db.cached("SELECT count(DISTINCT v.id), count(b.id) FROM dialogue_votes v "
                  "LEFT JOIN dialogue_ballots b ON b.vote = v.id WHERE v.session = :id"));
    s->bind(":id", id);
    s->step();
    c.votes = s->integer(0);
    c.ballots = s->integer(1);
  }
  return c;
}

Merge merge_session(Database& db, const SessionLine& line, int64_t now) {
  auto stored = find_dialogue_session(db, line.id);
  if (!stored) {
    StoredSession row;
    row.line = line;
    row.created_at = row.updated_at = now;
    insert_dialogue_session(db, row);
    return {};
  }
  const auto& old = stored->line;
  auto refuse = [&](const char* field) {
    Merge m;
    m.kind = Merge::Kind::refused;
    m.field = field;
    m.reason = std::string("session '") + line.id + "' exists already with another '" + field +
               "'; only its status may change, and only forward (open, paused, closed)";
    return m;
  };
  if (line.survey != old.survey) return refuse("survey");
  if (line.area != old.area) return refuse("area");
  if (line.place != old.place) return refuse("place");
  if (line.held_on != old.held_on) return refuse("held_on");
  if (line.format != old.format) return refuse("format");
  if (line.languages != old.languages) return refuse("languages");
  if (line.facilitator != old.facilitator) return refuse("facilitator");
  Merge m;
  if (interchange::status_rank(line.status) > interchange::status_rank(old.status)) {
    set_dialogue_status(db, line.id, line.status, now);
    if (line.status == "closed") set_dialogue_join_code(db, line.id, std::nullopt, now);
    m.kind = Merge::Kind::updated;
  } else {
    m.kind = Merge::Kind::duplicate;
  }
  return m;
}

Merge merge_vote(Database& db, const VoteLine& line, int64_t now) {
  Merge m;
  if (!find_dialogue_session(db, line.session)) {
    m.kind = Merge::Kind::refused;
    m.field = "session";
    m.reason = "vote '" + line.id + "' names session '" + line.session +
               "', which is not here: its session line must come first";
    return m;
  }
  auto stored = find_vote(db, line.id);
  if (!stored) {
    insert_vote(db, line, false, now);
    m.kind = Merge::Kind::stored;
  } else {
    auto refuse = [&](const char* field) {
      Merge r;
      r.kind = Merge::Kind::refused;
      r.field = field;
      r.reason = std::string("vote '") + line.id + "' exists already with another '" + field +
                 "'; only ballots may be added";
      return r;
    };
    if (line.session != stored->line.session) return refuse("session");
    if (line.candidates != stored->line.candidates) return refuse("candidates");
    if (line.labels != stored->line.labels) return refuse("labels");
    if (line.dots_per_ballot != stored->line.dots_per_ballot) return refuse("dots_per_ballot");
    m.kind = Merge::Kind::duplicate;
  }
  for (size_t i = 0; i < line.ballots.size(); ++i) {
    switch (insert_ballot(db, line.id, line.ballots[i], now)) {
      case BallotStatus::stored:
        ++m.ballots_added;
        break;
      case BallotStatus::same:
        break;
      case BallotStatus::conflict:
        m.ballot_refusals.emplace_back("ballots[" + std::to_string(i) + "]",
                                       "ballot '" + line.ballots[i].id + "' of vote '" + line.id +
                                           "' is here already with other dots");
    }
  }
  if (m.kind == Merge::Kind::duplicate && m.ballots_added > 0) m.kind = Merge::Kind::updated;
  return m;
}

std::optional<StoredVote> find_vote(Database& db, const std::string& id, bool with_ballots) {
  std::optional<StoredVote> out;
  {
    StatementUse s(
        db.cached("SELECT id, session, candidates, labels, dots_per_ballot, is_open, created_at "
                  "FROM dialogue_votes WHERE id = :id"));
    s->bind(":id", id);
    if (!s->step()) return std::nullopt;
    out = vote_row(*s);
  }
  if (with_ballots) out->line.ballots = ballots_of(db, id);
  return out;
}

std::vector<StoredVote> votes_of_session(Database& db, const std::string& session,
                                         bool with_ballots) {
  StatementUse s(
      db.cached("SELECT id, session, candidates, labels, dots_per_ballot, is_open, created_at "
                "FROM dialogue_votes WHERE session = :session ORDER BY created_at, id"));
  s->bind(":session", session);
  return votes_where(db, *s, with_ballots);
}

std::vector<StoredVote> all_votes(Database& db) {
  StatementUse s(
      db.cached("SELECT id, session, candidates, labels, dots_per_ballot, is_open, created_at "
                "FROM dialogue_votes ORDER BY created_at, id"));
  return votes_where(db, *s);
}

void insert_vote(Database& db, const VoteLine& line, bool is_open, int64_t at) {
  StatementUse s(db.cached(
      "INSERT INTO dialogue_votes (id, session, candidates, labels, dots_per_ballot, is_open, "
      "created_at) VALUES (:id, :session, :candidates, :labels, :dots, :open, :at)"));
  s->bind(":id", line.id)
      .bind(":session", line.session)
      .bind(":candidates", json(line.candidates).dump())
      .bind(":labels", labels_text(line))
      .bind(":dots", line.dots_per_ballot)
      .bind(":open", is_open ? 1 : 0)
      .bind(":at", at);
  s->step();
}

void set_vote_open(Database& db, const std::string& id, bool is_open) {
  StatementUse s(db.cached("UPDATE dialogue_votes SET is_open = :open WHERE id = :id"));
  s->bind(":id", id).bind(":open", is_open ? 1 : 0);
  s->step();
}

BallotStatus insert_ballot(Database& db, const std::string& vote, const Ballot& b, int64_t at) {
  const std::string dots = dots_text(b);
  {
    StatementUse s(db.cached(
        "INSERT INTO dialogue_ballots (vote, id, dots, cast_at) VALUES (:vote, :id, :dots, :at) "
        "ON CONFLICT DO NOTHING"));
    s->bind(":vote", vote).bind(":id", b.id).bind(":dots", dots).bind(":at", at);
    s->step();
  }
  if (db.changes() > 0) return BallotStatus::stored;
  StatementUse s(db.cached("SELECT dots FROM dialogue_ballots WHERE vote = :vote AND id = :id"));
  s->bind(":vote", vote).bind(":id", b.id);
  s->step();
  return s->text_view(0) == dots ? BallotStatus::same : BallotStatus::conflict;
}

std::vector<Stop> stops_of(Database& db, const std::string& session) {
  StatementUse s(db.cached(
      "SELECT id, name, position FROM dialogue_stops WHERE session = :session ORDER BY position"));
  s->bind(":session", session);
  std::vector<Stop> out;
  while (s->step()) out.push_back({s->integer(0), s->text(1), s->integer(2)});
  return out;
}

int64_t add_stop(Database& db, const std::string& session, const std::string& name) {
  {
    StatementUse s(
        db.cached("SELECT id FROM dialogue_stops WHERE session = :session AND name = :name"));
    s->bind(":session", session).bind(":name", name);
    if (s->step()) return s->integer(0);
  }
  StatementUse s(db.cached(
      "INSERT INTO dialogue_stops (session, name, position) VALUES (:session, :name, "
      "(SELECT coalesce(max(position), 0) + 1 FROM dialogue_stops WHERE session = :session)) "
      "RETURNING id"));
  s->bind(":session", session).bind(":name", name);
  s->step();
  return s->integer(0);
}

void mark_note(Database& db, const NoteRow& note, const std::string& session) {
  StatementUse s(
      db.cached("INSERT INTO dialogue_notes (survey, record_id, session, stop) "
                "VALUES (:survey, :id, :session, :stop) ON CONFLICT DO NOTHING"));
  s->bind(":survey", note.survey).bind(":id", note.record_id).bind(":session", session);
  if (note.stop) {
    s->bind(":stop", *note.stop);
  } else {
    s->bind(":stop", nullptr);
  }
  s->step();
}

std::vector<NoteRow> notes_of(Database& db, const std::string& session) {
  StatementUse s(
      db.cached("SELECT survey, record_id, stop FROM dialogue_notes WHERE session = :session"));
  s->bind(":session", session);
  std::vector<NoteRow> out;
  while (s->step()) {
    NoteRow n{s->text(0), s->text(1), std::nullopt};
    if (!s->is_null(2)) n.stop = s->integer(2);
    out.push_back(std::move(n));
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> session_record_ids(Database& db,
                                                                    const std::string& session) {
  StatementUse s(
      db.cached("SELECT survey, id FROM responses WHERE session = :session ORDER BY seq"));
  s->bind(":session", session);
  std::vector<std::pair<std::string, std::string>> out;
  while (s->step()) out.emplace_back(s->text(0), s->text(1));
  return out;
}

}  // namespace lyssna::storage
