// Staff accounts in SQLite: name, role, Argon2id hash, whether disabled,
// and the count of consecutive failed logins with the lock they lead to.
// Rows are never deleted: a disabled user keeps its name in the audit log.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "collector/storage/sqlite.hpp"

namespace lyssna::storage {

struct UserRow {
  int64_t id = 0;
  std::string name;
  std::string role;  // admin, analyst, facilitator or viewer (the table checks it)
  std::string password_hash;
  bool disabled = false;
  int64_t failed_logins = 0;  // consecutive, since the last success or unlock
  std::optional<int64_t> last_failed_at, locked_at, last_login_at;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// Names compare without regard to ASCII case ("Anna" and "anna" are one).
std::optional<UserRow> find_user(Database& db, std::string_view name);
std::optional<UserRow> find_user(Database& db, int64_t id);
// Every user, by name.
std::vector<UserRow> list_users(Database& db);
// Users with the admin role that are not disabled.
int64_t count_enabled_admins(Database& db);

// The new user's id, or nullopt when the name is taken.
std::optional<int64_t> insert_user(Database& db, std::string_view name, std::string_view role,
                                   std::string_view password_hash, int64_t now);
void set_password_hash(Database& db, int64_t id, std::string_view password_hash, int64_t now);
void set_disabled(Database& db, int64_t id, bool disabled, int64_t now);
void set_role(Database& db, int64_t id, std::string_view role, int64_t now);
// The failed-login state as the rules of app/login_throttle left it.
void set_login_failures(Database& db, int64_t id, int64_t failures,
                        std::optional<int64_t> last_failed_at, std::optional<int64_t> locked_at);
// A successful login: the failures are forgotten and the time kept.
void record_login(Database& db, int64_t id, int64_t now);

}  // namespace lyssna::storage
