// RFC 4180 CSV: a streaming reader that reports the line each row starts on
// and recovers from a stray quote at the next line, and the writing rules
// (quoting, and the spreadsheet-formula guard of docs/csv.md).
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace lyssna::interchange {

struct CsvRow {
  static constexpr size_t no_column = static_cast<size_t>(-1);

  std::vector<std::string> fields;
  size_t line = 0;       // 1-based physical line where the row starts
  size_t last_line = 0;  // where it ends: later than `line` when a quoted field runs across lines
  std::string error;     // non-empty: the row is malformed; `fields` is empty
  size_t column = no_column;  // with an error: the 0-based field it was found in, when known
};

// Reads rows from a stream. A leading UTF-8 byte-order mark is skipped;
// CRLF, LF and a lone CR end a line; quoted fields may span lines.
//
// A malformed row (a quote inside an unquoted field, text after a closing
// quote, a quoted field still open at the end of the file or after
// `max_row_lines` line breaks, a row over `max_row_bytes` or `max_fields`)
// is returned with CsvRow::error, and reading goes on at the physical line
// after the one the row began on. So a stray opening quote costs its own
// row only: the lines it swallowed are read again as rows of their own.
// Memory stays within about `max_row_bytes` plus one 64 KiB chunk.
//
// Not thread-safe; one reader per stream.
class CsvReader {
 public:
  explicit CsvReader(std::istream& in, size_t max_row_bytes = 1 << 20, size_t max_fields = 2000,
                     size_t max_row_lines = 1000);
  std::optional<CsvRow> next();
  // For a row the caller refused after next() returned it (wrong field
  // count, a value that breaks a rule): when it ran across lines, reading
  // goes back to the line after its first, as for a malformed row, since a
  // stray quote may have made one row out of several. Call before next().
  void reread_after_first_line();
  // Bytes taken from the stream so far (for progress).
  uint64_t bytes_read() const { return discarded_ + buffer_.size(); }

 private:
  bool fill();
  bool have(size_t i);
  CsvRow fail(CsvRow& row, size_t start, std::string message, size_t column);
  void resume_after_first_line(size_t start, size_t line);

  std::istream& in_;
  size_t max_row_bytes_;
  size_t max_fields_;
  size_t max_row_lines_;
  std::string buffer_;      // input from the start of the current row on
  size_t pos_ = 0;          // next byte to parse in buffer_
  uint64_t discarded_ = 0;  // bytes dropped from the front of buffer_
  bool eof_ = false;
  bool started_ = false;
  size_t line_ = 1;  // physical line at pos_
  // The row next() returned last, for reread_after_first_line().
  std::optional<std::pair<size_t, size_t>>
      last_row_;  // (offset in buffer_, line) when it spanned lines
};

// The spreadsheet guard. A spreadsheet runs a cell that begins with '=',
// '+', '-', '@', a tab or a carriage return as a formula, so such a cell is
// written with a leading "'". A cell that begins with "'" gets one more, so
// that reading takes off exactly one and every text comes back unchanged;
// a number in JSON's form ("-3", "-0.5", "-1e+300") is left as it is.
std::string spreadsheet_safe(std::string_view cell);
// The inverse, for reading: drops one leading "'".
std::string_view spreadsheet_restore(std::string_view cell);

// A row of fields with CRLF, each quoted when it holds a comma, quote, CR,
// LF or leading/trailing space, quotes doubled; nothing else changes.
std::string csv_line(const std::vector<std::string>& fields);
// The same for a file meant to be opened in a spreadsheet (every CSV that
// Lyssna writes for people): each field through spreadsheet_safe first.
std::string spreadsheet_csv_line(const std::vector<std::string>& fields);
// A whole table for a spreadsheet: the header row, then the rows.
void write_spreadsheet_csv(std::ostream& out, const std::vector<std::string>& header,
                           const std::vector<std::vector<std::string>>& rows);

}  // namespace lyssna::interchange
