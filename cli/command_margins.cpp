// `lyssna margins set|show|clear SURVEY [FILE]`: the population margins
// stored with a survey (interchange.md section 4), which the workspace's
// pages weight with. Over app/margins, so the checks and the audit entry
// are the upload page's.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "app/margins.hpp"
#include "cli/actor.hpp"
#include "cli/commands.hpp"
#include "cli/input_file.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"
#include "util/terminal_text.hpp"

namespace lyssna::cli {
namespace {

void print_margins(const std::string& survey, const app::SurveyMargins& m) {
  std::printf("survey '%s': weighted to margins stored %s by %s\n", survey.c_str(),
              clock::format_rfc3339(m.updated_at).c_str(),
              m.updated_by.empty() ? "(unknown)" : text::for_terminal(m.updated_by).c_str());
  for (const auto& margin : m.margins) {
    std::printf("  %s\n", text::for_terminal(margin.variable).c_str());
    for (const auto& [category, count] : margin.counts)
      std::printf("    %-24s %.0f\n", text::for_terminal(category).c_str(), count);
  }
}

int run_margins_set(const Context& c, const ParsedArgs& a) {
  const std::string& survey = a.positionals.at(0);
  const std::string path = a.positionals.at(1);
  app::Services services({c.db_path});
  const std::string text = read_input_file(path, app::max_margins_file);
  const auto m = app::set_survey_margins(services, command_line_actor(), survey, text,
                                         path == "-" ? "stdin" : path, "FILE");
  print_margins(survey, m);
  return exit_ok;
}

int run_margins_show(const Context& c, const ParsedArgs& a) {
  const std::string& survey = a.positionals.at(0);
  app::Services services({c.db_path});
  const auto m = app::survey_margins(services, survey);
  if (a.value_or("--format", "table") == "json") {
    nlohmann::json tables = nlohmann::json::object();
    if (m) {
      for (const auto& margin : m->margins) tables[margin.variable] = margin.counts;
    }
    nlohmann::json out = {{"survey", survey}, {"margins", m ? tables : nlohmann::json()}};
    if (m) {
      out["updated_at"] = clock::format_rfc3339(m->updated_at);
      out["updated_by"] = m->updated_by;
    }
    std::printf("%s\n", out.dump(2).c_str());
    return exit_ok;
  }
  if (a.value_or("--format", "table") != "table")
    throw BadInput("--format must be table or json", "--format");
  if (!m) {
    std::printf("survey '%s': no margins stored; its figures are unweighted\n", survey.c_str());
    return exit_ok;
  }
  print_margins(survey, *m);
  return exit_ok;
}

int run_margins_clear(const Context& c, const ParsedArgs& a) {
  const std::string& survey = a.positionals.at(0);
  app::Services services({c.db_path});
  app::clear_survey_margins(services, command_line_actor(), survey);
  std::printf("survey '%s': margins cleared; its figures are unweighted\n", survey.c_str());
  return exit_ok;
}

}  // namespace

std::vector<Command> margins_commands() {
  const std::string about =
      "A margins file is JSON: {\"survey\": ID, \"margins\": {\"area\": {\"handen\": 18000, ...},\n"
      "\"age_group\": {...}, \"gender\": {...}}} (interchange.md section 4). Every variable\n"
      "must be a choice question of the survey and every category one of its options.\n"
      "The workspace's dashboard and priorities weight with the stored margins.";
  return {{{"margins set",
            "lyssna margins set SURVEY FILE",
            "store a survey's population margins (FILE, or - for stdin), checked first",
            about + " Replaces the margins stored before; audited.",
            {},
            2,
            2},
           run_margins_set},
          {{"margins show",
            "lyssna margins show SURVEY [--format table|json]",
            "the population margins stored with a survey, if any",
            about,
            {{"--format", "FORMAT", "table (default) or json"}},
            1,
            1},
           run_margins_show},
          {{"margins clear",
            "lyssna margins clear SURVEY",
            "remove a survey's margins: its figures become unweighted again",
            "Audited.",
            {},
            1,
            1},
           run_margins_clear}};
}

}  // namespace lyssna::cli
