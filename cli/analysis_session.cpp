// Shared parts of the analysis commands (see analysis_session.hpp).
#include "cli/analysis_session.hpp"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "analysis/analysis_error.hpp"
#include "collector/interchange/json_reader.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace lyssna::cli {

reports::PrintOptions print_options(const ParsedArgs& a,
                                    std::initializer_list<reports::OutputFormat> allowed) {
  reports::PrintOptions o;
  o.terminal = isatty(STDOUT_FILENO);
  const auto option = a.value("--format");
  if (!option) {
    o.format = o.terminal ? reports::OutputFormat::table : reports::OutputFormat::json;
    return o;
  }
  std::string names;
  for (auto f : allowed) {
    if (reports::format_name(f) == *option) {
      o.format = f;
      return o;
    }
    names += (names.empty() ? "" : ", ") + std::string(reports::format_name(f));
  }
  throw BadInput("the format must be one of " + names, "format");
}

void note_set_aside(const reports::SurveyContext& ctx) {
  if (const size_t n = ctx.index.set_aside().size()) {
    std::fprintf(
        stderr,
        "lyssna: note: %zu response%s could not be indexed and %s left out of the text analyses "
        "(`lyssna reindex` tries again and lists them)\n",
        n, n == 1 ? "" : "s", n == 1 ? "is" : "are");
  }
}

std::optional<int64_t> date_argument(const ParsedArgs& a, const std::string& option,
                                     bool end_of_day) {
  auto v = a.value(option);
  if (!v) return std::nullopt;
  auto t = clock::parse_range_bound(*v, end_of_day);
  if (!t) throw BadInput(option + " must be a date (2026-03-01) or an RFC 3339 timestamp", option);
  return t;
}

std::vector<std::string> list_argument(const ParsedArgs& a, const std::string& option) {
  auto v = a.value(option);
  return v ? text::split_list(*v) : std::vector<std::string>{};
}

std::vector<analysis::Margin> margins_argument(const ParsedArgs& a, const std::string& option) {
  auto path = a.value(option);
  if (!path) return {};
  std::ifstream in(*path);
  if (!in) throw BadInput("cannot open '" + *path + "'", option);
  std::stringstream text;
  text << in.rdbuf();
  try {
    return analysis::parse_margins(interchange::parse_json_file(text.str(), *path, option));
  } catch (const analysis::BadSpecification& e) {
    throw Invalid(*path + ": " + e.what(), option);
  }
}

Command fields_as_options(Command command) {
  static const std::map<std::string, std::string> option_field = {
      {"margins", "weights"},
      {"earlier_margins", "earlier-weights"},
      {"problem_index", "problem-index"}};
  auto run = command.run;
  command.run = [run](const Context& c, const ParsedArgs& a) {
    try {
      return run(c, a);
    } catch (const Invalid& e) {
      auto renamed = option_field.find(e.field());
      if (renamed == option_field.end()) throw;
      throw Invalid(e.what(), renamed->second, e.problems());
    }
  };
  return command;
}

}  // namespace lyssna::cli
