// Thin RAII wrappers around SQLite's C handles: a connection, a prepared
// statement with named parameters, and scoped transactions. Only the storage
// module includes this; everything else sees plain C++ types.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace lyssna::storage {

class Statement;

// One SQLite connection. Not thread-safe: each thread uses its own.
// Throws StorageError when the file cannot be opened.
class Database {
 public:
  enum class Mode { read_write_create, read_only };
  explicit Database(const std::string& path, Mode mode = Mode::read_write_create);

  // Runs one or more statements without parameters (schema, pragmas).
  void exec(std::string_view sql);
  // A statement compiled once per connection and reused; the SQL text must be
  // a constant. The returned reference stays valid for the connection's life.
  Statement& cached(std::string_view sql);
  int64_t changes() const;
  sqlite3* handle() const { return db_.get(); }
  const std::string& path() const { return path_; }

 private:
  struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  std::unique_ptr<sqlite3, Closer> db_;
  std::string path_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

// A prepared statement. bind() with a parameter name the SQL does not have
// throws at once, so a misspelt :name never silently binds NULL.
class Statement {
 public:
  Statement(Database& db, std::string_view sql);

  Statement& bind(const char* name, std::string_view value);
  Statement& bind(const char* name, const char* value) {
    return bind(name, std::string_view(value));
  }
  Statement& bind(const char* name, const std::string& value) {
    return bind(name, std::string_view(value));
  }
  Statement& bind(const char* name, int64_t value);
  Statement& bind(const char* name, int value) { return bind(name, static_cast<int64_t>(value)); }
  Statement& bind(const char* name, double value);
  Statement& bind(const char* name, std::nullptr_t);
  Statement& bind(const char* name, const std::optional<std::string>& value);

  // Advances to the next row; false when done. Throws StorageError on failure.
  bool step();
  // Runs a statement that returns no rows, then resets it.
  void run();
  // Clears bindings and rewinds so the statement can be reused.
  void reset();

  std::string text(int column) const;
  // The text without a copy; valid until the next step() or reset().
  std::string_view text_view(int column) const;
  std::optional<std::string> optional_text(int column) const;
  int64_t integer(int column) const;
  double real(int column) const;
  bool is_null(int column) const;

 private:
  int index_of(const char* name) const;
  struct Finalizer {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
  };
  sqlite3* db_;  // the connection's handle, which outlives the statement
  std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
};

// Resets a cached statement when the scope ends, so an exception between
// bind and step never leaves a statement holding a read lock.
class StatementUse {
 public:
  explicit StatementUse(Statement& s) : s_(s) {}
  ~StatementUse() { s_.reset(); }
  StatementUse(const StatementUse&) = delete;
  StatementUse& operator=(const StatementUse&) = delete;
  Statement* operator->() { return &s_; }
  Statement& operator*() { return s_; }

 private:
  Statement& s_;
};

// A write transaction: BEGIN IMMEDIATE takes the write lock up front (no
// deadlock on upgrade); rolls back in the destructor unless committed.
// Inside a transaction already (a job of the writer that calls several
// storage functions) it is a savepoint: its commit is part of the outer one.
class WriteTransaction {
 public:
  explicit WriteTransaction(Database& db);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool nested_;
  bool done_ = false;
};

// A read transaction: what is read while it lives is one moment's state.
// Ends in the destructor (a read has nothing to commit or lose).
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Database& db);
  ~ReadSnapshot();
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  Database& db_;
};

}  // namespace lyssna::storage
