// Change from an earlier survey to a later one, indicator by indicator and
// theme by theme, with whether each change is larger than chance.
#include "analysis/stats/indicators.hpp"
#include "analysis/stats/trend.hpp"
#include "reports/reports.hpp"

namespace lyssna::reports {
namespace {

// Mention shares as shares, so that they compare the same way.
analysis::Share mention_share(const analysis::ThemeAssignment& a,
                              const analysis::Codebook& codebook, const std::string& theme,
                              const analysis::SmallNumbers& small) {
  size_t index = 0;
  while (index < codebook.themes.size() && codebook.themes[index].id != theme) ++index;
  analysis::ShareCounter counter;
  for (const auto& row : a.rows) counter.add(row.has(index));
  return counter.result(small);
}

}  // namespace

TrendReport trend_report(const SurveyContext& later, const SurveyContext& earlier,
                         const TrendOptions& options) {
  const auto data_later = later.dataset(), data_earlier = earlier.dataset();
  std::vector<double> w_later, w_earlier;
  if (!options.margins.empty()) w_later = weights_for(data_later, options.margins).weights;
  const bool own_earlier = !options.earlier_margins.empty();
  const auto& earlier_margins = own_earlier ? options.earlier_margins : options.margins;
  if (!earlier_margins.empty()) {
    w_earlier =
        weights_for(data_earlier, earlier_margins, own_earlier ? "earlier_margins" : "margins")
            .weights;
  }
  TrendReport r{later.survey(), earlier.survey(), !w_later.empty(), {}};
  auto add_row = [&](const std::string& id, const analysis::Share& a, const analysis::Share& b,
                     bool better_up) {
    r.indicators.push_back({id, a, b, analysis::compare_shares(a, b, better_up)});
  };
  for (const auto& d : later.indicators()) {
    add_row(d.id, analysis::indicator_share(data_earlier, d, w_earlier, options.small),
            analysis::indicator_share(data_later, d, w_later, options.small), d.higher_is_better);
  }
  const auto themes_later = later.themes(), themes_earlier = earlier.themes();
  for (const auto& t : later.codebook().themes) {
    add_row("mentions_" + t.id,
            mention_share(themes_earlier, earlier.codebook(), t.id, options.small),
            mention_share(themes_later, later.codebook(), t.id, options.small), false);
  }
  return r;
}

}  // namespace lyssna::reports
