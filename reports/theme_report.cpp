// Themes of a survey: how many answers with free text carry each theme, and
// the contract's per-response lines (interchange.md section 5).
#include "reports/reports.hpp"

namespace lyssna::reports {

ThemeSummary theme_summary(const SurveyContext& ctx, const std::optional<std::string>& area) {
  ctx.require_area(area);
  const std::function<ThemeSummary()> make = [&] {
    const auto& assignment = ctx.themes();
    const auto& codebook = ctx.codebook();
    ThemeSummary r{ctx.survey(), area, codebook.id, 0, 0, {}};
    std::vector<int64_t> counts(codebook.themes.size(), 0);
    for (const auto& row : assignment.rows) {
      if (area && row.area != *area) continue;
      ++r.texts;
      if (row.themes.empty()) ++r.untagged;
      for (auto t : row.themes) ++counts[t];
    }
    for (size_t i = 0; i < codebook.themes.size(); ++i) {
      const auto& id = codebook.themes[i].id;
      r.themes.push_back({id, codebook.label(id, "en"),
                          codebook.label(id, ctx.questionnaire.default_language()), counts[i],
                          r.texts ? double(counts[i]) / double(r.texts) : 0});
    }
    return r;
  };
  return memoized(ctx, "theme_summary\n" + (area ? "area " + *area : "all"), make);
}

ThemesPerResponse themes_per_response(const SurveyContext& ctx,
                                      const std::optional<std::string>& area) {
  ctx.require_area(area);
  const auto& assignment = ctx.themes();
  const auto& themes = ctx.codebook().themes;
  ThemesPerResponse r{ctx.survey(), {}};
  for (const auto& row : assignment.rows) {
    if (area && row.area != *area) continue;
    ResponseThemes line{row.record_id, {}};
    for (auto t : row.themes) line.themes.push_back(themes[t].id);
    r.responses.push_back(std::move(line));
  }
  return r;
}

}  // namespace lyssna::reports
