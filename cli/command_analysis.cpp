// The analysis commands: themes, search, discover, code, codebook,
// indicators, priorities, trend and reindex. Each gathers its options, asks
// reports/ for the report and prints it (table on a terminal,
// --format json|jsonl|csv|markdown otherwise).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "analysis/analysis_error.hpp"
#include "app/coding.hpp"
#include "app/priority_blend.hpp"
#include "app/survey_analysis.hpp"
#include "cli/actor.hpp"
#include "cli/analysis_session.hpp"
#include "collector/interchange/json_reader.hpp"
#include "collector/interchange/progress_bar.hpp"
#include "indexing/index_updater.hpp"
#include "reports/option_ranges.hpp"
#include "util/errors.hpp"

namespace lyssna::cli {
namespace {

using reports::OutputFormat;

constexpr std::initializer_list<OutputFormat> tabular = {OutputFormat::table, OutputFormat::json,
                                                         OutputFormat::csv, OutputFormat::markdown};
constexpr std::initializer_list<OutputFormat> with_lines = {OutputFormat::table, OutputFormat::json,
                                                            OutputFormat::jsonl, OutputFormat::csv,
                                                            OutputFormat::markdown};

const OptionSpec format_option = {"--format", "FORMAT",
                                  "table (default on a terminal), json, csv or markdown"};
// indicators and priorities also as a workbook.
constexpr std::initializer_list<OutputFormat> tabular_xlsx = {
    OutputFormat::table, OutputFormat::json, OutputFormat::csv, OutputFormat::markdown,
    OutputFormat::xlsx};
const OptionSpec format_xlsx_option = {
    "--format", "FORMAT", "table (default on a terminal), json, csv, markdown or xlsx"};
const OptionSpec output_option = {"--output", "FILE",
                                  "write to FILE instead of standard output (xlsx needs it on "
                                  "a terminal)"};

// Prints to --output when given. A workbook is bytes: not onto a terminal.
template <class Result>
int print_to_output(const Result& result, reports::PrintOptions options, const ParsedArgs& a,
                    const std::string& sheet) {
  options.sheet = sheet;
  const auto path = a.value("--output");
  if (!path || *path == "-") {
    if (options.format == OutputFormat::xlsx && options.terminal) {
      throw BadInput("xlsx is a binary file: give --output FILE or redirect the output",
                     "--output");
    }
    return print_result(result, options);
  }
  std::ofstream file(*path, std::ios::binary | std::ios::trunc);
  if (!file) throw BadInput("cannot write '" + *path + "'", "--output");
  options.terminal = false;
  reports::print(result, options, file);
  file.flush();
  if (!file) throw Error("writing '" + *path + "' failed (disk full?)");
  return exit_ok;
}
const OptionSpec format_lines_option = {
    "--format", "FORMAT", "table (default on a terminal), json, jsonl, csv or markdown"};
// An option's value with its range and default from reports/option_ranges.hpp.
int64_t ranged_argument(const ParsedArgs& a, const std::string& name, reports::OptionRange range) {
  return a.number(name, range.min, range.max).value_or(range.fallback);
}

// "(1-10000, default 20)" for the help text.
std::string range_text(reports::OptionRange range) {
  return "(" + std::to_string(range.min) + "-" + std::to_string(range.max) + ", default " +
         std::to_string(range.fallback) + ")";
}

const OptionSpec weights_option = {"--weights", "FILE",
                                   "population margins to weight by (interchange.md section 4)"};

int run_themes(const Context& c, const ParsedArgs& a) {
  const auto output = print_options(a, with_lines);
  const bool per_response = a.flag("--per-response");
  if (output.format == OutputFormat::jsonl && !per_response) {
    throw BadInput("jsonl goes with --per-response (one line per response)", "format");
  }
  const AnalysedSurvey survey(c, a.positionals[0]);
  const auto& ctx = survey.context();
  if (per_response)
    return print_result(reports::themes_per_response(ctx, a.value("--area")), output);
  return print_result(reports::theme_summary(ctx, a.value("--area")), output);
}

int run_search(const Context& c, const ParsedArgs& a) {
  const AnalysedSurvey survey(c, a.positionals[0]);
  const auto& ctx = survey.context();
  reports::SearchOptions o;
  o.query = a.positionals.size() > 1 ? a.positionals[1] : "";
  o.areas = list_argument(a, "--area");
  o.languages = list_argument(a, "--lang");
  o.channels = list_argument(a, "--channel");
  o.theme = a.value("--theme");
  o.from = date_argument(a, "--from", false);
  o.to = date_argument(a, "--to", true);
  o.limit = static_cast<size_t>(ranged_argument(a, "--limit", reports::search_limit));
  o.offset = static_cast<size_t>(ranged_argument(a, "--offset", reports::search_offset));
  return print_result(reports::search_report(ctx, o), print_options(a, with_lines));
}

int run_discover(const Context& c, const ParsedArgs& a) {
  const AnalysedSurvey survey(c, a.positionals[0]);
  const auto& ctx = survey.context();
  reports::DiscoverOptions o;
  o.candidates =
      static_cast<size_t>(ranged_argument(a, "--candidates", reports::discover_candidates));
  const auto options = print_options(a, tabular);
  const auto report = reports::discover_report(ctx, o);
  // A table has no room for them; JSON carries them in "warnings".
  if (options.format != reports::OutputFormat::json) {
    for (const auto& w : report.warnings) std::cerr << "note: " << w << "\n";
  }
  return print_result(report, options);
}

int run_code(const Context& c, const ParsedArgs& a) {
  app::CodingChange change{a.positionals[1], list_argument(a, "--add"),
                           list_argument(a, "--remove")};
  app::Services services({c.db_path});
  app::code_response(services, command_line_actor(), a.positionals[0], change);
  std::printf(
      "response '%s': %zu theme%s added, %zu removed by hand (these win over the automatic "
      "themes)\n",
      change.record_id.c_str(), change.add.size(), change.add.size() == 1 ? "" : "s",
      change.remove.size());
  return exit_ok;
}

int run_codebook(const Context& c, const ParsedArgs& a) {
  const std::string action = a.positionals[0], survey = a.positionals[1];
  if (action != "show" && action != "reset" && (action != "load" || a.positionals.size() != 3)) {
    throw BadInput("usage: lyssna codebook show|load|reset SURVEY [FILE]");
  }
  app::Services services({c.db_path});
  if (action == "show") {
    std::printf("%s\n", analysis::to_json(app::codebook_of(services, survey)).dump(2).c_str());
    return exit_ok;
  }
  if (action == "reset") {
    app::reset_codebook(services, command_line_actor(), survey);
    std::printf("survey '%s' uses the default codebook again\n", survey.c_str());
    return exit_ok;
  }
  std::ifstream in(a.positionals[2]);
  if (!in) throw BadInput("cannot open '" + a.positionals[2] + "'", "FILE");
  std::stringstream text;
  text << in.rdbuf();
  analysis::Codebook parsed;
  try {
    parsed = analysis::parse_codebook(
        interchange::parse_json_file(text.str(), a.positionals[2], "FILE"));
  } catch (const analysis::BadSpecification& e) {
    throw Invalid(e.what(), "FILE");
  }
  app::set_codebook(services, command_line_actor(), survey, parsed);
  std::printf("survey '%s' now uses codebook '%s' with %zu themes (no reindexing needed)\n",
              survey.c_str(), parsed.id.c_str(), parsed.themes.size());
  return exit_ok;
}

int run_indicators(const Context& c, const ParsedArgs& a) {
  const AnalysedSurvey survey(c, a.positionals[0]);
  const auto& ctx = survey.context();
  reports::IndicatorOptions o;
  o.table_by = a.value_or("--by", reports::default_indicator_table_by);
  o.margins = margins_argument(a, "--weights");
  o.small = reports::small_numbers(ranged_argument(a, "--min-n", reports::indicator_min_n));
  if (auto path = a.value("--problem-index")) {
    std::ifstream in(*path);
    if (!in) throw BadInput("cannot open '" + *path + "'", "--problem-index");
    std::stringstream text;
    text << in.rdbuf();
    o.problem_index_config = interchange::parse_json_file(text.str(), *path, "--problem-index");
  }
  return print_to_output(reports::indicator_report(ctx, o), print_options(a, tabular_xlsx), a,
                         "indicators");
}

int run_priorities(const Context& c, const ParsedArgs& a) {
  AnalysedSurvey survey(c, a.positionals[0]);
  // The survey's stored blend, as on the workspace's page and in the API.
  const auto o = app::priority_options(survey.services(), a.positionals[0], a.value("--area"),
                                       margins_argument(a, "--weights"));
  return print_to_output(reports::priority_report(survey.context(), o),
                         print_options(a, tabular_xlsx), a, "priorities");
}

int run_trend(const Context& c, const ParsedArgs& a) {
  auto earlier_id = a.value("--against");
  if (!earlier_id) throw BadInput("--against EARLIER_SURVEY is required", "--against");
  app::Services services({c.db_path});
  app::SurveyAnalysis later_survey(services, a.positionals[0]),
      earlier_survey(services, *earlier_id);
  const auto& later = later_survey.context();
  const auto& earlier = earlier_survey.context();
  note_set_aside(later);
  reports::TrendOptions o;
  o.margins = margins_argument(a, "--weights");
  o.earlier_margins = margins_argument(a, "--earlier-weights");
  return print_result(reports::trend_report(later, earlier, o), print_options(a, tabular));
}

int run_reindex(const Context& c, const ParsedArgs& a) {
  const bool show = !a.flag("--quiet") && interchange::ProgressBar::stderr_is_terminal();
  std::unique_ptr<interchange::ProgressBar> bar;
  const auto result = indexing::rebuild_index(c.db_path, [&](int64_t done, int64_t total) {
    // The total is known once reading starts: a bar over responses read.
    if (!bar)
      bar =
          std::make_unique<interchange::ProgressBar>("reindex", static_cast<uint64_t>(total), show);
    bar->update(static_cast<uint64_t>(done), static_cast<uint64_t>(done));
  });
  if (bar) bar->finish();
  std::printf("reindexed %lld responses into %s\n", static_cast<long long>(result.read),
              analysis::index_path_for(c.db_path).c_str());
  // A response that cannot be indexed does not stop the others; say which.
  if (!result.set_aside.empty()) {
    std::printf(
        "set aside %zu response%s that could not be indexed (left out of the text analyses):\n",
        result.set_aside.size(), result.set_aside.size() == 1 ? "" : "s");
    for (const auto& r : result.set_aside) std::printf("  %s\n", indexing::describe(r).c_str());
  }
  return exit_ok;
}

}  // namespace

std::vector<Command> analysis_commands() {
  std::vector<Command> commands = {
      {{"themes",
        "lyssna themes SURVEY [--per-response] [--area AREA] [--format FORMAT]",
        "themes in the survey's free text (codebook queries over the index; manual codes win)",
        "Without --per-response: how many answers with free text carry each theme.\n"
        "With --per-response --format jsonl: one line per response, {\"id\": ..., \"themes\": "
        "[...]}.",
        {{"--per-response", "", "one row per response with free text"},
         {"--area", "AREA", "only this area"},
         format_lines_option},
        1,
        1},
       run_themes},
      {{"search",
        "lyssna search SURVEY [QUERY] [filters] [--format FORMAT]",
        "full-text search with phrases, AND/OR/NOT and stemming in every language",
        "QUERY uses Xapian's syntax: words, \"a phrase\", AND, OR, NOT, +must, -not, prefix*.\n"
        "Diacritics do not matter (mork finds mörkt). Without QUERY: the newest answers.",
        {{"--area", "LIST", "only these areas (comma separated)"},
         {"--lang", "LIST", "only answers in these languages"},
         {"--channel", "LIST", "only these channels (online, dialogue, kiosk, paper)"},
         {"--theme", "THEME", "only answers that carry this theme"},
         {"--from", "DATE", "submitted on or after"},
         {"--to", "DATE", "submitted on or before"},
         {"--limit", "N", "hits to show " + range_text(reports::search_limit)},
         {"--offset", "N", "skip this many hits " + range_text(reports::search_offset)},
         format_lines_option},
        1,
        2},
       run_search},
      {{"discover",
        "lyssna discover SURVEY [--candidates N] [--format FORMAT]",
        "propose new themes from the free text that no theme matches",
        "Groups of distinctive, co-occurring words (Xapian's expand set against the whole\n"
        "survey), each with its count and three representative quotes.",
        {{"--candidates", "N",
          "how many groups at most " + range_text(reports::discover_candidates)},
         format_option},
        1,
        1},
       run_discover},
      {{"code",
        "lyssna code SURVEY RESPONSE_ID [--add THEMES] [--remove THEMES]",
        "add or remove themes on one response by hand; wins over the automatic themes",
        "",
        {{"--add", "THEMES", "themes to add (comma separated)"},
         {"--remove", "THEMES", "themes to remove"}},
        2,
        2},
       run_code},
      {{"codebook",
        "lyssna codebook show|load|reset SURVEY [FILE]",
        "show, replace or reset a survey's codebook (re-tags without reindexing)",
        "`show` prints the codebook in force (the default unless the survey has its own);\n"
        "edit it, then `load` it. Theme ids that were renamed or merged go in \"renamed\":\n"
        "{\"old_id\": \"new_id\"}, so manual codes follow them.",
        {},
        2,
        3},
       run_codebook},
      {{"indicators",
        "lyssna indicators SURVEY [--by GROUPING] [--weights FILE] [--min-n N] [--format FORMAT] "
        "[--output FILE]",
        "perceived-safety indicators with 95% intervals, by area, age group and gender",
        "Shares of unsafe at night, never out, avoidance, worry, victimisation, police trust,\n"
        "each problem item and each theme, plus the problem index (0-6) per area. Cells with\n"
        "fewer than --min-n respondents (default " +
            std::to_string(reports::indicator_min_n.fallback) +
            ") are suppressed; under --min-n or " +
            std::to_string(reports::uncertain_below_at_least) + ", whichever is more, marked *.",
        {{"--by", "GROUPING", "columns of the table: area (default), age_group, gender or total"},
         weights_option,
         {"--min-n", "N",
          "suppress cells with fewer respondents " + range_text(reports::indicator_min_n)},
         {"--problem-index", "FILE",
          "the problem index table (default: analysis/data/problem_index.json)"},
         format_xlsx_option,
         output_option},
        1,
        1},
       run_indicators},
      {{"priorities",
        "lyssna priorities SURVEY [--area AREA] [--weights FILE] [--format FORMAT] [--output FILE]",
        "the ranked priority list for the citizen promise, with the figures behind each rank",
        "score = 0.5 * problem_share / max problem_share + 0.5 * mention_share / max "
        "mention_share;\n"
        "themes without problem items are ranked on mentions alone. See docs/analysis.md.",
        {{"--area", "AREA", "only this area"}, weights_option, format_xlsx_option, output_option},
        1,
        1},
       run_priorities},
      {{"trend",
        "lyssna trend SURVEY --against EARLIER [--weights FILE] [--format FORMAT]",
        "change since an earlier survey, and whether it is larger than chance",
        "",
        {{"--against", "EARLIER", "the earlier survey (same standard questionnaire)"},
         weights_option,
         {"--earlier-weights", "FILE", "margins for the earlier survey (default: --weights)"},
         format_option},
        1,
        1},
       run_trend},
      {{"reindex",
        "lyssna reindex",
        "rebuild the text index from the database",
        "The index lives beside the database (<db>.index) and is derived from it; a running\n"
        "server keeps it current, so stop the server before rebuilding.",
        {{"--quiet", "", "no progress bar"}},
        0,
        0},
       run_reindex},
  };
  for (auto& command : commands) command = fields_as_options(std::move(command));
  return commands;
}

}  // namespace lyssna::cli
