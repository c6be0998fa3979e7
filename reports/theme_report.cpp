// Themes of a survey: how many answers with free text carry each theme, and
// the contract's per-response lines (interchange.md section 5).
#include <algorithm>
#include <cmath>

#include "util/errors.hpp"
#include "reports/reports.hpp"

namespace lyssna::reports {

Report theme_report(const SurveyContext& ctx, const ThemeOptions& options) {
  const auto assignment = ctx.themes();
  const auto& themes_of_codebook = ctx.codebook().themes;
  // Known areas only: a typo should not look like an empty area.
  const auto areas = ctx.areas();
  if (options.area && std::find(areas.begin(), areas.end(), *options.area) == areas.end()) {
    throw BadInput("survey '" + ctx.survey() + "' has no area '" + *options.area + "'", "--area");
  }
  Report r;
  std::vector<int64_t> counts(themes_of_codebook.size(), 0);
  int64_t texts = 0, untagged = 0;
  for (const auto& row : assignment.rows) {
    if (options.area && row.area != *options.area) continue;
    ++texts;
    if (row.themes.empty()) ++untagged;
    for (auto t : row.themes) ++counts[t];
    if (options.per_response) {
      nlohmann::json ids = nlohmann::json::array();
      for (auto t : row.themes) ids.push_back(themes_of_codebook[t].id);
      r.lines.push_back({{"id", row.record_id}, {"themes", std::move(ids)}});
    }
  }
  nlohmann::json themes = nlohmann::json::array();
  r.table.header = {"theme", "label", "answers", "share"};
  r.table.numeric = {false, false, true, true};
  for (size_t i = 0; i < themes_of_codebook.size(); ++i) {
    const auto& t = themes_of_codebook[i];
    const double share = texts ? double(counts[i]) / double(texts) : 0;
    themes.push_back({{"theme", t.id}, {"label", ctx.codebook().label(t.id, "en")}, {"count", counts[i]},
                      {"share", std::round(share * 10000) / 10000}});
    r.table.rows.push_back({t.id, ctx.codebook().label(t.id, ctx.questionnaire.default_language()),
                            std::to_string(counts[i]), reports::percent(share)});
  }
  r.table.rows.push_back({"(none)", "", std::to_string(untagged), reports::percent(texts ? double(untagged) / double(texts) : 0)});
  r.document = {{"survey", ctx.survey()},
                {"area", options.area ? nlohmann::json(*options.area) : nlohmann::json()},
                {"codebook", ctx.codebook().id},
                {"texts", texts},
                {"untagged", untagged},
                {"themes", themes}};
  if (options.per_response) {
    // The per-response table: one row per answer.
    r.table.header = {"id", "themes"};
    r.table.numeric = {false, false};
    r.table.rows.clear();
    for (const auto& line : r.lines) {
      r.table.rows.push_back({line["id"].get<std::string>(),
                              reports::join(line["themes"].get<std::vector<std::string>>(), " ")});
    }
    r.document = nlohmann::json{{"survey", ctx.survey()}, {"responses", r.lines}};
  }
  return r;
}

}  // namespace lyssna::reports
