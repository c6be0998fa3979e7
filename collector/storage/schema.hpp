// Opening the database: connection settings for durability and the
// versioned schema migrations applied at start.
#pragma once

#include <string>

#include "collector/storage/sqlite.hpp"

namespace lyssna::storage {

// The schema version this binary writes (PRAGMA user_version).
int current_schema_version();

// Opens (creating if needed) the database at `path` in WAL mode with
// synchronous=FULL, so that a committed transaction survives a power cut, and
// applies every pending migration in its own transaction. Throws
// StorageError when the file is newer than this binary or cannot be opened.
Database open_database(const std::string& path);

// Opens an extra connection to an already migrated database (readers).
Database open_connection(const std::string& path);

// Applies pending migrations to an open connection; returns how many ran.
int migrate(Database& db);

}  // namespace lyssna::storage
