// The XLSX workbook over libxlsxwriter (see xlsx_book.hpp).
#include "util/xlsx_book.hpp"

#include <dlfcn.h>
#include <xlsxwriter.h>
#include <zlib.h>

#include <algorithm>

#include "util/errors.hpp"
#include "util/utf8_prefix.hpp"

// libxlsxwriter 1.1.4 (Debian 12) has minizip deflate every part of the
// workbook at zlib's default level and offers no setting for it; at a
// million answers that deflate was most of an export's time. This
// definition comes first in the process's symbol lookup (the executable is
// searched before libminizip), so libxlsxwriter's calls land here and go on
// to minizip's own at zlib's fastest level: a somewhat larger file, written
// in much less time. Nothing else in lyssna uses minizip. The signature is
// minizip's zip.h (zipFile and zip_fileinfo* as pointers, uInt, uLong).
extern "C" int zipOpenNewFileInZip4_64(
    void* file, const char* filename, const void* zipfi, const void* extrafield_local,
    unsigned size_extrafield_local, const void* extrafield_global, unsigned size_extrafield_global,
    const char* comment, int method, int level, int raw, int window_bits, int mem_level,
    int strategy, const char* password, unsigned long crc_for_crypting,
    unsigned long version_made_by, unsigned long flag_base, int zip64) {
  using Open = int (*)(void*, const char*, const void*, const void*, unsigned, const void*,
                       unsigned, const char*, int, int, int, int, int, int, const char*,
                       unsigned long, unsigned long, unsigned long, int);
  static const auto minizip = reinterpret_cast<Open>(dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64"));
  if (!minizip) return -1;  // ZIP_ERRNO: libxlsxwriter reports it
  if (method == Z_DEFLATED && level == Z_DEFAULT_COMPRESSION) level = Z_BEST_SPEED;
  return minizip(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                 size_extrafield_global, comment, method, level, raw, window_bits, mem_level,
                 strategy, password, crc_for_crypting, version_made_by, flag_base, zip64);
}

namespace lyssna::util {
namespace {

void check(lxw_error e, const char* what) {
  if (e != LXW_NO_ERROR) throw Error(std::string("XLSX: ") + what + ": " + lxw_strerror(e));
}

// Excel refuses a sheet name over 31 characters, with []:*?/\ or that
// begins or ends with an apostrophe.
std::string sheet_name(std::string_view wanted) {
  std::string name;
  for (char c : wanted) {
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '_';
    name.push_back(c);
  }
  while (!name.empty() && name.front() == '\'') name.erase(0, 1);
  while (!name.empty() && name.back() == '\'') name.pop_back();
  if (name.empty()) name = "Sheet";
  return std::string(utf8_prefix_chars(name, LXW_SHEETNAME_MAX));
}

}  // namespace

void XlsxBook::Free::operator()(lxw_workbook* book) const {
  lxw_workbook_free(book);
}

XlsxBook::XlsxBook(const std::string& path) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.use_zip64 = LXW_TRUE;  // a file over 4 GB stays readable
  book_.reset(workbook_new_opt(path.c_str(), &options));
  if (!book_) throw Error("XLSX: cannot start a workbook for '" + path + "'");
  bold_ = workbook_add_format(book_.get());
  percent_ = workbook_add_format(book_.get());
  if (!bold_ || !percent_) throw Error("XLSX: out of memory");
  format_set_bold(bold_);
  format_set_num_format(percent_, "0.0%");
}

XlsxBook::~XlsxBook() = default;

XlsxSheet& XlsxBook::add_sheet(std::string_view wanted) {
  if (!book_) throw Error("XLSX: the workbook is closed");
  const std::string base = sheet_name(wanted);
  std::string name = base;
  // Excel compares sheet names without regard to case.
  auto taken = [&](const std::string& n) {
    return std::any_of(names_.begin(), names_.end(), [&](const std::string& other) {
      return lxw_strcasecmp(n.c_str(), other.c_str()) == 0;
    });
  };
  for (int i = 2; taken(name); ++i) {
    const std::string suffix = " (" + std::to_string(i) + ")";
    name = std::string(utf8_prefix_chars(base, LXW_SHEETNAME_MAX - suffix.size())) + suffix;
  }
  lxw_worksheet* sheet = workbook_add_worksheet(book_.get(), name.c_str());
  if (!sheet) throw Error("XLSX: cannot add the sheet '" + name + "'");
  names_.push_back(name);
  sheets_.push_back(XlsxSheet(sheet, bold_, percent_));
  return sheets_.back();
}

void XlsxBook::close() {
  if (!book_) return;
  // workbook_close frees the workbook whatever it returns.
  lxw_workbook* book = book_.release();
  check(workbook_close(book), "writing the file");
}

void XlsxSheet::check_room() const {
  if (full()) throw Error("XLSX: the sheet is full");
}

void XlsxSheet::write_text(uint16_t column, const std::string& value, lxw_format* format) {
  if (value.size() > xlsx_max_cell_chars) {
    // Possibly over Excel's limit in characters (bytes are at least as many).
    const std::string_view kept = utf8_prefix_chars(value, xlsx_max_cell_chars);
    if (kept.size() < value.size()) {
      ++truncated_;
      const std::string copy(kept);
      check(worksheet_write_string(sheet_, next_row_, column, copy.c_str(), format), "a text cell");
      return;
    }
  }
  check(worksheet_write_string(sheet_, next_row_, column, value.c_str(), format), "a text cell");
}

void XlsxSheet::header(const std::vector<std::string>& names) {
  check_room();
  if (names.size() > LXW_COL_MAX) throw Error("XLSX: more columns than a sheet holds");
  for (size_t i = 0; i < names.size(); ++i) write_text(static_cast<uint16_t>(i), names[i], bold_);
  // The header stays in sight while the rows scroll.
  worksheet_freeze_panes(sheet_, 1, 0);
  ++next_row_;
}

void XlsxSheet::text(uint16_t column, const std::string& value) {
  check_room();
  if (!value.empty()) write_text(column, value, nullptr);
}

void XlsxSheet::number(uint16_t column, double value) {
  check_room();
  check(worksheet_write_number(sheet_, next_row_, column, value, nullptr), "a number cell");
}

void XlsxSheet::end_row() {
  check_room();
  ++next_row_;
}

void XlsxSheet::row(const std::vector<XlsxCell>& cells) {
  check_room();
  if (cells.size() > LXW_COL_MAX) throw Error("XLSX: more columns than a sheet holds");
  for (size_t i = 0; i < cells.size(); ++i) {
    const auto column = static_cast<uint16_t>(i);
    if (const auto* s = std::get_if<std::string>(&cells[i])) {
      text(column, *s);
    } else if (const auto* d = std::get_if<double>(&cells[i])) {
      number(column, *d);
    } else if (const auto* p = std::get_if<XlsxPercent>(&cells[i])) {
      check(worksheet_write_number(sheet_, next_row_, column, p->share, percent_), "a share cell");
    }
  }
  end_row();
}

}  // namespace lyssna::util
