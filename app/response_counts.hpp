// A survey's answers counted by channel and day, for its settings page:
// aggregates only (no answer is read), so every role that sees results
// could be shown them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/services.hpp"

namespace lyssna::app {

struct ResponseCounts {
  std::vector<std::string> channels;  // those with answers, in name order
  struct Day {
    std::string day;              // "2026-03-04" (UTC)
    std::vector<int64_t> counts;  // one per channel
    int64_t total = 0;
  };
  std::vector<Day> days;  // the days with answers, oldest first
  std::vector<int64_t> channel_totals;
  int64_t total = 0;
};

// Throws NotFound for an unknown survey.
ResponseCounts response_counts(Services& services, const std::string& survey);

}  // namespace lyssna::app
