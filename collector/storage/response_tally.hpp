// How many answers a survey has by channel and day (UTC): a count per
// group straight from SQLite, never a record read.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "collector/storage/sqlite.hpp"

namespace lyssna::storage {

struct DayChannelCount {
  std::string day;  // "2026-03-04" (UTC)
  std::string channel;
  int64_t count = 0;
};
// Ordered by day, then channel.
std::vector<DayChannelCount> count_by_day_and_channel(Database& db, const std::string& survey);

}  // namespace lyssna::storage
