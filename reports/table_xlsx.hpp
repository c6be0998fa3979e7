// A report's table as an XLSX workbook: the same header and rows as its
// CSV (printer.hpp), one sheet; in numeric columns a cell that is a number
// ("412", "0.61") becomes a number and one that is a percentage ("48.1%")
// a share shown as one, so a spreadsheet can compute with them. Every
// other cell is text through the spreadsheet guard, as in the CSV.
#pragma once

#include <ostream>
#include <string>

#include "reports/tables.hpp"
#include "util/xlsx_book.hpp"

namespace lyssna::reports {

// The cell a table's text becomes (`numeric`: the column is numeric).
util::XlsxCell xlsx_cell(const std::string& text, bool numeric);
// The workbook at `path`. Throws Error when it cannot be written.
void write_table_xlsx(const TextTable& table, const std::string& sheet, const std::string& path);
// The workbook's bytes into `out` (made in a temporary file, which is then
// removed): what the printer does for --format xlsx.
void write_table_xlsx(const TextTable& table, const std::string& sheet, std::ostream& out);

}  // namespace lyssna::reports
