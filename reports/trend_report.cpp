// Change from an earlier survey to a later one, indicator by indicator and
// theme by theme, with whether each change is larger than chance.
#include <cmath>

#include "analysis/stats/indicators.hpp"
#include "analysis/stats/trend.hpp"
#include "reports/reports.hpp"

namespace lyssna::reports {
namespace {

double round4(double v) { return std::round(v * 10000) / 10000; }

nlohmann::json change_json(const analysis::Change& c) {
  return {{"difference", c.difference ? nlohmann::json(round4(*c.difference)) : nlohmann::json()},
          {"ci", c.ci ? nlohmann::json({round4(c.ci->low), round4(c.ci->high)}) : nlohmann::json()},
          {"p_value", c.p_value ? nlohmann::json(round4(*c.p_value)) : nlohmann::json()},
          {"significant", c.significant},
          {"verdict", c.verdict}};
}

// Mention shares as shares, so that they compare the same way.
analysis::Share mention_share(const analysis::ThemeAssignment& a, const analysis::Codebook& codebook,
                              const std::string& theme, const analysis::SmallNumbers& small) {
  size_t index = 0;
  while (index < codebook.themes.size() && codebook.themes[index].id != theme) ++index;
  analysis::ShareCounter counter;
  for (const auto& row : a.rows) counter.add(row.has(index));
  return counter.result(small);
}

}  // namespace

Report trend_report(const SurveyContext& later, const SurveyContext& earlier, const TrendOptions& options) {
  const auto data_later = later.dataset(), data_earlier = earlier.dataset();
  std::vector<double> w_later, w_earlier;
  if (!options.margins.empty()) w_later = weights_for(data_later, options.margins).weights;
  const auto& earlier_margins = options.earlier_margins.empty() ? options.margins : options.earlier_margins;
  if (!earlier_margins.empty()) w_earlier = weights_for(data_earlier, earlier_margins).weights;
  const auto defs = analysis::standard_indicators(later.codebook());

  Report r;
  r.table.header = {"indicator", earlier.survey(), later.survey(), "change", "p", "verdict"};
  r.table.numeric = {false, true, true, true, true, false};
  nlohmann::json indicators = nlohmann::json::array();
  auto add_row = [&](const std::string& id, const analysis::Share& a, const analysis::Share& b, bool better_up) {
    auto c = analysis::compare_shares(a, b, better_up);
    indicators.push_back({{"indicator", id}, {"earlier", share_json(a)}, {"later", share_json(b)}, {"change", change_json(c)}});
    r.table.rows.push_back({id, reports::percent(a.value), reports::percent(b.value),
                            c.difference ? std::string(*c.difference >= 0 ? "+" : "") + reports::fixed(*c.difference * 100, 1) + " pp"
                                         : std::string("–"),
                            c.p_value ? reports::fixed(*c.p_value, 3) : "–", c.verdict});
  };
  for (const auto& d : defs) {
    add_row(d.id, analysis::indicator_share(data_earlier, d, w_earlier, options.small),
            analysis::indicator_share(data_later, d, w_later, options.small), d.higher_is_better);
  }
  const auto themes_later = later.themes(), themes_earlier = earlier.themes();
  for (const auto& t : later.codebook().themes) {
    add_row("mentions_" + t.id, mention_share(themes_earlier, earlier.codebook(), t.id, options.small),
            mention_share(themes_later, later.codebook(), t.id, options.small), false);
  }
  r.document = {{"survey", later.survey()},
                {"earlier", earlier.survey()},
                {"weighted", !w_later.empty()},
                {"indicators", indicators}};
  return r;
}

}  // namespace lyssna::reports
