// What an analyst decides about a survey's priority list, in SQLite: the
// blend of the score (one JSON definition per survey) and the priorities
// marked to become promises (area "" for the whole survey).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "collector/storage/sqlite.hpp"

namespace lyssna::storage {

struct StoredPrioritySettings {
  std::string definition;  // {"survey_weight": .., "dialogue_weight": ..}
  int64_t updated_at = 0;
  std::string updated_by;
};

struct PriorityMarkRow {
  std::string area;  // "" for the whole survey
  std::string theme;
  int64_t marked_at = 0;
  std::string marked_by;
};

std::optional<StoredPrioritySettings> load_priority_settings(Database& db,
                                                             const std::string& survey);
void save_priority_settings(Database& db, const std::string& survey,
                            const StoredPrioritySettings& settings);
void delete_priority_settings(Database& db, const std::string& survey);

// The survey's marks, by area ("" first) and then theme.
std::vector<PriorityMarkRow> priority_marks(Database& db, const std::string& survey);
// Whether the mark was added (false: it was there already).
bool add_priority_mark(Database& db, const std::string& survey, const PriorityMarkRow& mark);
// Whether a mark was removed (false: there was none).
bool remove_priority_mark(Database& db, const std::string& survey, const std::string& area,
                          const std::string& theme);

}  // namespace lyssna::storage
