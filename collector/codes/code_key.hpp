// The secret key of a database's invitation code digests. It lives in a file
// of its own beside (or away from) the database, readable by its owner only,
// so that a copy of the database file alone gives no code back.
#pragma once

#include <optional>
#include <string>

namespace lyssna::codes {

// "<db>.codes-key", unless LYSSNA_CODE_KEY_FILE names another file.
std::string key_path_for(const std::string& db_path);
// The key in `path`, or nullopt when the file does not exist. Throws
// StorageError when it exists but cannot be read or is not a key.
std::optional<std::string> load_key(const std::string& path);
// The key in `path`, creating the file (mode 0600, 32 random bytes as hex)
// when it does not exist yet. Safe when two processes race to create it.
std::string load_or_create_key(const std::string& path);

}  // namespace lyssna::codes
