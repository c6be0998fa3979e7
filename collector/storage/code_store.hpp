// Invitation codes, stored only as SHA-256 hashes with a used flag: nothing
// ties a code to a person or to the response it answered.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "collector/storage/sqlite.hpp"

namespace lyssna::storage {

enum class CodeState { unknown, unused, used };

// Adds codes (by hash) in one transaction; returns how many were new.
int64_t add_codes(Database& db, const std::string& survey, const std::vector<std::string>& hashes);
CodeState code_state(Database& db, const std::string& survey, const std::string& hash);

struct CodeCounts {
  int64_t issued = 0;
  int64_t used = 0;
};
CodeCounts count_codes(Database& db, const std::string& survey);

}  // namespace lyssna::storage
