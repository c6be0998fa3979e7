// Workspace sessions in SQLite, each known only by the SHA-256 digest of
// its id (the cookie's value is never stored), with the times its timeouts
// count from and the language its pages are shown in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "collector/storage/sqlite.hpp"
#include "collector/storage/user_store.hpp"

namespace lyssna::storage {

struct SessionRow {
  std::string id_hash;
  int64_t user_id = 0;
  std::string lang;
  int64_t created_at = 0;  // the absolute timeout counts from here
  int64_t seen_at = 0;     // the idle timeout from here
};

void insert_session(Database& db, const SessionRow& row);
// The session and its user, in one read.
struct SessionWithUser {
  SessionRow session;
  UserRow user;
};
std::optional<SessionWithUser> find_session(Database& db, std::string_view id_hash);
void touch_session(Database& db, std::string_view id_hash, int64_t now);
void set_session_language(Database& db, std::string_view id_hash, std::string_view lang);
void delete_session(Database& db, std::string_view id_hash);
// Ends every session of a user (disabled, or a new password); how many.
int64_t delete_user_sessions(Database& db, int64_t user_id);
// Ends the sessions idle since before `seen_before` or begun before
// `created_before`; how many.
int64_t delete_expired_sessions(Database& db, int64_t seen_before, int64_t created_before);

}  // namespace lyssna::storage
