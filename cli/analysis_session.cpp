// Shared parts of the analysis commands (see analysis_session.hpp).
#include "cli/analysis_session.hpp"

#include <iostream>

#include "util/clock.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace lyssna::cli {

int print_report(const reports::Report& r, reports::OutputFormat format) {
  switch (format) {
    case reports::OutputFormat::json: reports::write_json(r.document, std::cout); break;
    case reports::OutputFormat::jsonl: reports::write_jsonl(r.lines, std::cout); break;
    default: reports::write_table(r.table, format, std::cout);
  }
  std::cout.flush();
  return exit_ok;
}

std::optional<int64_t> date_argument(const ParsedArgs& a, const std::string& option, bool end_of_day) {
  auto v = a.value(option);
  if (!v) return std::nullopt;
  auto t = clock::parse_range_bound(*v, end_of_day);
  if (!t) throw BadInput(option + " must be a date (2026-03-01) or an RFC 3339 timestamp", option);
  return t;
}

std::vector<std::string> list_argument(const ParsedArgs& a, const std::string& option) {
  auto v = a.value(option);
  return v ? text::split_list(*v) : std::vector<std::string>{};
}

}  // namespace lyssna::cli
