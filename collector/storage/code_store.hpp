// Invitation codes, stored only as digests (collector/codes) with a used
// flag: nothing ties a code to a person or to the response it answered.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "collector/storage/sqlite.hpp"

namespace lyssna::storage {

enum class CodeState { unknown, unused, used };

// Adds codes by digest in one transaction (a savepoint inside the caller's);
// `keyed` says the digests are HMACs under the database's code key.
// Returns how many were new.
int64_t add_codes(Database& db, const std::string& survey, const std::vector<std::string>& digests,
                  bool keyed);
CodeState code_state(Database& db, const std::string& survey, const std::string& digest);

struct CodeCounts {
  int64_t issued = 0;
  int64_t used = 0;
  int64_t keyed = 0;  // issued with a keyed digest; the rest are legacy codes
};
CodeCounts count_codes(Database& db, const std::string& survey);

}  // namespace lyssna::storage
