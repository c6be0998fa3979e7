// What the analysis commands share: reading their common options, printing
// a result in the chosen format, and naming their errors' fields as options.
#pragma once

#include <initializer_list>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "analysis/stats/raking.hpp"
#include "app/services.hpp"
#include "app/survey_analysis.hpp"
#include "cli/commands.hpp"
#include "reports/printer.hpp"
#include "reports/reports.hpp"

namespace lyssna::cli {

// From --format; without it, a table on a terminal and JSON otherwise.
// Throws BadInput (field "format") when the command does not offer the format.
reports::PrintOptions print_options(const ParsedArgs& a,
                                    std::initializer_list<reports::OutputFormat> allowed);

template <class Result>
int print_result(const Result& result, const reports::PrintOptions& options) {
  reports::print(result, options, std::cout);
  std::cout.flush();
  return exit_ok;
}

// A note on stderr when the survey's index has set responses aside.
void note_set_aside(const reports::SurveyContext& ctx);

// The survey a single-survey analysis command reads: opened on the
// command's database, with the set-aside note already given.
class AnalysedSurvey {
 public:
  AnalysedSurvey(const Context& c, const std::string& survey_id)
      : services_({c.db_path}), survey_(services_, survey_id) {
    note_set_aside(survey_.context());
  }
  const reports::SurveyContext& context() const { return survey_.context(); }
  app::Services& services() { return services_; }

 private:
  app::Services services_;  // before survey_, which reads through it
  app::SurveyAnalysis survey_;
};

// "2026-03-01" or an RFC 3339 timestamp, for --from/--to; throws BadInput naming the option.
std::optional<int64_t> date_argument(const ParsedArgs& a, const std::string& option,
                                     bool end_of_day);
std::vector<std::string> list_argument(const ParsedArgs& a, const std::string& option);
// The margins file named by `option` (interchange.md section 4), or none.
std::vector<analysis::Margin> margins_argument(const ParsedArgs& a, const std::string& option);

// Reports name their errors' fields for every client ("margins"); where the
// command's option is called otherwise (--weights), the error names the
// option's field, so that the message points at the option.
Command fields_as_options(Command command);

}  // namespace lyssna::cli
