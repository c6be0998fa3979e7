// CSV reading and writing (see csv.hpp).
#include "collector/interchange/csv.hpp"

namespace lyssna::interchange {
namespace {

constexpr size_t chunk_bytes = 1 << 16;

// JSON's number syntax: what a `number` answer looks like in a cell.
bool is_json_number(std::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    size_t from = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > from;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

bool needs_guard(std::string_view cell) {
  if (cell.empty()) return false;
  switch (cell.front()) {
    case '\'':
    case '=':
    case '+':
    case '@':
    case '\t':
    case '\r':
      return true;
    case '-':
      return !is_json_number(cell);
    default:
      return false;
  }
}

void append_field(std::string& out, std::string_view value, bool guard) {
  const bool prefix = guard && needs_guard(value);
  bool quote = !value.empty() && (value.front() == ' ' || value.back() == ' ');
  for (char c : value) {
    if (c == ',' || c == '"' || c == '\n' || c == '\r') {
      quote = true;
      break;
    }
  }
  if (quote) out.push_back('"');
  if (prefix) out.push_back('\'');
  if (!quote) {
    out.append(value);
    return;
  }
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

std::string line_of(const std::vector<std::string>& fields, bool guard) {
  // One empty field alone would be a blank line, which readers skip.
  if (fields.size() == 1 && fields[0].empty()) return "\"\"\r\n";
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out.push_back(',');
    append_field(out, fields[i], guard);
  }
  out += "\r\n";
  return out;
}

}  // namespace

CsvReader::CsvReader(std::istream& in, size_t max_row_bytes, size_t max_fields,
                     size_t max_row_lines)
    : in_(in),
      max_row_bytes_(max_row_bytes),
      max_fields_(max_fields),
      max_row_lines_(max_row_lines) {}

// Straight from the stream buffer, a chunk at a time: istream::get() per
// character costs a sentry each.
bool CsvReader::fill() {
  if (eof_) return false;
  const size_t old = buffer_.size();
  buffer_.resize(old + chunk_bytes);
  auto got = in_.rdbuf()->sgetn(buffer_.data() + old, static_cast<std::streamsize>(chunk_bytes));
  buffer_.resize(old + (got > 0 ? static_cast<size_t>(got) : 0));
  if (got <= 0) eof_ = true;
  return got > 0;
}

// Whether byte `i` of buffer_ exists, reading more of the stream as needed.
bool CsvReader::have(size_t i) {
  while (i >= buffer_.size()) {
    if (!fill()) return false;
  }
  return true;
}

void CsvReader::resume_after_first_line(size_t start, size_t line) {
  size_t i = start;
  while (true) {
    if (i >= buffer_.size() && i - start > max_row_bytes_) {
      // A line too long to keep: what was read of it is no longer needed.
      discarded_ += buffer_.size();
      buffer_.clear();
      i = start = 0;
    }
    if (!have(i)) break;
    const char c = buffer_[i++];
    if (c == '\n') break;
    if (c == '\r') {
      if (have(i) && buffer_[i] == '\n') ++i;
      break;
    }
  }
  pos_ = i;
  line_ = line + 1;
}

CsvRow CsvReader::fail(CsvRow& row, size_t start, std::string message, size_t column) {
  row.fields.clear();
  row.error = std::move(message);
  row.column = column;
  row.last_line = row.line;
  resume_after_first_line(start, row.line);
  return std::move(row);
}

void CsvReader::reread_after_first_line() {
  if (!last_row_) return;
  auto [start, line] = *last_row_;
  last_row_.reset();
  resume_after_first_line(start, line);
}

std::optional<CsvRow> CsvReader::next() {
  last_row_.reset();
  if (pos_ >= chunk_bytes) {
    buffer_.erase(0, pos_);
    discarded_ += pos_;
    pos_ = 0;
  }
  if (!started_) {
    started_ = true;
    if (have(0) && buffer_[0] == '\xEF') {
      if (have(2) && buffer_.compare(0, 3, "\xEF\xBB\xBF") == 0) {
        pos_ = 3;
      } else {
        CsvRow bad;
        bad.line = 1;
        return fail(bad, 0,
                    "the file starts with bytes that are neither UTF-8 text nor a byte-order mark",
                    CsvRow::no_column);
      }
    }
  }
  // Blank lines between rows.
  while (have(pos_) && (buffer_[pos_] == '\n' || buffer_[pos_] == '\r')) {
    if (buffer_[pos_] == '\r' && have(pos_ + 1) && buffer_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
  }
  if (!have(pos_)) return std::nullopt;

  CsvRow row;
  row.line = line_;
  const size_t start = pos_;
  size_t i = pos_;
  size_t breaks = 0;  // line breaks inside quoted fields
  const std::string too_long =
      "the row is longer than " + std::to_string(max_row_bytes_) + " bytes";
  std::string field;
  while (true) {
    const size_t column = row.fields.size();
    field.clear();
    if (have(i) && buffer_[i] == '"') {
      size_t run = ++i;
      while (true) {
        if (!have(i)) {
          return fail(row, start,
                      "a quoted field is not closed before the end of the file (a stray quote?); "
                      "reading goes on at the next line",
                      column);
        }
        const char c = buffer_[i];
        if (c == '"') {
          field.append(buffer_, run, i - run);
          if (have(i + 1) && buffer_[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            run = i;
            continue;
          }
          ++i;
          break;
        }
        if ((c == '\n' || (c == '\r' && !(have(i + 1) && buffer_[i + 1] == '\n'))) &&
            ++breaks >= max_row_lines_) {
          return fail(row, start,
                      "a quoted field is not closed within " + std::to_string(max_row_lines_) +
                          " lines (a stray quote?); reading goes on at the next line",
                      column);
        }
        if (++i - start > max_row_bytes_) return fail(row, start, too_long, column);
      }
      if (have(i) && buffer_[i] != ',' && buffer_[i] != '\n' && buffer_[i] != '\r') {
        return fail(row, start, "text follows the closing quote of a quoted field", column);
      }
    } else {
      size_t end = i;
      while (have(end)) {
        const char c = buffer_[end];
        if (c == ',' || c == '\n' || c == '\r') break;
        if (c == '"') {
          return fail(row, start,
                      "a quote appears inside a field that does not begin with one "
                      "(quote the whole field and double the quote inside)",
                      column);
        }
        if (++end - start > max_row_bytes_) return fail(row, start, too_long, column);
      }
      field.assign(buffer_, i, end - i);
      i = end;
    }
    row.fields.push_back(std::move(field));
    if (row.fields.size() > max_fields_) {
      return fail(row, start, "the row has more than " + std::to_string(max_fields_) + " fields",
                  CsvRow::no_column);
    }
    if (!have(i)) break;
    const char c = buffer_[i++];
    if (c == ',') continue;
    if (c == '\r' && have(i) && buffer_[i] == '\n') ++i;
    break;
  }
  pos_ = i;
  row.last_line = row.line + breaks;
  line_ = row.last_line + 1;
  if (breaks > 0) last_row_.emplace(start, row.line);
  return row;
}

std::string spreadsheet_safe(std::string_view cell) {
  if (!needs_guard(cell)) return std::string(cell);
  std::string out = "'";
  out.append(cell);
  return out;
}

std::string_view spreadsheet_restore(std::string_view cell) {
  if (!cell.empty() && cell.front() == '\'') cell.remove_prefix(1);
  return cell;
}

std::string csv_line(const std::vector<std::string>& fields) {
  return line_of(fields, false);
}

std::string spreadsheet_csv_line(const std::vector<std::string>& fields) {
  return line_of(fields, true);
}

void write_spreadsheet_csv(std::ostream& out, const std::vector<std::string>& header,
                           const std::vector<std::vector<std::string>>& rows) {
  out << spreadsheet_csv_line(header);
  for (const auto& row : rows) out << spreadsheet_csv_line(row);
}

}  // namespace lyssna::interchange
