// Sync's own tables (migrations 8 and 9): the central server's sync tokens
// (kept as digests), and on a laptop what it has sent to which central
// server (sessions and votes with the digest of each line, so a line that
// changed goes again; records, which never change, by arrival number) and
// what that server refused and why. Runs inside the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <functional>

#include "collector/interchange/record.hpp"
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
  std::string kind;    // session, record, vote
  std::string key;     // a session's or vote's id; a record's "<survey>/<id>"
  std::string digest;  // a record's: empty (records never change)
};
// The sessions and votes `target` acknowledged.
std::vector<SentLine> sent_lines(Database& db, const std::string& target);
// The session or vote line was durably taken by `target`: kept as sent, and
// no longer refused (`clear_refusal` false: `target` refused nothing).
void mark_sent(Database& db, const std::string& target, const SentLine& line, int64_t at,
               bool clear_refusal = true);
bool has_refusals(Database& db, const std::string& target);
// Forgets a refusal of `target` (the line was taken since).
void clear_refusal(Database& db, const std::string& target, const std::string& kind,
                   const std::string& key);

// The number sync_sent_records keys a central server's URL by; made on
// first use (inside a write).
int64_t sync_target_id(Database& db, const std::string& target);
// The record of arrival number `seq` was durably taken by the target.
void mark_record_sent(Database& db, int64_t target_id, int64_t seq);
// Every record `target` has not acknowledged, in arrival order, as stored
// (its answers' text unparsed). Call inside a ReadSnapshot for one moment's state.
void for_each_unsent_record(
    Database& db, const std::string& target,
    const std::function<void(int64_t seq, const interchange::StoredRecordText&)>& visit);
int64_t unsent_record_count(Database& db, const std::string& target);

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
