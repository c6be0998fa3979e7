// The workspace's user accounts: adding a user with a role and a password,
// a new password, disabling and enabling, lifting a lock of failed logins,
// and the list. Each change is one transaction through the writer with its
// entry in the audit log; hashes are made before it, outside the writer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/audit.hpp"
#include "app/roles.hpp"

namespace lyssna::app {

class Services;

// A user's name as it will be stored: trimmed, 1 to 64 characters of valid
// UTF-8 without control characters or bidirectional overrides (so a name
// reads on a terminal and in the audit log as it is). Any other character
// may appear: every page escapes it. Throws Invalid naming "name".
std::string check_user_name(std::string_view name);
// At least 12 characters, at most 1,024 bytes, valid UTF-8 without control
// characters, and not the user's name. Throws Invalid naming "password".
void check_password(std::string_view password, std::string_view name);
inline constexpr size_t min_password_characters = 12;
inline constexpr size_t max_password_bytes = 1024;

struct UserInfo {
  int64_t id = 0;
  std::string name;
  Role role = Role::viewer;
  bool disabled = false;
  bool locked = false;        // by failed logins, now
  int64_t failed_logins = 0;  // in a row
  std::optional<int64_t> last_login_at;
  int64_t created_at = 0;
};

// Throws Invalid (name, password) or Conflict when the name is taken
// (without regard to ASCII case).
UserInfo add_user(Services& services, const Actor& actor, std::string_view name, Role role,
                  std::string_view password);
// Sets a new password and ends the user's sessions. Throws NotFound, Invalid.
void change_password(Services& services, const Actor& actor, int64_t user_id,
                     std::string_view password);
// Disabling ends the user's sessions and refuses (Conflict) the last
// enabled admin: someone must be left to administer. NotFound for no user.
void set_user_disabled(Services& services, const Actor& actor, int64_t user_id, bool disabled);
// Gives the user another role, from their next request on (a session reads
// the role each time). Refuses (Conflict) to take the role from the last
// enabled admin. NotFound for no user; audited when the role changes.
void set_user_role(Services& services, const Actor& actor, int64_t user_id, Role role);
// Lifts the lock of failed logins (and forgets them). NotFound for no user.
void unlock_user(Services& services, const Actor& actor, int64_t user_id);

// The id of the user named `name` (ASCII case aside); NotFound otherwise.
int64_t user_id(Services& services, std::string_view name);
UserInfo find_user(Services& services, int64_t user_id);  // NotFound
// Every user, by name.
std::vector<UserInfo> list_users(Services& services);
// Whether some admin can sign in (`lyssna serve` says how to make one when not).
bool has_enabled_admin(Services& services);

}  // namespace lyssna::app
