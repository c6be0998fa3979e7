// Dialogues that count themselves (docs/promise.md, "Dialogues held"): a
// dialogue session linked to an activity of an adopted or published
// promise ("minst fyra trygghetsdialoger") becomes one follow-up of that
// activity once it is closed: done count 1 on the session's day, on track,
// not yet published (an analyst publishes it, or records it otherwise).
// Once per session, however often its closing arrives (the workspace, a
// sync, an import) and in whichever order closing and linking come.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/access.hpp"
#include "app/audit.hpp"
#include "app/services.hpp"

namespace lyssna::app {

// An activity a session may count toward.
struct DialogueActivity {
  int64_t activity = 0, promise = 0;
  std::string label, promise_title;  // in the language asked, or Swedish
};
// The activities of adopted and published promises, by promise and position.
std::vector<DialogueActivity> dialogue_activities(Services& services, const std::string& lang);

struct SessionActivity {
  DialogueActivity activity;
  std::optional<int64_t> follow_up;  // recorded once the session was closed
};
std::optional<SessionActivity> activity_of_session(Services& services, const std::string& session,
                                                   const std::string& lang);
// The same, its label found among `choices` (dialogue_activities'), for a
// page that lists them anyway: every promise is loaded once, not twice.
std::optional<SessionActivity> activity_of_session(Services& services, const std::string& session,
                                                   const std::vector<DialogueActivity>& choices);

// Links the session to `activity` (none: unlinks), for whoever may manage
// the session (app/dialogues.hpp's rules: NotFound for another's). Invalid
// "activity" for an activity that is not of an adopted or published
// promise. A closed session is counted at once. Audited.
void set_session_activity(Services& services, const Access& access, const std::string& session,
                          std::optional<int64_t> activity);

// Records the follow-up of every closed, linked session not yet counted
// whose promise is adopted or published, as `actor`, in the caller's
// transaction: every path that closes a session (the workspace, a sync
// received, an import) or links one calls it. Returns how many it recorded.
int64_t count_dialogues_held(storage::Database& db, int64_t now, const Actor& actor);

}  // namespace lyssna::app
