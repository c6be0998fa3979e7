// The defaults and ranges of the analysis options, written once for the
// CLI (cli/command_analysis.cpp) and the HTTP API (http/analysis_routes.cpp),
// so that both take the same values and refuse the same ones.
#pragma once

#include <algorithm>
#include <cstdint>

#include "analysis/stats/proportion.hpp"

namespace lyssna::reports {

// A whole-number option: its value when not given, and the values it may take.
struct OptionRange {
  int64_t fallback, min, max;
};

inline constexpr OptionRange search_limit{20, 1, 10000};           // hits in one answer
inline constexpr OptionRange search_offset{0, 0, 10000000};        // hits skipped
inline constexpr OptionRange discover_candidates{8, 1, 100};       // groups proposed
inline constexpr OptionRange indicator_min_n{5, 1, 1000000};       // respondents a cell needs
inline constexpr const char* default_indicator_table_by = "area";  // columns of the table

// Shares over fewer respondents than this are shown, flagged as uncertain.
inline constexpr int64_t uncertain_below_at_least = 30;

// The small-number rules for cells suppressed under `min_n` respondents:
// flagged as uncertain under max(min_n, 30), so that a high threshold never
// shows a cell as certain that a lower one would have flagged.
inline analysis::SmallNumbers small_numbers(int64_t min_n) {
  return {min_n, std::max(min_n, uncertain_below_at_least)};
}

}  // namespace lyssna::reports
