// The audit log in SQLite: who did what to what, and when. Append-only:
// nothing in the program changes or deletes a row. It holds names and ids,
// never free text or secrets (app/audit.hpp keeps to that).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "collector/storage/sqlite.hpp"

namespace lyssna::storage {

struct AuditRow {
  int64_t seq = 0;
  int64_t at = 0;
  std::string actor;   // a user's name, "cli:<unix user>", "api-token", or "" (unknown)
  std::string action;  // app::AuditAction's name
  std::string target;  // what it was done to: a user's name, a survey id, ...
  std::string detail;  // a short note made by the program
};

void append_audit(Database& db, int64_t at, std::string_view actor, std::string_view action,
                  std::string_view target, std::string_view detail);
// Newest first: `limit` rows after skipping `offset`.
std::vector<AuditRow> list_audit(Database& db, int64_t limit, int64_t offset);
int64_t count_audit(Database& db);

}  // namespace lyssna::storage
