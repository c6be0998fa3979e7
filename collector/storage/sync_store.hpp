// Sync's own tables (migration 8): the central server's sync tokens (kept
// as digests), and on a laptop what it has sent to which central server
// (with the digest of each line, so a line that changed goes again) and
// what that server refused and why. Runs inside the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "collector/storage/sqlite.hpp"

namespace lyssna::storage {

struct SyncTokenRow {
  std::string name;
  std::string token_digest;
  int64_t created_at = 0;
  std::string created_by;
  std::optional<int64_t> revoked_at;
  std::optional<int64_t> last_used_at;
};

// False when a token of that name exists (revoked or not: names stay unique
// so the audit log's entries keep meaning one laptop).
bool insert_sync_token(Database& db, const SyncTokenRow& row);
std::optional<SyncTokenRow> find_sync_token(Database& db, const std::string& name);
std::optional<SyncTokenRow> find_sync_token_by_digest(Database& db, const std::string& digest);
// Sets revoked_at unless already revoked; false when there was nothing to revoke.
bool revoke_sync_token(Database& db, const std::string& name, int64_t at);
void touch_sync_token(Database& db, const std::string& name, int64_t at);
std::vector<SyncTokenRow> list_sync_tokens(Database& db);

struct SentLine {
  std::string kind;  // session, record, vote
  std::string key;   // a session's or vote's id; a record's "<survey>/<id>"
  std::string digest;
};
// What `target` acknowledged.
std::vector<SentLine> sent_lines(Database& db, const std::string& target);
// The line was durably taken by `target`: kept as sent, and no longer
// refused (`clear_refusal` false: the caller knows `target` refused nothing).
void mark_sent(Database& db, const std::string& target, const SentLine& line, int64_t at,
               bool clear_refusal = true);
bool has_refusals(Database& db, const std::string& target);
// Lines `target` acknowledged; lines held here (sessions, records, votes).
int64_t sent_count(Database& db, const std::string& target);
// Forgets what `target` acknowledged (a central server restored from an
// older backup lacks some of it): every line goes again. Returns how many.
int64_t forget_sent(Database& db, const std::string& target);
int64_t held_line_count(Database& db);

struct RefusedLine {
  std::string target;
  SentLine line;
  std::string field, reason;
  int64_t at = 0;
};
void mark_refused(Database& db, const RefusedLine& refused);
// Every refusal kept (of `target` only, when not empty), by kind and key.
std::vector<RefusedLine> refused_lines(Database& db, const std::string& target = "");

}  // namespace lyssna::storage
