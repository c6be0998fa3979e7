// An XLSX workbook written row by row (libxlsxwriter in constant-memory
// mode: each row leaves memory when the next begins, so a sheet of a
// million rows costs no more than one of ten). The workbook is written to
// its file by close(); one that is never closed leaves no file behind.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace lyssna::util {

// Excel's own limits: rows per sheet (the header row included) and
// characters in one cell; a longer text is cut at a character boundary.
inline constexpr uint32_t xlsx_max_rows = 1048576;
inline constexpr size_t xlsx_max_cell_chars = 32767;

// A share shown as a percentage with one decimal (0.481 shows as 48.1%).
struct XlsxPercent {
  double share = 0;
};
// A cell: empty, a text (written as text, never as a formula, whatever it
// begins with), a number or a share.
using XlsxCell = std::variant<std::monostate, std::string, double, XlsxPercent>;

class XlsxBook;

// A sheet of the workbook, owned by it. Rows are written in order.
class XlsxSheet {
 public:
  // The first row in bold. Throws Error.
  void header(const std::vector<std::string>& names);
  // The next row. Throws Error when the sheet is full (rows() ==
  // xlsx_max_rows) or libxlsxwriter refuses a cell.
  void row(const std::vector<XlsxCell>& cells);
  // The same cell by cell, without building the row first (the answers'
  // export, a million rows): cells of the next row, then end_row().
  void text(uint16_t column, const std::string& value);
  void number(uint16_t column, double value);
  void end_row();
  uint32_t rows() const { return next_row_; }
  bool full() const { return next_row_ >= xlsx_max_rows; }
  // How many texts were cut at xlsx_max_cell_chars so far.
  int64_t truncated() const { return truncated_; }

 private:
  friend class XlsxBook;
  XlsxSheet(lxw_worksheet* sheet, lxw_format* bold, lxw_format* percent)
      : sheet_(sheet), bold_(bold), percent_(percent) {}
  void write_text(uint16_t column, const std::string& value, lxw_format* format);
  void check_room() const;

  lxw_worksheet* sheet_;
  lxw_format* bold_;
  lxw_format* percent_;
  uint32_t next_row_ = 0;
  int64_t truncated_ = 0;
};

// Not thread-safe; one writer per workbook.
class XlsxBook {
 public:
  // Nothing is written to `path` until close(). Throws Error when
  // libxlsxwriter cannot start a workbook.
  explicit XlsxBook(const std::string& path);
  ~XlsxBook();
  XlsxBook(const XlsxBook&) = delete;
  XlsxBook& operator=(const XlsxBook&) = delete;

  // A new sheet named `name`, made valid for Excel (at most 31 characters,
  // none of []:*?/\) and unique in the book. Valid until the book closes.
  XlsxSheet& add_sheet(std::string_view name);
  // Writes the file. Throws Error (disk full, a path that cannot be written).
  void close();

 private:
  struct Free {
    void operator()(lxw_workbook* book) const;
  };
  std::unique_ptr<lxw_workbook, Free> book_;
  lxw_format* bold_ = nullptr;
  lxw_format* percent_ = nullptr;
  std::deque<XlsxSheet> sheets_;  // stable addresses
  std::vector<std::string> names_;
};

}  // namespace lyssna::util
