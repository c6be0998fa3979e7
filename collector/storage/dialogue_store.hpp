// Dialogue sessions, their votes and ballots, walk stops and notes
// (migration 8): rows and the contract's merge rules for lines that arrive
// by import or sync (interchange.md section 6). Runs inside the caller's
// transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "collector/interchange/dialogue_lines.hpp"
#include "collector/storage/sqlite.hpp"

namespace lyssna::storage {

struct StoredSession {
  interchange::SessionLine line;
  std::optional<int64_t> owner;          // the user who created it here; none when it came in
  std::optional<std::string> join_code;  // the short code phones join by, when open here
  std::optional<std::string> kiosk_pin_hash;
  int64_t kiosk_idle_seconds = 90;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

std::optional<StoredSession> find_dialogue_session(Database& db, const std::string& id);
std::optional<StoredSession> find_dialogue_by_join_code(Database& db, const std::string& code);
// Newest first (held_on, then created); only `owner`'s when given.
std::vector<StoredSession> list_dialogue_sessions(Database& db,
                                                  std::optional<int64_t> owner = std::nullopt);
void insert_dialogue_session(Database& db, const StoredSession& s);
void set_dialogue_status(Database& db, const std::string& id, const std::string& status,
                         int64_t at);
void set_dialogue_join_code(Database& db, const std::string& id,
                            const std::optional<std::string>& code, int64_t at);
// Gives a session that has no owner here one (a laptop's facilitator takes
// the sessions fetched from the central server); false when it had one.
bool adopt_dialogue_session(Database& db, const std::string& id, int64_t owner, int64_t at);
void set_dialogue_kiosk(Database& db, const std::string& id,
                        const std::optional<std::string>& pin_hash, int64_t idle_seconds,
                        int64_t at);

struct SessionCounts {
  int64_t records = 0;   // every response record of the session
  int64_t dialogue = 0;  // of channel dialogue (phones and notes)
  int64_t kiosk = 0;     // of channel kiosk
  int64_t notes = 0;     // taken here by a note taker
  int64_t votes = 0;
  int64_t ballots = 0;
};
SessionCounts session_counts(Database& db, const std::string& id);

// What a line that came in did.
struct Merge {
  enum class Kind { stored, updated, duplicate, refused };
  Kind kind = Kind::stored;
  std::string field;          // for refused: the field that differs
  std::string reason;         // for refused
  int64_t ballots_added = 0;  // votes
  std::vector<std::pair<std::string, std::string>> ballot_refusals;  // field, reason
};

// A session line: new -> stored; the same -> duplicate; a later status ->
// updated; an earlier status -> duplicate (what is stored went further: two
// laptops at one dialogue close it at different times); any other field
// different -> refused, naming it.
Merge merge_session(Database& db, const interchange::SessionLine& line, int64_t now);
// A vote line: its session must be stored; new -> stored with its ballots;
// candidates, labels or dots_per_ballot different -> refused naming the
// field; else the union of ballots by id: new ones added (updated), one seen
// with other dots refused (the others are still taken).
Merge merge_vote(Database& db, const interchange::VoteLine& line, int64_t now);

struct StoredVote {
  interchange::VoteLine line;  // with every ballot, in the order cast
  bool is_open = false;        // taking ballots here
  int64_t created_at = 0;
};
// Without `with_ballots` a vote's line has no ballots: what a ballot being
// cast needs (its candidates and dots), without reading every ballot cast.
std::optional<StoredVote> find_vote(Database& db, const std::string& id, bool with_ballots = true);
std::vector<StoredVote> votes_of_session(Database& db, const std::string& session,
                                         bool with_ballots = true);
std::vector<StoredVote> all_votes(Database& db);
void insert_vote(Database& db, const interchange::VoteLine& line, bool is_open, int64_t at);
void set_vote_open(Database& db, const std::string& id, bool is_open);

enum class BallotStatus { stored, same, conflict };
BallotStatus insert_ballot(Database& db, const std::string& vote, const interchange::Ballot& b,
                           int64_t at);

struct Stop {
  int64_t id = 0;
  std::string name;
  int64_t position = 0;
};
std::vector<Stop> stops_of(Database& db, const std::string& session);
// Adds a stop at the end of the walk, or returns the one of that name.
int64_t add_stop(Database& db, const std::string& session, const std::string& name);

struct NoteRow {
  std::string survey, record_id;
  std::optional<int64_t> stop;
};
void mark_note(Database& db, const NoteRow& note, const std::string& session);
std::vector<NoteRow> notes_of(Database& db, const std::string& session);

// Ids of the sessions' records; for the session summary and exports.
std::vector<std::pair<std::string, std::string>> session_record_ids(Database& db,
                                                                    const std::string& session);

}  // namespace lyssna::storage
