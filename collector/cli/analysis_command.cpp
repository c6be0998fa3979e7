// Shared parts of the analysis commands (see analysis_command.hpp).
#include "collector/cli/analysis_command.hpp"

#include <iostream>

#include "collector/core/clock.hpp"
#include "collector/core/errors.hpp"
#include "collector/core/text.hpp"
#include "collector/storage/schema.hpp"
#include "collector/text_index/index_updater.hpp"

namespace lyssna::cli {

AnalysisSession::AnalysisSession(const Context& c)
    : db(storage::open_database(c.db_path)), index(text_index::open_index_for_reading(c.db_path)) {}

int print_report(const reports::Report& r, report::OutputFormat format) {
  switch (format) {
    case report::OutputFormat::json: report::write_json(r.document, std::cout); break;
    case report::OutputFormat::jsonl: report::write_jsonl(r.lines, std::cout); break;
    default: report::write_table(r.table, format, std::cout);
  }
  std::cout.flush();
  return exit_ok;
}

std::optional<int64_t> date_argument(const ParsedArgs& a, const std::string& option, bool end_of_day) {
  auto v = a.value(option);
  if (!v) return std::nullopt;
  auto t = clock::parse_date_or_timestamp(*v);
  if (!t) throw BadInput(option + " must be a date (2026-03-01) or an RFC 3339 timestamp", option);
  if (end_of_day && v->size() == 10) *t += 86399;
  return t;
}

std::vector<std::string> list_argument(const ParsedArgs& a, const std::string& option) {
  std::vector<std::string> out;
  if (auto v = a.value(option)) {
    for (const auto& item : text::split(*v, ',')) {
      std::string t = text::trim(item);
      if (!t.empty()) out.push_back(t);
    }
  }
  return out;
}

}  // namespace lyssna::cli
