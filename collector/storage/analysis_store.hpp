// What analysts add in SQLite: a survey's own codebook, manual theme
// coding, population margins, and the survey's analysis revision. The
// Xapian index is derived; these are not, so they live here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "collector/storage/sqlite.hpp"

namespace lyssna::storage {

struct ManualCodeRow {
  std::string record_id;
  std::string theme;
  bool add = true;
  int64_t coded_at = 0;
  std::string coded_by;  // the audit log's name of who coded it ("" before migration 5)
};

struct StoredMargins {
  std::string definition;  // interchange.md section 4, as JSON
  int64_t updated_at = 0;
  std::string updated_by;
};

// The survey's codebook JSON, if it has its own.
std::optional<std::string> load_codebook(Database& db, const std::string& survey);
void save_codebook(Database& db, const std::string& survey, const std::string& definition);
void delete_codebook(Database& db, const std::string& survey);

void add_manual_code(Database& db, const std::string& survey, const ManualCodeRow& code);
// The number of the latest manual code of any survey (0: none); it grows
// with every code stored (the log is never edited).
int64_t last_manual_code_seq(Database& db);
// Every code of the survey, oldest first (later codes win).
std::vector<ManualCodeRow> manual_codes(Database& db, const std::string& survey);

std::optional<StoredMargins> load_margins(Database& db, const std::string& survey);
void save_margins(Database& db, const std::string& survey, const StoredMargins& margins);
void delete_margins(Database& db, const std::string& survey);

// A number that grows with every change of what the survey's analyses read
// besides responses and manual codes (its codebook, its margins): the
// functions above raise it in their own transaction. 0 before any change.
int64_t analysis_revision(Database& db, const std::string& survey);
void raise_analysis_revision(Database& db, const std::string& survey);

}  // namespace lyssna::storage
