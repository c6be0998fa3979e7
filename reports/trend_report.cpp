// Change from an earlier survey to a later one, indicator by indicator and
// theme by theme, with whether each change is larger than chance.
#include <algorithm>

#include "analysis/stats/indicators.hpp"
#include "analysis/stats/trend.hpp"
#include "reports/reports.hpp"

namespace lyssna::reports {
namespace {

// The themes of the earlier codebook that count as the later theme `theme`:
// the same id, an id the later codebook's `renamed` map leads to it (a
// rename or a merge), or the theme the earlier codebook's own map leads
// `theme` to. Empty when the earlier codebook has nothing like it (a new
// theme): then there is no earlier share to compare with.
std::vector<size_t> earlier_themes(const analysis::Codebook& later,
                                   const analysis::Codebook& earlier, const std::string& theme) {
  const std::string renamed_there = earlier.resolve(theme);
  std::vector<size_t> out;
  for (size_t i = 0; i < earlier.themes.size(); ++i) {
    const std::string& id = earlier.themes[i].id;
    if (later.resolve(id) == theme || id == renamed_there) out.push_back(i);
  }
  return out;
}

// The share of responses with free text that carry any of `themes` (indices
// into their codebook). No themes: an empty, suppressed share, which no
// comparison reads as zero mentions.
analysis::Share mention_share(const analysis::ThemeAssignment& a, const std::vector<size_t>& themes,
                              const analysis::SmallNumbers& small,
                              const std::optional<std::string>& area) {
  analysis::ShareCounter counter;
  if (themes.empty()) return counter.result(small);
  for (const auto& row : a.rows) {
    if (area && row.area != *area) continue;
    counter.add(std::any_of(themes.begin(), themes.end(), [&](size_t t) { return row.has(t); }));
  }
  return counter.result(small);
}

}  // namespace

TrendReport trend_report(const SurveyContext& later, const SurveyContext& earlier,
                         const TrendOptions& options) {
  const bool own_earlier = !options.earlier_margins.empty();
  const auto& earlier_margins = own_earlier ? options.earlier_margins : options.margins;
  const std::string earlier_field = own_earlier ? "earlier_margins" : "margins";
  later.require_area(options.area);
  earlier.require_area(options.area);
  later.require_margins(options.margins);
  earlier.require_margins(earlier_margins, earlier_field);
  const auto& data_later = later.dataset();
  const auto& data_earlier = earlier.dataset();
  // Each survey's weights as its other reports use them (kept per prepared
  // survey, so a page that shows the trend does not rake again).
  std::shared_ptr<const analysis::RakingResult> raked_later, raked_earlier;
  if (!options.margins.empty()) raked_later = later.raking(options.margins);
  if (!earlier_margins.empty()) raked_earlier = earlier.raking(earlier_margins, earlier_field);
  static const std::vector<double> unweighted;
  const auto& w_later = raked_later ? raked_later->weights : unweighted;
  const auto& w_earlier = raked_earlier ? raked_earlier->weights : unweighted;
  const auto* design_later = raked_later ? raked_later->design.get() : nullptr;
  const auto* design_earlier = raked_earlier ? raked_earlier->design.get() : nullptr;
  TrendReport r;
  r.survey = later.survey();
  r.earlier = earlier.survey();
  r.weighted_later = !w_later.empty();
  r.weighted_earlier = !w_earlier.empty();
  auto add_row = [&](const std::string& id, const analysis::Share& a, const analysis::Share& b,
                     bool better_up) {
    r.indicators.push_back({id, a, b, analysis::compare_shares(a, b, better_up)});
  };
  const auto rows_earlier = analysis::area_rows(data_earlier, options.area);
  const auto rows_later = analysis::area_rows(data_later, options.area);
  for (const auto& d : later.indicators()) {
    add_row(
        d.id,
        analysis::indicator_share(data_earlier, d, w_earlier, options.small, rows_earlier,
                                  design_earlier),
        analysis::indicator_share(data_later, d, w_later, options.small, rows_later, design_later),
        d.higher_is_better);
  }
  const auto& themes_later = later.themes();
  const auto& themes_earlier = earlier.themes();
  const auto& themes = later.codebook().themes;
  for (size_t i = 0; i < themes.size(); ++i) {
    add_row("mentions_" + themes[i].id,
            mention_share(themes_earlier,
                          earlier_themes(later.codebook(), earlier.codebook(), themes[i].id),
                          options.small, options.area),
            mention_share(themes_later, {i}, options.small, options.area), false);
  }
  return r;
}

}  // namespace lyssna::reports
