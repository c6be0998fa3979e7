// RFC 4180 CSV: a streaming reader that reports the line each row starts on
// and survives a malformed row, and the quoting rule for writing.
#pragma once

#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lyssna::interchange {

struct CsvRow {
  std::vector<std::string> fields;
  size_t line = 0;           // 1-based line where the row starts
  std::string error;         // non-empty: the row is malformed and was skipped
};

// Reads rows from a stream. A leading UTF-8 byte-order mark is skipped;
// CRLF and LF both end a row; quoted fields may span lines. A row larger
// than `max_row_bytes` or with a stray quote is reported (CsvRow::error)
// and skipped up to the end of its line, so the rows after it still load.
class CsvReader {
 public:
  explicit CsvReader(std::istream& in, size_t max_row_bytes = 1 << 20, size_t max_fields = 2000);
  std::optional<CsvRow> next();
  // Bytes consumed so far (for progress).
  uint64_t bytes_read() const { return bytes_; }

 private:
  int get();
  int peek();
  void skip_rest_of_line();

  std::istream& in_;
  size_t max_row_bytes_;
  size_t max_fields_;
  size_t line_ = 1;
  uint64_t bytes_ = 0;
  bool started_ = false;
};

// The field as written to CSV: quoted when it holds a comma, quote, CR, LF or
// leading/trailing space; quotes doubled.
std::string csv_field(std::string_view value);
std::string csv_line(const std::vector<std::string>& fields);

}  // namespace lyssna::interchange
