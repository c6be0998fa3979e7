// Which promise activity a dialogue session counts toward (migration 10),
// and the follow-up its closing recorded there. Runs inside the caller's
// transaction; the rules (who may link, what a follow-up says) are
// app/dialogues_held.hpp's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "collector/storage/sqlite.hpp"

namespace lyssna::storage {

struct SessionActivityRow {
  std::string session;
  int64_t activity = 0;
  std::optional<int64_t> follow_up;  // none until the closed session was counted
  int64_t linked_at = 0;
  std::string linked_by;
};

// Links `row.session` to `row.activity` (replacing another link, which
// forgets its follow-up: that one stays with the activity it counted for).
void link_session_activity(Database& db, const SessionActivityRow& row);
// Returns whether there was a link.
bool unlink_session_activity(Database& db, const std::string& session);
std::optional<SessionActivityRow> session_activity(Database& db, const std::string& session);

// A closed session linked to an activity whose follow-up is not recorded yet.
struct UncountedDialogue {
  std::string session;
  int64_t activity = 0;
  std::string held_on, place;
};
std::vector<UncountedDialogue> uncounted_dialogues(Database& db);
void set_session_follow_up(Database& db, const std::string& session, int64_t follow_up);

}  // namespace lyssna::storage
