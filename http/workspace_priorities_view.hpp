// Template data of a priority report's rows (reports::priority_report), as
// the priority page (http/workspace_priorities_routes.cpp) and the annual
// report (http/workspace_report_routes.cpp) show them: rank, theme, score
// with its survey and dialogue parts, the problem share with its 95%
// interval, the mention share, as words and as bar lengths. Only data is
// built here; what a role may do with a row is the page's.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "analysis/codebook/codebook.hpp"
#include "reports/results.hpp"

namespace lyssna::http::priority_view {

// A bar's length in the SVG's 0-100 units, against the axis' top.
double bar_length(double value, double top);

// {rows: [{rank, theme, anchor, label, score, survey_part, dialogue_part,
// dialogue_from, score_text, mention, mention_length, mention_text, n,
// problem: {value, length, low, high, ci} | no_problem}], problem_axis,
// mention_axis}, the rows in the report's order.
nlohmann::json priority_rows(const reports::PriorityReport& report,
                             const analysis::Codebook& codebook, const std::string& lang);

}  // namespace lyssna::http::priority_view
