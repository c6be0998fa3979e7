// A survey's answers as an XLSX workbook: the columns of the contract's
// CSV (interchange.md section 1), written row by row from SQLite, so memory
// does not grow with the survey. Texts go through the spreadsheet guard
// (collector/interchange/csv.hpp: spreadsheet_safe) as in the CSV, number
// answers are number cells. A survey of more rows than a sheet holds
// (1,048,575 answers) goes on in further sheets, each with the header.
#pragma once

#include <cstdint>
#include <string>

#include "app/audit.hpp"
#include "app/services.hpp"

namespace lyssna::app {

struct XlsxExport {
  int64_t rows = 0;
  int64_t truncated = 0;  // texts cut at Excel's 32,767 characters a cell
  int sheets = 0;
};

// Writes the workbook to `path` (its temporary files in TMPDIR meanwhile)
// and audits it (responses_exported, detail "xlsx, N answers"). Throws
// NotFound for an unknown survey, Error when the file cannot be written.
XlsxExport export_answers_xlsx(Services& services, const Actor& actor, const std::string& survey,
                               const std::string& path);

// Rows per sheet below the header (Excel's limit less one); a parameter for tests.
XlsxExport export_answers_xlsx(Services& services, const Actor& actor, const std::string& survey,
                               const std::string& path, uint32_t rows_per_sheet);

}  // namespace lyssna::app
