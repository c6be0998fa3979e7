// Output of the analysis commands: every command builds one JSON document
// (its machine-readable answer) and, for people, a table view of it that is
// printed as an aligned table, CSV or Markdown.
#pragma once

#include <initializer_list>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace lyssna::reports {

enum class OutputFormat { table, json, jsonl, csv, markdown };

// From --format; without it, a table on a terminal and JSON otherwise.
// Throws BadInput naming --format when the command does not offer the format.
OutputFormat output_format(const std::optional<std::string>& option, std::initializer_list<OutputFormat> allowed);
std::string_view format_name(OutputFormat f);

struct TextTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numeric;  // per column: right-aligned in tables
};

// table, csv or markdown.
void write_table(const TextTable& table, OutputFormat format, std::ostream& out);
// JSON (pretty) or JSON Lines (one compact value per line of `lines`).
void write_json(const nlohmann::json& document, std::ostream& out);
void write_jsonl(const std::vector<nlohmann::json>& lines, std::ostream& out);

std::string join(const std::vector<std::string>& parts, std::string_view separator);

// 0.4812 -> "48.1%"; nullopt -> "–".
std::string percent(std::optional<double> share);
std::string fixed(double value, int decimals);

}  // namespace lyssna::reports
