// Suggestions of new themes an analyst dismissed (table dismissed_suggestions):
// discovery proposes them no more for that survey.
#pragma once

#include <cstdint>
#include <set>
#include <string>

#include "collector/storage/sqlite.hpp"

namespace lyssna::storage {

// Keeps the first dismissal of a key (a later one changes nothing).
void dismiss_suggestion(Database& db, const std::string& survey, const std::string& key, int64_t at,
                        const std::string& by);
std::set<std::string> dismissed_suggestions(Database& db, const std::string& survey);

}  // namespace lyssna::storage
