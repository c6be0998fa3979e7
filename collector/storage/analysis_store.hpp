// What analysts add in SQLite: a survey's own codebook and manual theme
// coding. The Xapian index is derived; these are not, so they live here.
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
};

// The survey's codebook JSON, if it has its own.
std::optional<std::string> load_codebook(Database& db, const std::string& survey);
void save_codebook(Database& db, const std::string& survey, const std::string& definition);
void delete_codebook(Database& db, const std::string& survey);

void add_manual_code(Database& db, const std::string& survey, const ManualCodeRow& code);
// Every code of the survey, oldest first (later codes win).
std::vector<ManualCodeRow> manual_codes(Database& db, const std::string& survey);

}  // namespace lyssna::storage
