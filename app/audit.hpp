// The audit log: who signed in (or failed to), signed out, changed a user,
// exported, recoded, edited a codebook or changed a survey, and when. Each
// entry names its actor, an action of the list below, a target (an id: a
// user's name, a survey id, a record id) and a short note the program
// makes; never a resident's free text, a password or a session id. An
// action that changes something records its entry in the same transaction
// as the change, so the log never misses a change that happened nor holds
// one that did not.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/access.hpp"
#include "collector/storage/sqlite.hpp"

namespace lyssna::app {

class Services;

enum class AuditAction {
  login,              // target: the user
  login_failed,       // target: the user, or "" for a name that is no user's (never the name typed)
  account_locked,     // too many failed logins in a row; target: the user
  logout,             // target: the user
  user_created,       // target: the user; detail: "role=..."
  password_changed,   // target: the user
  user_disabled,      // target: the user
  user_enabled,       // target: the user
  user_unlocked,      // target: the user
  user_role_changed,  // target: the user; detail: "analyst -> viewer"
  // For the analyses and survey administration (the later workspace pages):
  responses_exported,    // target: the survey; detail: the format
  response_recoded,      // target: "<survey>/<record id>"; detail: "+theme -theme"
  codebook_changed,      // target: the survey
  survey_changed,        // target: the survey; detail: what changed (names of settings)
  priorities_changed,    // target: the survey; detail: the blend's weights, or "blend reset"
  priority_marked,       // target: the survey; detail: "theme=... area=..." ("" whole survey)
  priority_unmarked,     // target: the survey; detail: as priority_marked
  suggestion_dismissed,  // target: the survey; detail: the suggestion's key (a term)
  // The citizen promise (app/promise.hpp):
  promise_changed,          // target: "promise/<id>"; detail: what ("created", "status a -> b")
  promise_parties_changed,  // target: "kommun/<id>"; detail: "added <party id>", "changed <id>"
  follow_up_recorded,       // target: "promise/<id>"; detail: "activity <id> follow_up <id> ..."
  // Facilitator mode (app/dialogues.hpp) and sync:
  dialogue_changed,    // target: "session/<id>"; detail: "created", "status a -> b", "kiosk ..."
  vote_changed,        // target: "vote/<id>"; detail: "created", "opened", "closed"
  sync_token_changed,  // target: the token's name; detail: "created", "revoked"
  sync_received,       // target: the token's name; detail: what was taken, skipped, refused
};

std::string_view audit_action_name(AuditAction action);
std::optional<AuditAction> parse_audit_action(std::string_view name);

// Who did it, as the log names them.
struct Actor {
  std::string name;
  static Actor of(const Access& access) { return {access.actor()}; }
  // The command line, run by the Unix user `os_user`: "cli:<os_user>".
  static Actor command_line(const std::string& os_user) { return {"cli:" + os_user}; }
};

// Limits of an entry's text: target and detail are ids and short notes.
inline constexpr size_t max_audit_target = 200;
inline constexpr size_t max_audit_detail = 200;

// Appends an entry inside the caller's transaction (a job of the writer
// that makes the change). Throws Error for a target or detail over its
// limit or not valid UTF-8: that is a bug of the caller, not input.
void record_audit(storage::Database& db, int64_t at, const Actor& actor, AuditAction action,
                  std::string_view target = {}, std::string_view detail = {});
// Appends an entry in a transaction of its own through the writer, at the
// services' time: for what changes nothing stored (an export).
void record_audit(Services& services, const Actor& actor, AuditAction action,
                  std::string_view target = {}, std::string_view detail = {});

struct AuditEntry {
  int64_t seq = 0;
  int64_t at = 0;
  std::string actor, action, target, detail;
};
struct AuditPage {
  std::vector<AuditEntry> entries;  // newest first
  int64_t total = 0;                // entries in the whole log
};
// `limit` entries (1 to 1000) after the newest `offset`. Throws Invalid
// naming the field for a limit or offset out of range.
AuditPage list_audit(Services& services, int64_t limit, int64_t offset);

}  // namespace lyssna::app
