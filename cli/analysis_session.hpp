// What the analysis commands share: opening the database and the text
// index (brought up to date first), and printing a report in the chosen format.
#pragma once

#include <optional>
#include <string>

#include "analysis/index/text_index.hpp"
#include "cli/commands.hpp"
#include "reports/output.hpp"
#include "reports/reports.hpp"
#include "collector/storage/sqlite.hpp"

namespace lyssna::cli {

struct AnalysisSession {
  explicit AnalysisSession(const Context& c);
  storage::Database db;
  analysis::TextIndex index;
};

// Prints the report; `jsonl` prints report.lines one per line.
int print_report(const reports::Report& report, reports::OutputFormat format);

// "2026-03-01" or an RFC 3339 timestamp, for --from/--to; throws BadInput naming the option.
std::optional<int64_t> date_argument(const ParsedArgs& a, const std::string& option, bool end_of_day);
std::vector<std::string> list_argument(const ParsedArgs& a, const std::string& option);

}  // namespace lyssna::cli
