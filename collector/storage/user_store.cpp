// Staff account rows (see user_store.hpp).
#include "collector/storage/user_store.hpp"

namespace lyssna::storage {
namespace {

constexpr const char* user_columns =
    "id, name, role, password_hash, disabled, failed_logins, last_failed_at, locked_at, "
    "last_login_at, created_at, updated_at";

std::optional<int64_t> optional_integer(const Statement& s, int column) {
  if (s.is_null(column)) return std::nullopt;
  return s.integer(column);
}

UserRow user_from(const Statement& s) {
  UserRow u;
  u.id = s.integer(0);
  u.name = s.text(1);
  u.role = s.text(2);
  u.password_hash = s.text(3);
  u.disabled = s.integer(4) != 0;
  u.failed_logins = s.integer(5);
  u.last_failed_at = optional_integer(s, 6);
  u.locked_at = optional_integer(s, 7);
  u.last_login_at = optional_integer(s, 8);
  u.created_at = s.integer(9);
  u.updated_at = s.integer(10);
  return u;
}

void bind_optional(Statement& s, const char* name, std::optional<int64_t> value) {
  if (value) {
    s.bind(name, *value);
  } else {
    s.bind(name, nullptr);
  }
}

}  // namespace

std::optional<UserRow> find_user(Database& db, std::string_view name) {
  static const std::string sql =
      std::string("SELECT ") + user_columns + " FROM users WHERE name = :name";
  StatementUse s(db.cached(sql));
  s->bind(":name", name);
  if (!s->step()) return std::nullopt;
  return user_from(*s);
}

std::optional<UserRow> find_user(Database& db, int64_t id) {
  static const std::string sql =
      std::string("SELECT ") + user_columns + " FROM users WHERE id = :id";
  StatementUse s(db.cached(sql));
  s->bind(":id", id);
  if (!s->step()) return std::nullopt;
  return user_from(*s);
}

std::vector<UserRow> list_users(Database& db) {
  static const std::string sql =
      std::string("SELECT ") + user_columns + " FROM users ORDER BY name, id";
  StatementUse s(db.cached(sql));
  std::vector<UserRow> out;
  while (s->step()) out.push_back(user_from(*s));
  return out;
}

int64_t count_enabled_admins(Database& db) {
  StatementUse s(db.cached("SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0"));
  s->step();
  return s->integer(0);
}

std::optional<int64_t> insert_user(Database& db, std::string_view name, std::string_view role,
                                   std::string_view password_hash, int64_t now) {
  StatementUse s(
      db.cached("INSERT INTO users (name, role, password_hash, created_at, updated_at) "
                "VALUES (:name, :role, :hash, :now, :now) ON CONFLICT (name) DO NOTHING"));
  s->bind(":name", name).bind(":role", role).bind(":hash", password_hash).bind(":now", now);
  s->step();
  if (db.changes() == 0) return std::nullopt;
  return sqlite3_last_insert_rowid(db.handle());
}

void set_password_hash(Database& db, int64_t id, std::string_view password_hash, int64_t now) {
  StatementUse s(
      db.cached("UPDATE users SET password_hash = :hash, updated_at = :now WHERE id = :id"));
  s->bind(":hash", password_hash).bind(":now", now).bind(":id", id);
  s->step();
}

void set_disabled(Database& db, int64_t id, bool disabled, int64_t now) {
  StatementUse s(
      db.cached("UPDATE users SET disabled = :disabled, updated_at = :now WHERE id = :id"));
  s->bind(":disabled", disabled ? 1 : 0).bind(":now", now).bind(":id", id);
  s->step();
}

void set_role(Database& db, int64_t id, std::string_view role, int64_t now) {
  StatementUse s(db.cached("UPDATE users SET role = :role, updated_at = :now WHERE id = :id"));
  s->bind(":role", role).bind(":now", now).bind(":id", id);
  s->step();
}

void set_login_failures(Database& db, int64_t id, int64_t failures,
                        std::optional<int64_t> last_failed_at, std::optional<int64_t> locked_at) {
  StatementUse s(db.cached(
      "UPDATE users SET failed_logins = :failures, last_failed_at = :last, locked_at = :locked "
      "WHERE id = :id"));
  s->bind(":failures", failures).bind(":id", id);
  bind_optional(*s, ":last", last_failed_at);
  bind_optional(*s, ":locked", locked_at);
  s->step();
}

void record_login(Database& db, int64_t id, int64_t now) {
  StatementUse s(
      db.cached("UPDATE users SET failed_logins = 0, last_failed_at = NULL, locked_at = NULL, "
                "last_login_at = :now WHERE id = :id"));
  s->bind(":now", now).bind(":id", id);
  s->step();
}

}  // namespace lyssna::storage
