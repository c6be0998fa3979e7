// Report tables as XLSX (see table_xlsx.hpp).
#include "reports/table_xlsx.hpp"

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "collector/interchange/csv.hpp"
#include "util/errors.hpp"

namespace lyssna::reports {
namespace {

// The whole of `text` as a finite number in C's form, or nothing.
std::optional<double> number_of(std::string_view text) {
  if (text.empty() || text.size() > 40) return std::nullopt;
  const std::string copy(text);
  char* end = nullptr;
  errno = 0;
  const double d = std::strtod(copy.c_str(), &end);
  if (errno != 0 || end != copy.c_str() + copy.size() || !std::isfinite(d)) return std::nullopt;
  if (copy.find_first_of("xXnNiI") != std::string::npos) return std::nullopt;  // hex, nan, inf
  return d;
}

// Removes the file when the scope ends.
struct TempFile {
  std::string path;
  ~TempFile() {
    if (!path.empty()) unlink(path.c_str());
  }
};

}  // namespace

util::XlsxCell xlsx_cell(const std::string& text, bool numeric) {
  if (text.empty()) return std::monostate{};
  if (numeric) {
    if (auto d = number_of(text)) return *d;
    if (text.back() == '%') {
      // "8.8" and "e-2" read as one number: the double nearest 0.088, not 8.8 / 100.
      const std::string_view digits = std::string_view(text).substr(0, text.size() - 1);
      if (number_of(digits) && digits.find_first_of("eE") == std::string_view::npos) {
        if (auto d = number_of(std::string(digits) + "e-2")) return util::XlsxPercent{*d};
      }
    }
  }
  return interchange::spreadsheet_safe(text);
}

void write_table_xlsx(const TextTable& table, const std::string& sheet_name,
                      const std::string& path) {
  util::XlsxBook book(path);
  auto& sheet = book.add_sheet(sheet_name);
  sheet.header(table.header);
  std::vector<util::XlsxCell> cells;
  for (const auto& row : table.rows) {
    cells.clear();
    for (size_t i = 0; i < row.size(); ++i) {
      cells.push_back(xlsx_cell(row[i], i < table.numeric.size() && table.numeric[i]));
    }
    sheet.row(cells);
  }
  book.close();
}

void write_table_xlsx(const TextTable& table, const std::string& sheet, std::ostream& out) {
  TempFile file;
  file.path = (std::filesystem::temp_directory_path() / "lyssna-table-XXXXXX").string();
  const int fd = mkstemp(file.path.data());
  if (fd < 0) {
    file.path.clear();
    throw Error("cannot make a temporary file for the workbook");
  }
  close(fd);
  write_table_xlsx(table, sheet, file.path);
  std::ifstream in(file.path, std::ios::binary);
  out << in.rdbuf();
  out.flush();
  if (!in || !out) throw Error("writing the workbook failed (disk full or closed pipe?)");
}

}  // namespace lyssna::reports
