// Shared parts of the analysis commands (see analysis_session.hpp).
#include "cli/analysis_session.hpp"

#include <iostream>

#include "util/clock.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"
#include "collector/storage/schema.hpp"
#include "indexing/index_updater.hpp"

namespace lyssna::cli {

AnalysisSession::AnalysisSession(const Context& c)
    : db(storage::open_database(c.db_path)), index(indexing::open_index_for_reading(c.db_path)) {}

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
