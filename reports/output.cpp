// Output formats (see output.hpp).
#include "reports/output.hpp"

#include <unistd.h>

#include <cstdio>

#include "util/errors.hpp"
#include "util/text.hpp"
#include "collector/interchange/csv.hpp"

namespace lyssna::reports {

std::string_view format_name(OutputFormat f) {
  switch (f) {
    case OutputFormat::table: return "table";
    case OutputFormat::json: return "json";
    case OutputFormat::jsonl: return "jsonl";
    case OutputFormat::csv: return "csv";
    case OutputFormat::markdown: return "markdown";
  }
  return "?";
}

OutputFormat output_format(const std::optional<std::string>& option, std::initializer_list<OutputFormat> allowed) {
  if (!option) return isatty(STDOUT_FILENO) ? OutputFormat::table : OutputFormat::json;
  std::vector<std::string> names;
  for (OutputFormat f : allowed) {
    if (format_name(f) == *option) return f;
    names.emplace_back(format_name(f));
  }
  throw BadInput("--format must be one of " + join(names, ", "), "--format");
}

void write_table(const TextTable& t, OutputFormat format, std::ostream& out) {
  if (format == OutputFormat::csv) {
    interchange::write_spreadsheet_csv(out, t.header, t.rows);
    return;
  }
  if (format == OutputFormat::markdown) {
    auto cell = [](std::string s) {
      std::string o;
      for (char c : s) {
        if (c == '|') o += "\\|";
        else if (c == '\n') o += ' ';
        else o.push_back(c);
      }
      return o;
    };
    out << "|";
    for (const auto& h : t.header) out << " " << cell(h) << " |";
    out << "\n|";
    for (size_t i = 0; i < t.header.size(); ++i) out << (i < t.numeric.size() && t.numeric[i] ? " ---: |" : " --- |");
    out << "\n";
    for (const auto& row : t.rows) {
      out << "|";
      for (const auto& c : row) out << " " << cell(c) << " |";
      out << "\n";
    }
    return;
  }
  std::vector<size_t> width(t.header.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size() && i < width.size(); ++i) width[i] = std::max(width[i], text::code_points(row[i]));
  };
  measure(t.header);
  for (const auto& row : t.rows) measure(row);
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
  print_row(t.header);
  std::vector<std::string> rule;
  for (size_t w : width) rule.push_back(std::string(w, '-'));
  print_row(rule);
  for (const auto& row : t.rows) print_row(row);
}

void write_json(const nlohmann::json& document, std::ostream& out) { out << document.dump(2) << "\n"; }

void write_jsonl(const std::vector<nlohmann::json>& lines, std::ostream& out) {
  for (const auto& line : lines) out << line.dump() << "\n";
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += separator;
    out += parts[i];
  }
  return out;
}

std::string percent(std::optional<double> share) {
  if (!share) return "–";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", *share * 100);
  return buf;
}

std::string fixed(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

}  // namespace lyssna::reports
