// CSV reading and writing (see csv.hpp).
#include "collector/interchange/csv.hpp"

namespace lyssna::interchange {

CsvReader::CsvReader(std::istream& in, size_t max_row_bytes, size_t max_fields)
    : in_(in), max_row_bytes_(max_row_bytes), max_fields_(max_fields) {}

// The stream buffer directly: istream::get() per character costs a sentry each.
int CsvReader::get() {
  int c = in_.rdbuf()->sbumpc();
  if (c != std::char_traits<char>::eof()) ++bytes_;
  return c;
}

int CsvReader::peek() { return in_.rdbuf()->sgetc(); }

void CsvReader::skip_rest_of_line() {
  while (true) {
    int c = get();
    if (c == std::char_traits<char>::eof()) return;
    if (c == '\n') {
      ++line_;
      return;
    }
  }
}

std::optional<CsvRow> CsvReader::next() {
  constexpr int eof = std::char_traits<char>::eof();
  if (!started_) {
    started_ = true;
    if (peek() == 0xEF) {
      int b0 = get(), b1 = get(), b2 = get();
      if (b0 != 0xEF || b1 != 0xBB || b2 != 0xBF) {
        CsvRow bad;
        bad.line = line_;
        bad.error = "the file starts with bytes that are neither UTF-8 text nor a byte-order mark";
        skip_rest_of_line();
        return bad;
      }
    }
  }
  // Skip blank lines between rows.
  while (peek() == '\n' || peek() == '\r') {
    if (get() == '\n') ++line_;
  }
  if (peek() == eof) return std::nullopt;

  CsvRow row;
  row.line = line_;
  std::string field;
  size_t row_bytes = 0;
  auto fail = [&](std::string message) {
    row.error = std::move(message);
    row.fields.clear();
    skip_rest_of_line();
    return row;
  };
  while (true) {
    // One field.
    field.clear();
    if (peek() == '"') {
      get();
      while (true) {
        int c = get();
        if (c == eof) {
          row.error = "a quoted field is not closed before the end of the file";
          row.fields.clear();
          return row;
        }
        if (c == '\n') ++line_;
        if (c == '"') {
          if (peek() == '"') {
            get();
            field.push_back('"');
            continue;
          }
          break;
        }
        field.push_back(static_cast<char>(c));
        if (++row_bytes > max_row_bytes_) {
          return fail("the row is longer than " + std::to_string(max_row_bytes_) + " bytes");
        }
      }
      int after = peek();
      if (after != ',' && after != '\n' && after != '\r' && after != eof) {
        return fail("a quoted field is followed by text before the next comma");
      }
    } else {
      while (true) {
        int c = peek();
        if (c == ',' || c == '\n' || c == '\r' || c == eof) break;
        get();
        if (c == '"') return fail("a quote appears inside an unquoted field");
        field.push_back(static_cast<char>(c));
        if (++row_bytes > max_row_bytes_) {
          return fail("the row is longer than " + std::to_string(max_row_bytes_) + " bytes");
        }
      }
    }
    row.fields.push_back(std::move(field));
    if (row.fields.size() > max_fields_) {
      return fail("the row has more than " + std::to_string(max_fields_) + " fields");
    }
    int c = get();
    if (c == ',') continue;
    if (c == '\r' && peek() == '\n') c = get();
    if (c == '\n' || c == '\r') ++line_;
    return row;
  }
}

std::string csv_field(std::string_view value) {
  bool quote = !value.empty() && (value.front() == ' ' || value.back() == ' ');
  for (char c : value) {
    if (c == ',' || c == '"' || c == '\n' || c == '\r') quote = true;
  }
  if (!quote) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out.push_back(',');
    out += csv_field(fields[i]);
  }
  out += "\r\n";
  return out;
}

}  // namespace lyssna::interchange
