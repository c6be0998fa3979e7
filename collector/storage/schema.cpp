// Connection settings and schema migrations (see schema.hpp). A migration is
// appended, never edited: databases in the field were built by the old text.
#include "collector/storage/schema.hpp"

#include <array>
#include <string_view>

#include "util/errors.hpp"

namespace lyssna::storage {
namespace {

constexpr std::array<std::string_view, 10> migrations = {
    // 1: surveys, responses (the contract's record, answers as canonical JSON),
    // invitation codes kept only as hashes with a used flag and nothing that
    // ties them to a response or a person.
    R"sql(
CREATE TABLE surveys (
  id TEXT PRIMARY KEY,
  definition TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE TABLE responses (
  seq INTEGER PRIMARY KEY,
  survey TEXT NOT NULL REFERENCES surveys(id),
  id TEXT NOT NULL,
  lang TEXT NOT NULL,
  channel TEXT NOT NULL,
  session TEXT,
  submitted_at TEXT NOT NULL,
  submitted_epoch INTEGER NOT NULL,
  answers TEXT NOT NULL,
  UNIQUE (survey, id)
) STRICT;
CREATE TABLE invitation_codes (
  survey TEXT NOT NULL REFERENCES surveys(id),
  code_hash TEXT NOT NULL,
  used INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (survey, code_hash)
) STRICT, WITHOUT ROWID;
)sql",
    // 2: analysis. A survey's own codebook (else the default applies), and
    // manual theme coding as an append-only log: the latest code for a
    // record and theme wins, and the history shows who changed what when.
    R"sql(
CREATE TABLE codebooks (
  survey TEXT PRIMARY KEY REFERENCES surveys(id),
  definition TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE TABLE manual_codes (
  seq INTEGER PRIMARY KEY,
  survey TEXT NOT NULL REFERENCES surveys(id),
  record_id TEXT NOT NULL,
  theme TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('add', 'remove')),
  coded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX manual_codes_by_record ON manual_codes (survey, record_id);
)sql",
    // 3: invitation codes issued from now on are stored as a keyed digest
    // (HMAC-SHA-256, key outside the database); earlier ones keep their
    // unkeyed digest and are marked so.
    R"sql(
ALTER TABLE invitation_codes ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0;
)sql",
    // 4: the workspace. Staff accounts (Argon2id hashes, never passwords;
    // consecutive failed logins and a lock, so that the command line can
    // lift it on a running server; users are disabled, never deleted, so
    // the audit log's names stay theirs), sessions known only by a digest
    // of their id, and the audit log of who did what when (never free text).
    R"sql(
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'facilitator', 'viewer')),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  last_failed_at INTEGER,
  locked_at INTEGER,
  last_login_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  lang TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  seen_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT ''
) STRICT;
)sql",
    // 5: the workspace's analyses. Who made a manual code; a survey's
    // population margins (interchange.md section 4), kept so every page
    // weights with the same ones; emergent-theme suggestions an analyst
    // dismissed (by their key, so `discover` does not offer them again);
    // the priority blend an analyst chose and the priorities marked to
    // become promises (area '' is the whole survey); and a revision per
    // survey, raised in the same transaction as any change of what its
    // analyses read besides responses and codes (codebook, margins), so a
    // cache of results knows exactly when it is stale.
    R"sql(
ALTER TABLE manual_codes ADD COLUMN coded_by TEXT NOT NULL DEFAULT '';
CREATE TABLE survey_margins (
  survey TEXT PRIMARY KEY REFERENCES surveys(id),
  definition TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;
CREATE TABLE dismissed_suggestions (
  survey TEXT NOT NULL REFERENCES surveys(id),
  suggestion TEXT NOT NULL,
  dismissed_at INTEGER NOT NULL,
  dismissed_by TEXT NOT NULL,
  PRIMARY KEY (survey, suggestion)
) STRICT, WITHOUT ROWID;
CREATE TABLE priority_settings (
  survey TEXT PRIMARY KEY REFERENCES surveys(id),
  definition TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;
CREATE TABLE priority_marks (
  survey TEXT NOT NULL REFERENCES surveys(id),
  area TEXT NOT NULL,
  theme TEXT NOT NULL,
  marked_at INTEGER NOT NULL,
  marked_by TEXT NOT NULL,
  PRIMARY KEY (survey, area, theme)
) STRICT, WITHOUT ROWID;
CREATE TABLE analysis_revisions (
  survey TEXT PRIMARY KEY REFERENCES surveys(id),
  revision INTEGER NOT NULL
) STRICT;
)sql",
    // 6: the citizen promise (docs/promise.md). Each kommun's list of
    // parties and units (names per language as a JSON object), the promise
    // documents with their signatory parties, focus areas (with the marked
    // priorities they come from and the figures that justified them, as
    // JSON taken when drafted), activities with their responsible parties,
    // an optional countable target and a follow-up indicator, and the
    // follow-ups recorded through the year. Texts per language are JSON
    // objects {"sv": .., "en": ..}.
    R"sql(
CREATE TABLE promise_parties (
  id INTEGER PRIMARY KEY,
  kommun TEXT NOT NULL,
  code TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('kommun', 'police', 'external')),
  names TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  UNIQUE (kommun, code)
) STRICT;
CREATE TABLE promises (
  id INTEGER PRIMARY KEY,
  kommun TEXT NOT NULL,
  first_year INTEGER NOT NULL,
  last_year INTEGER NOT NULL CHECK (last_year >= first_year),
  titles TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'adopted', 'published', 'evaluated')),
  copied_from INTEGER REFERENCES promises(id),
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;
CREATE INDEX promises_by_kommun ON promises (kommun, first_year);
CREATE TABLE promise_signatories (
  promise INTEGER NOT NULL REFERENCES promises(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  party INTEGER NOT NULL REFERENCES promise_parties(id),
  PRIMARY KEY (promise, position),
  UNIQUE (promise, party)
) STRICT;
CREATE TABLE promise_focus_areas (
  id INTEGER PRIMARY KEY,
  promise INTEGER NOT NULL REFERENCES promises(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  titles TEXT NOT NULL
) STRICT;
CREATE INDEX promise_focus_areas_by_promise ON promise_focus_areas (promise, position);
CREATE TABLE promise_focus_sources (
  focus_area INTEGER NOT NULL REFERENCES promise_focus_areas(id) ON DELETE CASCADE,
  survey TEXT NOT NULL REFERENCES surveys(id),
  area TEXT NOT NULL,
  theme TEXT NOT NULL,
  figures TEXT NOT NULL,
  PRIMARY KEY (focus_area, survey, area, theme)
) STRICT;
CREATE TABLE promise_activities (
  id INTEGER PRIMARY KEY,
  focus_area INTEGER NOT NULL REFERENCES promise_focus_areas(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  texts TEXT NOT NULL,
  prioritised_areas TEXT NOT NULL,
  frequency TEXT NOT NULL,
  target_count INTEGER CHECK (target_count > 0),
  target_unit TEXT CHECK (target_unit IN ('year', 'half_year', 'tertial', 'quarter', 'month', 'week')),
  indicator_kind TEXT NOT NULL CHECK (indicator_kind IN ('survey_indicator', 'count', 'text')),
  indicator_id TEXT NOT NULL,
  indicator_area TEXT NOT NULL,
  indicator_texts TEXT NOT NULL,
  CHECK ((target_count IS NULL) = (target_unit IS NULL))
) STRICT;
CREATE INDEX promise_activities_by_focus_area ON promise_activities (focus_area, position);
CREATE TABLE promise_activity_parties (
  activity INTEGER NOT NULL REFERENCES promise_activities(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  party INTEGER NOT NULL REFERENCES promise_parties(id),
  PRIMARY KEY (activity, position),
  UNIQUE (activity, party)
) STRICT;
CREATE TABLE promise_follow_ups (
  id INTEGER PRIMARY KEY,
  activity INTEGER NOT NULL REFERENCES promise_activities(id) ON DELETE CASCADE,
  date TEXT NOT NULL,
  done_count INTEGER NOT NULL CHECK (done_count >= 0),
  status TEXT NOT NULL CHECK (status IN ('on_track', 'behind', 'done', 'dropped')),
  public_texts TEXT NOT NULL,
  internal_note TEXT NOT NULL,
  published INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  recorded_by TEXT NOT NULL
) STRICT;
CREATE INDEX promise_follow_ups_by_activity ON promise_follow_ups (activity, date);
)sql",
    // 7: what of a promise reaches the public beside its activities: the
    // residents' words an analyst published with a focus area (the text as
    // published, so later edits of the record do not change it), and the
    // year-end evaluation of each focus area (the compared indicators as
    // JSON, computed when evaluated, and the analysts' conclusion).
    R"sql(
CREATE TABLE promise_quotes (
  id INTEGER PRIMARY KEY,
  focus_area INTEGER NOT NULL REFERENCES promise_focus_areas(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  record_id TEXT NOT NULL,
  text TEXT NOT NULL,
  lang TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  published_by TEXT NOT NULL,
  UNIQUE (focus_area, record_id, text)
) STRICT;
CREATE TABLE promise_evaluations (
  focus_area INTEGER PRIMARY KEY REFERENCES promise_focus_areas(id) ON DELETE CASCADE,
  later_survey TEXT NOT NULL,
  indicators TEXT NOT NULL,
  conclusions TEXT NOT NULL,
  evaluated_at INTEGER NOT NULL,
  evaluated_by TEXT NOT NULL
) STRICT;
)sql",
    // 8: facilitator mode (interchange.md section 6). Dialogue sessions and
    // votes with their ballots, as the contract has them, plus what stays on
    // the machine that holds them: who created a session here (null for one
    // imported or synced), the short code phones join by, the kiosk's PIN
    // (a password hash) and idle time, walk stops and which records are a
    // note taker's notes. Sync tokens are kept as digests; a laptop keeps
    // what it has sent where (the digest of the line, so a changed session
    // or a vote with new ballots goes again) and what was refused and why.
    R"sql(
CREATE TABLE dialogue_sessions (
  id TEXT PRIMARY KEY,
  survey TEXT NOT NULL REFERENCES surveys(id),
  area TEXT,
  place TEXT NOT NULL,
  held_on TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('meeting', 'street', 'walk', 'kiosk')),
  languages TEXT NOT NULL,
  facilitator TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'paused', 'closed')),
  owner INTEGER REFERENCES users(id),
  join_code TEXT UNIQUE,
  kiosk_pin_hash TEXT,
  kiosk_idle_seconds INTEGER NOT NULL DEFAULT 90,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX dialogue_sessions_by_owner ON dialogue_sessions (owner);
CREATE INDEX responses_by_session ON responses (session) WHERE session IS NOT NULL;
CREATE TABLE dialogue_stops (
  id INTEGER PRIMARY KEY,
  session TEXT NOT NULL REFERENCES dialogue_sessions(id),
  name TEXT NOT NULL,
  position INTEGER NOT NULL,
  UNIQUE (session, name)
) STRICT;
CREATE TABLE dialogue_notes (
  survey TEXT NOT NULL,
  record_id TEXT NOT NULL,
  session TEXT NOT NULL REFERENCES dialogue_sessions(id),
  stop INTEGER REFERENCES dialogue_stops(id),
  PRIMARY KEY (survey, record_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE dialogue_votes (
  id TEXT PRIMARY KEY,
  session TEXT NOT NULL REFERENCES dialogue_sessions(id),
  candidates TEXT NOT NULL,
  labels TEXT NOT NULL,
  dots_per_ballot INTEGER NOT NULL CHECK (dots_per_ballot > 0),
  is_open INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX dialogue_votes_by_session ON dialogue_votes (session);
CREATE TABLE dialogue_ballots (
  vote TEXT NOT NULL REFERENCES dialogue_votes(id),
  id TEXT NOT NULL,
  dots TEXT NOT NULL,
  cast_at INTEGER NOT NULL,
  PRIMARY KEY (vote, id)
) STRICT, WITHOUT ROWID;
CREATE TABLE sync_tokens (
  name TEXT PRIMARY KEY,
  token_digest TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at INTEGER,
  last_used_at INTEGER
) STRICT;
CREATE TABLE sync_sent (
  target TEXT NOT NULL,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  digest TEXT NOT NULL,
  sent_at INTEGER NOT NULL,
  PRIMARY KEY (target, kind, key)
) STRICT, WITHOUT ROWID;
CREATE TABLE sync_refused (
  target TEXT NOT NULL,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  digest TEXT NOT NULL,
  field TEXT NOT NULL,
  reason TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (target, kind, key)
) STRICT, WITHOUT ROWID;
)sql",
    // 9: what a laptop sent of its records, by arrival number. Records never
    // change once stored, so they need no digest, and a sync skips the sent
    // ones in its query instead of reading, writing and digesting each
    // (sync_sent kept 150 bytes of text a record; this keeps two integers).
    R"sql(
CREATE TABLE sync_targets (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL UNIQUE
) STRICT;
CREATE TABLE sync_sent_records (
  target INTEGER NOT NULL REFERENCES sync_targets(id),
  seq INTEGER NOT NULL,
  PRIMARY KEY (target, seq)
) STRICT, WITHOUT ROWID;
INSERT INTO sync_targets (url) SELECT DISTINCT target FROM sync_sent WHERE kind = 'record';
-- A record's key is "<survey>/<id>"; survey ids hold no '/'.
INSERT INTO sync_sent_records (target, seq)
  SELECT t.id, r.seq FROM sync_sent s
  JOIN sync_targets t ON t.url = s.target
  JOIN responses r ON r.survey = substr(s.key, 1, instr(s.key, '/') - 1)
                  AND r.id = substr(s.key, instr(s.key, '/') + 1)
  WHERE s.kind = 'record';
DELETE FROM sync_sent WHERE kind = 'record';
)sql",
    // 10: the promise activity a dialogue session counts toward ("minst fyra
    // trygghetsdialoger"), and the follow-up its closing recorded (once).
    // Local to this database: the contract's session line has no such field.
    R"sql(
CREATE TABLE dialogue_session_activities (
  session TEXT PRIMARY KEY REFERENCES dialogue_sessions(id),
  activity INTEGER NOT NULL REFERENCES promise_activities(id) ON DELETE CASCADE,
  follow_up INTEGER REFERENCES promise_follow_ups(id) ON DELETE SET NULL,
  linked_at INTEGER NOT NULL,
  linked_by TEXT NOT NULL
) STRICT;
CREATE INDEX dialogue_session_activities_by_activity ON dialogue_session_activities (activity);
)sql",
};

void configure(Database& db) {
  // Reads through a memory map: analyses scan every answer of a survey, and
  // page-by-page read() calls were a third of their time. Writes still go
  // through the WAL with a sync at each commit.
  db.exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA mmap_size = 2147483648;");
}

}  // namespace

int current_schema_version() {
  return static_cast<int>(migrations.size());
}

int migrate(Database& db) {
  int applied = 0;
  while (true) {
    WriteTransaction tx(db);
    int v = 0;
    {
      Statement version(db, "PRAGMA user_version");
      version.step();
      v = static_cast<int>(version.integer(0));
    }
    if (v > current_schema_version()) {
      throw StorageError("database '" + db.path() + "' has schema version " + std::to_string(v) +
                         ", newer than this lyssna (" + std::to_string(current_schema_version()) +
                         "); use a newer lyssna");
    }
    if (v == current_schema_version()) return applied;
    db.exec(migrations[static_cast<size_t>(v)]);
    db.exec("PRAGMA user_version = " + std::to_string(v + 1));
    tx.commit();
    ++applied;
  }
}

Database open_database(const std::string& path) {
  Database db(path);
  {
    Statement mode(db, "PRAGMA journal_mode = WAL");
    mode.step();
    if (mode.text(0) != "wal") throw StorageError("database '" + path + "' cannot use WAL mode");
  }
  configure(db);
  migrate(db);
  return db;
}

Database open_connection(const std::string& path) {
  Database db(path);
  configure(db);
  return db;
}

}  // namespace lyssna::storage
