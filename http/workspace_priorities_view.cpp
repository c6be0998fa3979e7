// A priority report's rows as template data (see workspace_priorities_view.hpp).
#include "http/workspace_priorities_view.hpp"

#include <algorithm>
#include <cmath>

#include "http/workspace_view.hpp"

namespace lyssna::http::priority_view {
namespace {

using nlohmann::json;

// The top of a share's axis: the largest value rounded up to 10 points, so
// that bars of small shares are not slivers and the rows compare.
double share_axis(double largest) {
  return std::clamp(std::ceil(largest * 10 - 1e-9) / 10, 0.1, 1.0);
}

}  // namespace

double bar_length(double value, double top) {
  return top > 0 ? std::clamp(100 * value / top, 0.0, 100.0) : 0;
}

json priority_rows(const reports::PriorityReport& report, const analysis::Codebook& codebook,
                   const std::string& lang) {
  double top_problem = 0, top_mention = 0;
  for (const auto& [row, label] : report.priorities) {
    if (row.problem_share_ci) top_problem = std::max(top_problem, row.problem_share_ci->high);
    if (row.problem_share) top_problem = std::max(top_problem, *row.problem_share);
    top_mention = std::max(top_mention, row.mention_share);
  }
  const double problem_axis = share_axis(top_problem), mention_axis = share_axis(top_mention);
  json rows = json::array();
  for (const auto& ranked : report.priorities) {
    const auto& p = ranked.ranking;
    const auto* theme = codebook.find(p.theme);
    json row = {{"rank", p.rank},
                {"theme", p.theme},
                {"anchor", "prio-" + p.theme},
                {"label", codebook.label(p.theme, lang)},
                {"score", format_decimal(lang, p.score, 2)},
                {"survey_part", bar_length(p.survey_part, 1)},
                {"dialogue_part", bar_length(p.dialogue_part, 1)},
                {"dialogue_from", bar_length(p.survey_part, 1)},
                {"score_text", ws_text(lang, "ws.prio.score_text",
                                       {{"score", format_decimal(lang, p.score, 2)},
                                        {"survey", format_decimal(lang, p.survey_part, 2)},
                                        {"dialogue", format_decimal(lang, p.dialogue_part, 2)}})},
                {"mention", format_percent(lang, p.mention_share, 0)},
                {"mention_length", bar_length(p.mention_share, mention_axis)},
                {"mention_text", ws_text(lang, "ws.prio.mention_text",
                                         {{"mentions", std::to_string(p.mentions)},
                                          {"texts", std::to_string(report.texts)}})},
                {"n", p.n}};
    if (report.method.dots > 0) {
      // The dot votes' part (analysis/stats/priorities.hpp): drawn after the other two.
      row["vote_part"] = bar_length(p.vote_part, 1);
      row["vote_from"] = bar_length(p.survey_part + p.dialogue_part, 1);
      row["score_text"] = ws_text(lang, "ws.vote.prio_score_text",
                                  {{"survey", format_decimal(lang, p.survey_part, 2)},
                                   {"dialogue", format_decimal(lang, p.dialogue_part, 2)},
                                   {"votes", format_decimal(lang, p.vote_part, 2)}});
      row["vote"] = {{"value", format_percent(lang, p.vote_share, 0)},
                     {"length", bar_length(p.vote_share, 1)},
                     {"text", ws_text(lang, "ws.vote.prio_dots", {{"n", std::to_string(p.dots)}})}};
    }
    if (p.problem_share) {
      json problem = {{"value", format_percent(lang, *p.problem_share, 0)},
                      {"length", bar_length(*p.problem_share, problem_axis)}};
      if (p.problem_share_ci) {
        problem["low"] = bar_length(p.problem_share_ci->low, problem_axis);
        problem["high"] = bar_length(p.problem_share_ci->high, problem_axis);
        problem["ci"] =
            ws_text(lang, "ws.prio.ci",
                    {{"low", format_decimal(lang, 100 * p.problem_share_ci->low, 0)},
                     {"high", format_decimal(lang, 100 * p.problem_share_ci->high, 0)}});
      }
      row["problem"] = problem;
    } else {
      row["no_problem"] = ws_text(
          lang, theme && theme->problem_items.empty() ? "ws.prio.not_asked" : "ws.prio.suppressed");
    }
    rows.push_back(row);
  }
  return {{"rows", rows},
          {"problem_axis", format_percent(lang, problem_axis, 0)},
          {"mention_axis", format_percent(lang, mention_axis, 0)}};
}

}  // namespace lyssna::http::priority_view
