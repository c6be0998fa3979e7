// RAII wrappers around SQLite (see sqlite.hpp).
#include "collector/storage/sqlite.hpp"

#include "util/errors.hpp"

namespace lyssna::storage {
namespace {

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  throw StorageError(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

}  // namespace

Database::Database(const std::string& path, Mode mode) : path_(path) {
  sqlite3* raw = nullptr;
  int flags =
      SQLITE_OPEN_NOMUTEX |
      (mode == Mode::read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  db_.reset(raw);
  if (rc != SQLITE_OK) fail(raw, "cannot open database '" + path + "'");
  sqlite3_extended_result_codes(raw, 1);
  // Concurrent CLI imports and the server share the file; wait rather than fail.
  sqlite3_busy_timeout(raw, 10000);
}

void Database::exec(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  if (sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string m = message ? message : "unknown error";
    sqlite3_free(message);
    throw StorageError("SQL failed: " + m);
  }
}

Statement& Database::cached(std::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it != cache_.end()) return *it->second;
  auto stmt = std::make_unique<Statement>(*this, sql);
  auto& ref = *stmt;
  cache_.emplace(std::string(sql), std::move(stmt));
  return ref;
}

int64_t Database::changes() const {
  return sqlite3_changes64(db_.get());
}

Statement::Statement(Database& db, std::string_view sql) : db_(db.handle()) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()),
                         SQLITE_PREPARE_PERSISTENT, &raw, nullptr) != SQLITE_OK) {
    fail(db.handle(), "cannot prepare '" + std::string(sql.substr(0, 60)) + "'");
  }
  stmt_.reset(raw);
}

int Statement::index_of(const char* name) const {
  int i = sqlite3_bind_parameter_index(stmt_.get(), name);
  if (i == 0) throw StorageError(std::string("no SQL parameter named ") + name);
  return i;
}

Statement& Statement::bind(const char* name, std::string_view value) {
  // An empty view may have no data at all: SQLite would bind NULL for it,
  // not the empty text it is.
  const char* data = value.data() ? value.data() : "";
  if (sqlite3_bind_text(stmt_.get(), index_of(name), data, static_cast<int>(value.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK) {
    fail(db_, "bind");
  }
  return *this;
}

Statement& Statement::bind(const char* name, int64_t value) {
  if (sqlite3_bind_int64(stmt_.get(), index_of(name), value) != SQLITE_OK) fail(db_, "bind");
  return *this;
}

Statement& Statement::bind(const char* name, double value) {
  if (sqlite3_bind_double(stmt_.get(), index_of(name), value) != SQLITE_OK) fail(db_, "bind");
  return *this;
}

Statement& Statement::bind(const char* name, std::nullptr_t) {
  if (sqlite3_bind_null(stmt_.get(), index_of(name)) != SQLITE_OK) fail(db_, "bind");
  return *this;
}

Statement& Statement::bind(const char* name, const std::optional<std::string>& value) {
  if (value) return bind(name, std::string_view(*value));
  return bind(name, nullptr);
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  std::string message = sqlite3_errmsg(db_);
  sqlite3_reset(stmt_.get());
  throw StorageError("SQL step failed: " + message);
}

void Statement::run() {
  StatementUse use(*this);
  step();
}

void Statement::reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

std::string Statement::text(int column) const {
  auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_.get(), column));
  if (!p) return {};
  return std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), column)));
}

std::string_view Statement::text_view(int column) const {
  auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_.get(), column));
  if (!p) return {};
  return std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), column)));
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

int64_t Statement::integer(int column) const {
  return sqlite3_column_int64(stmt_.get(), column);
}
double Statement::real(int column) const {
  return sqlite3_column_double(stmt_.get(), column);
}
bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL;
}

WriteTransaction::WriteTransaction(Database& db)
    : db_(db), nested_(sqlite3_get_autocommit(db.handle()) == 0) {
  db_.exec(nested_ ? "SAVEPOINT nested_write" : "BEGIN IMMEDIATE");
}

WriteTransaction::~WriteTransaction() {
  if (done_) return;
  if (nested_) {
    sqlite3_exec(db_.handle(), "ROLLBACK TO nested_write; RELEASE nested_write", nullptr, nullptr,
                 nullptr);
  } else {
    sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

void WriteTransaction::commit() {
  db_.exec(nested_ ? "RELEASE nested_write" : "COMMIT");
  done_ = true;
}

ReadSnapshot::ReadSnapshot(Database& db) : db_(db) {
  db_.exec("BEGIN");
}

ReadSnapshot::~ReadSnapshot() {
  sqlite3_exec(db_.handle(), "COMMIT", nullptr, nullptr, nullptr);
}

}  // namespace lyssna::storage
