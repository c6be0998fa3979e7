// User accounts (see accounts.hpp).
#include "app/accounts.hpp"

#include "app/login_throttle.hpp"
#include "app/services.hpp"
#include "collector/storage/session_store.hpp"
#include "collector/storage/user_store.hpp"
#include "util/errors.hpp"
#include "util/terminal_text.hpp"
#include "util/text.hpp"

namespace lyssna::app {
namespace {

constexpr size_t max_name_characters = 64;

NotFound no_such_user(int64_t id) {
  return NotFound("no user with id " + std::to_string(id), "user");
}

storage::UserRow require_row(storage::Database& db, int64_t id) {
  auto row = storage::find_user(db, id);
  if (!row) throw no_such_user(id);
  return *row;
}

Role role_of_row(const storage::UserRow& row) {
  return parse_role(row.role).value_or(Role::viewer);  // the table allows only the four
}

UserInfo info_of(const storage::UserRow& row, const ThrottlePolicy& policy, int64_t now) {
  UserInfo u;
  u.id = row.id;
  u.name = row.name;
  u.role = role_of_row(row);
  u.disabled = row.disabled;
  u.failed_logins = row.failed_logins;
  u.locked = judge({row.failed_logins, row.last_failed_at, row.locked_at}, policy, now).kind ==
             ThrottleVerdict::Kind::locked;
  u.last_login_at = row.last_login_at;
  u.created_at = row.created_at;
  return u;
}

}  // namespace

std::string check_user_name(std::string_view name) {
  const std::string trimmed = text::trim(name);
  if (trimmed.empty()) throw Invalid("the user's name must not be empty", "name");
  if (!text::is_valid_utf8(trimmed)) throw Invalid("the user's name is not valid UTF-8", "name");
  if (text::code_points(trimmed) > max_name_characters) {
    throw Invalid(
        "the user's name must be at most " + std::to_string(max_name_characters) + " characters",
        "name");
  }
  // for_terminal changes exactly the characters that would make a name read
  // otherwise than it is: controls, line breaks, direction overrides.
  if (text::for_terminal(trimmed) != trimmed) {
    throw Invalid("the user's name must not hold control or text-direction characters", "name");
  }
  return trimmed;
}

void check_password(std::string_view password, std::string_view name) {
  if (password.size() > max_password_bytes) {
    throw Invalid("the password must be at most " + std::to_string(max_password_bytes) + " bytes",
                  "password");
  }
  if (!text::is_valid_utf8(password)) throw Invalid("the password is not valid UTF-8", "password");
  if (text::has_control_characters(password) ||
      password.find_first_of("\t\r\n") != std::string_view::npos) {
    throw Invalid("the password must not hold control characters", "password");
  }
  if (text::code_points(password) < min_password_characters) {
    throw Invalid(
        "the password must be at least " + std::to_string(min_password_characters) + " characters",
        "password");
  }
  if (text::to_lower_ascii(password) == text::to_lower_ascii(text::trim(name))) {
    throw Invalid("the password must not be the user's name", "password");
  }
}

UserInfo add_user(Services& services, const Actor& actor, std::string_view name, Role role,
                  std::string_view password) {
  const std::string stored_name = check_user_name(name);
  check_password(password, stored_name);
  const std::string hash = services.login_gate().hash(password);
  const int64_t now = services.now();
  UserInfo added;
  services.writer().execute([&](storage::Database& db) {
    auto id = storage::insert_user(db, stored_name, role_name(role), hash, now);
    if (!id) throw Conflict("a user named '" + stored_name + "' exists already", "name");
    record_audit(db, now, actor, AuditAction::user_created, stored_name,
                 "role=" + std::string(role_name(role)));
    added = info_of(*storage::find_user(db, *id), services.login_gate().logins().account, now);
  });
  return added;
}

void change_password(Services& services, const Actor& actor, int64_t user_id,
                     std::string_view password) {
  const UserInfo user = find_user(services, user_id);
  check_password(password, user.name);
  const std::string hash = services.login_gate().hash(password);
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    const auto row = require_row(db, user_id);
    storage::set_password_hash(db, user_id, hash, now);
    const int64_t ended = storage::delete_user_sessions(db, user_id);
    record_audit(db, now, actor, AuditAction::password_changed, row.name,
                 "sessions ended=" + std::to_string(ended));
  });
}

void set_user_disabled(Services& services, const Actor& actor, int64_t user_id, bool disabled) {
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    const auto row = require_row(db, user_id);
    if (disabled && !row.disabled && row.role == "admin" &&
        storage::count_enabled_admins(db) <= 1) {
      throw Conflict("'" + row.name +
                     "' is the last enabled admin; add or enable another admin first");
    }
    storage::set_disabled(db, user_id, disabled, now);
    std::string detail;
    if (disabled)
      detail = "sessions ended=" + std::to_string(storage::delete_user_sessions(db, user_id));
    record_audit(db, now, actor, disabled ? AuditAction::user_disabled : AuditAction::user_enabled,
                 row.name, detail);
  });
}

void set_user_role(Services& services, const Actor& actor, int64_t user_id, Role role) {
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    const auto row = require_row(db, user_id);
    const std::string name(role_name(role));
    if (row.role == name) return;
    if (row.role == "admin" && !row.disabled && storage::count_enabled_admins(db) <= 1) {
      throw Conflict("'" + row.name +
                     "' is the last enabled admin; add or enable another admin first");
    }
    storage::set_role(db, user_id, name, now);
    record_audit(db, now, actor, AuditAction::user_role_changed, row.name,
                 row.role + " -> " + name);
  });
}

void unlock_user(Services& services, const Actor& actor, int64_t user_id) {
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    const auto row = require_row(db, user_id);
    storage::set_login_failures(db, user_id, 0, std::nullopt, std::nullopt);
    record_audit(db, now, actor, AuditAction::user_unlocked, row.name,
                 "failed logins=" + std::to_string(row.failed_logins));
  });
}

int64_t user_id(Services& services, std::string_view name) {
  auto db = services.readers().acquire();
  auto row = storage::find_user(*db, text::trim(name));
  if (!row) throw NotFound("no user named '" + text::trim(name) + "'", "name");
  return row->id;
}

UserInfo find_user(Services& services, int64_t user_id) {
  auto db = services.readers().acquire();
  return info_of(require_row(*db, user_id), services.login_gate().logins().account, services.now());
}

std::vector<UserInfo> list_users(Services& services) {
  auto db = services.readers().acquire();
  const int64_t now = services.now();
  std::vector<UserInfo> out;
  for (const auto& row : storage::list_users(*db))
    out.push_back(info_of(row, services.login_gate().logins().account, now));
  return out;
}

bool has_enabled_admin(Services& services) {
  auto db = services.readers().acquire();
  return storage::count_enabled_admins(*db) > 0;
}

}  // namespace lyssna::app
