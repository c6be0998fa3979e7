// The one printer of the analysis commands: a result as its JSON document,
// its JSON Lines, or its table (aligned for a terminal, CSV or Markdown),
// with the escaping each format needs in one place. Residents' texts reach
// these outputs, so nothing in a cell can act as markup or as a terminal
// control: Markdown escapes HTML and link syntax; tables, and CSV printed to
// a terminal, make control and bidirectional characters visible.
#pragma once

#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "reports/documents.hpp"
#include "reports/tables.hpp"

namespace lyssna::reports {

// xlsx: the table as a workbook (reports/table_xlsx.hpp), bytes not text.
enum class OutputFormat { table, json, jsonl, csv, markdown, xlsx };
std::string_view format_name(OutputFormat f);

struct PrintOptions {
  OutputFormat format = OutputFormat::json;
  bool terminal = false;         // the output is a terminal (CSV cells are then made safe to show)
  std::string sheet = "lyssna";  // xlsx: the sheet's name
};

// One Markdown table cell: `\`, `` ` ``, `[`, `]` and `|` backslash-escaped,
// `<`, `>` and `&` as entities, line breaks a space, controls as for a
// terminal. No link, image, HTML, entity or code span can form, so the cell
// renders as its text (emphasis such as a snippet's **match** still works).
std::string markdown_cell(std::string_view s);

// table, csv, markdown or xlsx.
void write_table(const TextTable& table, const PrintOptions& options, std::ostream& out);
// JSON (pretty) or JSON Lines (one compact value per line).
void write_json(const nlohmann::json& document, std::ostream& out);
void write_jsonl(const std::vector<nlohmann::json>& lines, std::ostream& out);

// Prints a result in the chosen format; jsonl only for results with lines.
template <class Result>
void print(const Result& result, const PrintOptions& options, std::ostream& out) {
  switch (options.format) {
    case OutputFormat::json:
      write_json(document(result), out);
      return;
    case OutputFormat::jsonl:
      if constexpr (requires { lines(result); }) {
        write_jsonl(lines(result), out);
        return;
      }
      break;
    default:
      write_table(table(result), options, out);
      return;
  }
  throw std::logic_error("this result has no JSON Lines form");
}

}  // namespace lyssna::reports
