// What the analysis commands share: printing a report in the chosen format
// and reading their options.
#pragma once

#include <optional>
#include <string>

#include "cli/commands.hpp"
#include "reports/output.hpp"
#include "reports/reports.hpp"

namespace lyssna::cli {

// Prints the report; `jsonl` prints report.lines one per line.
int print_report(const reports::Report& report, reports::OutputFormat format);

// "2026-03-01" or an RFC 3339 timestamp, for --from/--to; throws BadInput naming the option.
std::optional<int64_t> date_argument(const ParsedArgs& a, const std::string& option, bool end_of_day);
std::vector<std::string> list_argument(const ParsedArgs& a, const std::string& option);

}  // namespace lyssna::cli
