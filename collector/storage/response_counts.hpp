// How many responses a survey has, counted by day, channel, language and
// area: aggregates only, for the workspace's overview and its timeline.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "collector/storage/sqlite.hpp"

namespace lyssna::storage {

struct ResponseCount {
  int64_t day = 0;  // UTC days since 1970-01-01 of submitted_at
  std::string channel, lang;
  std::string area;  // the answer to `area`, empty when there is none
  int64_t count = 0;
};

// Every (day, channel, language, area) the survey's responses have, in that
// order, with how many responses each has. One statement: a snapshot.
std::vector<ResponseCount> count_responses_by_day(Database& db, const std::string& survey);

}  // namespace lyssna::storage
