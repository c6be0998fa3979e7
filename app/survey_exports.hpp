// What leaves the workspace as a file, each with its audit entry
// (responses_exported): a survey's answers as CSV for a spreadsheet, and
// new invitation codes for the mail merge. Every cell is written through
// the spreadsheet guard (collector/interchange/csv.hpp: spreadsheet_safe),
// so a resident's "=HYPERLINK(...)" stays text in Excel.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "app/audit.hpp"
#include "app/services.hpp"

namespace lyssna::app {

// The survey's stored answers as the contract's CSV (interchange.md
// section 1), in arrival order; returns how many. Audited after it is
// written (detail "csv, N answers"). Throws NotFound for an unknown survey.
int64_t export_answers_csv(Services& services, const Actor& actor, const std::string& survey,
                           std::ostream& out);

// Most codes one request may issue (a sample's letters are thousands).
inline constexpr size_t max_codes_at_once = 20000;
// `count` (1 to max_codes_at_once: Invalid naming "count" else) new codes,
// stored, audited (detail "invitation codes, N"), and written as CSV with
// the columns code and link (`form_url` + "?code=" + the code): shown once,
// never again.
std::vector<std::string> issue_codes_csv(Services& services, const Actor& actor,
                                         const std::string& survey, size_t count,
                                         const std::string& form_url, std::ostream& out);

}  // namespace lyssna::app
