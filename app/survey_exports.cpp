// Exports with their audit entries (see survey_exports.hpp).
#include "app/survey_exports.hpp"

#include "app/surveys.hpp"
#include "app/transfer.hpp"
#include "collector/interchange/csv.hpp"
#include "util/errors.hpp"

namespace lyssna::app {

int64_t export_answers_csv(Services& services, const Actor& actor, const std::string& survey,
                           std::ostream& out) {
  // interchange::export_records throws NotFound for an unknown survey (not
  // require_survey: the survey cache's refresh counts every survey's answers
  // through the mapped file, hundreds of MB of resident memory at 1,000,000),
  // and writes every cell through spreadsheet_csv_line.
  const int64_t n = export_records(services, survey, interchange::Format::csv, out);
  record_audit(services, actor, AuditAction::responses_exported, survey,
               "csv, " + std::to_string(n) + " answers");
  return n;
}

std::vector<std::string> issue_codes_csv(Services& services, const Actor& actor,
                                         const std::string& survey, size_t count,
                                         const std::string& form_url, std::ostream& out) {
  if (count < 1 || count > max_codes_at_once)
    throw Invalid("'count' must be a number from 1 to " + std::to_string(max_codes_at_once),
                  "count");
  auto codes = issue_codes(services, actor, survey, count);
  out << interchange::spreadsheet_csv_line({"code", "link"});
  for (const auto& code : codes)
    out << interchange::spreadsheet_csv_line({code, form_url + "?code=" + code});
  return codes;
}

}  // namespace lyssna::app
