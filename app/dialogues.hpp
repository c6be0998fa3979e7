// Facilitator mode: dialogue sessions (interchange.md section 6), what is
// collected in them, and the room's dot votes. One session is one safety
// dialogue: a meeting, street interviews, a walk (trygghetsvandring) or a
// kiosk, held for one survey. A facilitator sees and runs only the sessions
// they created; an admin, a script and the command line all of them.
// Records collected in a session carry its id and channel `dialogue`
// (phones that joined it, a note taker's notes) or `kiosk`.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/access.hpp"
#include "app/audit.hpp"
#include "app/services.hpp"
#include "app/submission.hpp"
#include "collector/interchange/dialogue_lines.hpp"
#include "collector/interchange/record.hpp"
#include "collector/storage/dialogue_store.hpp"
#include "util/errors.hpp"

namespace lyssna::app {

struct SessionInput {
  std::string survey;
  std::optional<std::string> area;  // one of the survey's areas, or none
  std::string place;
  std::string held_on;                 // YYYY-MM-DD
  std::string format;                  // meeting, street, walk, kiosk
  std::vector<std::string> languages;  // of the survey's; the first is the session's own
  std::string facilitator;             // the name the summary and the export carry
};

struct DialogueSession {
  interchange::SessionLine line;
  std::optional<int64_t> owner;
  std::optional<std::string> join_code;  // set while the session is not closed
  bool kiosk_pin_set = false;
  int64_t kiosk_idle_seconds = 90;
  storage::SessionCounts counts;
  const std::string& id() const { return line.id; }
  bool is_open() const { return line.status == "open"; }
};

inline constexpr int64_t min_kiosk_idle_seconds = 15;
inline constexpr int64_t max_kiosk_idle_seconds = 3600;
inline constexpr size_t max_note_length = 2000;

// Creates an open session with a new id unique across laptops
// ("s-2026-03-12-jordbro-bibliotek-3f9a1c") and a short join code for phones.
// Needs own_dialogues; throws Invalid naming the field (survey, area,
// place, held_on, format, languages, facilitator).
DialogueSession create_session(Services& services, const Access& access, const SessionInput& in);
// The sessions `access` may see, newest first, with their counts.
std::vector<DialogueSession> list_sessions(Services& services, const Access& access);
// NotFound unless the session exists and `access` may see it.
// "session/<id>", the audit log's target of a session's changes.
std::string session_target(const std::string& id);
DialogueSession session_of(Services& services, const Access& access, const std::string& id);
// For phones joining: the session with this join code, whatever its status
// (the page says when it is paused or closed); NotFound otherwise. Wrong
// codes count against `client` (an address, kept in memory only, as wrong
// invitation codes do): after 30 in 15 minutes TooManyAttempts, so that
// nobody finds a session's code by trying them.
DialogueSession session_by_join_code(Services& services, const std::string& code,
                                     const std::string& client = "");
// For the kiosk and the phones' pages, which have no signed-in user:
// NotFound when there is no such session.
DialogueSession session_for_room(Services& services, const std::string& id);
// open <-> paused, either -> closed; closed is final. Invalid naming
// "status" otherwise. Closing drops the join code.
DialogueSession set_session_status(Services& services, const Access& access, const std::string& id,
                                   const std::string& status);
// The kiosk's PIN (4 to 12 digits; empty leaves it as it is) and idle reset time.
void set_kiosk(Services& services, const Access& access, const std::string& id,
               const std::string& pin, int64_t idle_seconds);
// Whether `pin` is the kiosk's PIN (false when none is set). Counts wrong
// guesses like logins do (the login gate's slots).
bool check_kiosk_pin(Services& services, const std::string& id, const std::string& pin);

// Stores a record collected in the open session `session_id` on this
// machine: the session sets its survey, session and channel (`dialogue` or
// `kiosk`); the time is the server's; `lang` must be one of the
// questionnaire's. Throws Conflict naming "session" when the session is not
// open, Invalid for answers that do not fit. The same record id again is a
// duplicate (a retried submit).
Submitted submit_in_session(Services& services, const std::string& session_id,
                            const std::string& channel, interchange::Record record);

struct NoteInput {
  std::string id;  // the page's own id for the note, so a retried save is one note
  std::string text;
  std::string lang;                  // the speaker's language
  std::optional<std::string> place;  // a place the note is about (free_place)
  std::optional<std::string> stop;   // a walk's stop: its name; becomes the place too
  std::optional<std::string> age_group;
  std::optional<std::string> gender;
};
// A note taker's note as a record of channel dialogue (free_text, area of
// the session, free_place, age_group, gender), marked as a note (and at its
// stop). Needs own_dialogues on the session.
Submitted take_note(Services& services, const Access& access, const std::string& session_id,
                    const NoteInput& note);
std::vector<storage::Stop> stops_of(Services& services, const std::string& session_id);
// Marks stored records of `survey` as notes of their sessions (records that
// came in by import: the demo's, a laptop's export); records that are not
// of channel dialogue or whose session is not here are left as they are.
// Returns how many were marked.
int64_t mark_notes(Services& services, const std::string& survey,
                   const std::vector<std::string>& record_ids);

// Dot votes.
struct VoteInput {
  std::string session;
  std::vector<std::string> candidates;  // theme ids of the codebook or custom:<slug>
  std::map<std::string, std::map<std::string, std::string>> labels;  // custom ones
  int64_t dots_per_ballot = 3;
};
struct Tally {
  std::string candidate;
  int64_t dots = 0;
  int64_t ballots = 0;  // ballots with at least one dot on it
};
struct Vote {
  interchange::VoteLine line;  // with its ballots
  bool is_open = false;
  std::vector<Tally> tally;  // in candidate order
  int64_t ballots = 0;
};
// Creates a vote (closed until opened); candidates checked against the
// survey's codebook. Needs own_dialogues on the session.
Vote create_vote(Services& services, const Access& access, const VoteInput& in);
void set_vote_open(Services& services, const Access& access, const std::string& vote_id,
                   bool is_open);
Vote vote_of(Services& services, const std::string& vote_id);
std::vector<Vote> votes_of_session(Services& services, const std::string& session_id);
// The session's open vote, if any (the phones' page shows it); without
// `with_ballots` its ballots are not read (no tally: what a ballot needs).
std::optional<Vote> open_vote(Services& services, const std::string& session_id,
                              bool with_ballots = true);
// A participant's ballot: the vote and its session must be open; the ballot
// follows the contract's rules (BadInput naming "dots"). The same ballot
// again is a duplicate; other dots under its id a Conflict naming "ballot".
Outcome cast_ballot(Services& services, const std::string& vote_id,
                    const interchange::Ballot& ballot);
// A candidate's label in `lang`: the codebook's theme label, the room's
// own label, falling back to Swedish, English, then the id.
std::string candidate_label(Services& services, const Vote& vote, const std::string& survey,
                            const std::string& candidate, const std::string& lang);

}  // namespace lyssna::app
