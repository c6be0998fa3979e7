// The printer (see printer.hpp).
#include "reports/printer.hpp"

#include <algorithm>

#include "collector/interchange/csv.hpp"
#include "reports/table_xlsx.hpp"
#include "util/terminal_text.hpp"
#include "util/text.hpp"

namespace lyssna::reports {

std::string_view format_name(OutputFormat f) {
  switch (f) {
    case OutputFormat::table:
      return "table";
    case OutputFormat::json:
      return "json";
    case OutputFormat::jsonl:
      return "jsonl";
    case OutputFormat::csv:
      return "csv";
    case OutputFormat::markdown:
      return "markdown";
    case OutputFormat::xlsx:
      return "xlsx";
  }
  return "?";
}

std::string markdown_cell(std::string_view s) {
  std::string out;
  for (char c : text::for_terminal(s)) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '\\':
      case '`':
      case '[':
      case ']':
      case '|':
        out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

std::vector<std::string> for_terminal(const std::vector<std::string>& cells) {
  std::vector<std::string> shown;
  shown.reserve(cells.size());
  for (const auto& c : cells) shown.push_back(text::for_terminal(c));
  return shown;
}

void write_markdown(const TextTable& t, std::ostream& out) {
  out << "|";
  for (const auto& h : t.header) out << " " << markdown_cell(h) << " |";
  out << "\n|";
  for (size_t i = 0; i < t.header.size(); ++i)
    out << (i < t.numeric.size() && t.numeric[i] ? " ---: |" : " --- |");
  out << "\n";
  for (const auto& row : t.rows) {
    out << "|";
    for (const auto& c : row) out << " " << markdown_cell(c) << " |";
    out << "\n";
  }
}

// Every CSV is for a spreadsheet: formula cells are guarded (docs/csv.md).
void write_csv(const TextTable& t, bool terminal, std::ostream& out) {
  if (!terminal) {
    interchange::write_spreadsheet_csv(out, t.header, t.rows);
    return;
  }
  out << interchange::spreadsheet_csv_line(for_terminal(t.header));
  for (const auto& row : t.rows) out << interchange::spreadsheet_csv_line(for_terminal(row));
}

void write_aligned(const TextTable& t, std::ostream& out) {
  const auto header = for_terminal(t.header);
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : t.rows) rows.push_back(for_terminal(row));
  std::vector<size_t> width(header.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size() && i < width.size(); ++i)
      width[i] = std::max(width[i], text::code_points(row[i]));
  };
  measure(header);
  for (const auto& row : rows) measure(row);
  auto print_row = [&](const std::vector<std::string>& row) {
    std::string line;
    for (size_t i = 0; i < row.size() && i < width.size(); ++i) {
      size_t pad = width[i] - text::code_points(row[i]);
      bool right = i < t.numeric.size() && t.numeric[i];
      if (i) line += "  ";
      if (right) line.append(pad, ' ');
      line += row[i];
      if (!right && i + 1 < row.size()) line.append(pad, ' ');
    }
    out << line << "\n";
  };
  print_row(header);
  std::vector<std::string> rule;
  for (size_t w : width) rule.push_back(std::string(w, '-'));
  print_row(rule);
  for (const auto& row : rows) print_row(row);
}

}  // namespace

void write_table(const TextTable& t, const PrintOptions& options, std::ostream& out) {
  switch (options.format) {
    case OutputFormat::csv:
      write_csv(t, options.terminal, out);
      break;
    case OutputFormat::markdown:
      write_markdown(t, out);
      break;
    case OutputFormat::xlsx:
      write_table_xlsx(t, options.sheet, out);
      break;
    default:
      write_aligned(t, out);
  }
}

void write_json(const nlohmann::json& document, std::ostream& out) {
  out << document.dump(2) << "\n";
}

void write_jsonl(const std::vector<nlohmann::json>& lines, std::ostream& out) {
  for (const auto& line : lines) out << line.dump() << "\n";
}

}  // namespace lyssna::reports
