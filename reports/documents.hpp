// The one place where results become JSON: each result's document (the
// machine-readable answer of the CLI's --format json and of the HTTP API,
// shapes in docs/output-formats.md) and, where a result has them, its
// JSON Lines (one value per line).
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "reports/results.hpp"

namespace lyssna::reports {

nlohmann::json document(const ThemeSummary& r);
nlohmann::json document(const ThemesPerResponse& r);
nlohmann::json document(const SearchReport& r);
nlohmann::json document(const DiscoverReport& r);
nlohmann::json document(const IndicatorReport& r);
nlohmann::json document(const PriorityReport& r);
nlohmann::json document(const MarkedPriorities& r);
nlohmann::json document(const TrendReport& r);

// The contract's lines: {"id": ..., "themes": [...]} per response.
std::vector<nlohmann::json> lines(const ThemesPerResponse& r);
// One hit per line, as in the document's "hits".
std::vector<nlohmann::json> lines(const SearchReport& r);

}  // namespace lyssna::reports
