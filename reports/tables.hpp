// The one place where results become tables for people: the rows and
// columns printed as an aligned table, CSV or Markdown (printer.hpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reports/results.hpp"

namespace lyssna::reports {

struct TextTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numeric;  // per column: right-aligned in tables
};

TextTable table(const ThemeSummary& r);
TextTable table(const ThemesPerResponse& r);
TextTable table(const SearchReport& r);
TextTable table(const DiscoverReport& r);
TextTable table(const IndicatorReport& r);
TextTable table(const PriorityReport& r);
TextTable table(const TrendReport& r);

// 0.4812 -> "48.1%"; nullopt -> "–".
std::string percent(std::optional<double> share);
std::string fixed(double value, int decimals);

}  // namespace lyssna::reports
