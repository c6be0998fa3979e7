// The ranked priority list (interchange.md section 5; the blend is in
// analysis/stats/priorities.hpp and docs/analysis.md).
#include <cstdio>
#include <future>

#include "analysis/quotes/theme_quotes.hpp"
#include "analysis/stats/indicators.hpp"
#include "analysis/stats/priorities.hpp"
#include "indexing/language_data.hpp"
#include "reports/reports.hpp"
#include "util/errors.hpp"

namespace lyssna::reports {
namespace {

PriorityReport make_priority_report(const SurveyContext& ctx, const PriorityOptions& options) {
  ctx.require_area(options.area);
  // Before the index task starts: a bad margins table is refused at once,
  // not after a full tagging pass.
  ctx.require_margins(options.margins);
  if (auto problem = analysis::blend_problem(options.blend))
    throw Invalid(problem->message, "blend");
  const auto& themes = ctx.codebook().themes;
  // The themes and quote candidates come from the index, the answers from
  // SQLite: read both at once (only this task uses the index). Prepared
  // (app/analysis_cache.hpp), both are at hand and the task is short.
  auto tagging = std::async(std::launch::async, [&ctx, &options] {
    ctx.themes();
    return ctx.quote_candidates(options.area);
  });
  // The index task keeps a core busy: one helper codes the answers.
  auto [data, weights, raking] = weighted_dataset(ctx, options.margins, 1);
  PriorityReport r;
  r.survey = ctx.survey();
  r.area = options.area;
  // Respondents in scope.
  const int area_q = data.question("area");
  std::vector<bool> include(data.size(), true);
  for (size_t row = 0; row < data.size(); ++row) {
    if (options.area) include[row] = data.answer(row, area_q) == *options.area;
    if (include[row]) ++r.respondents;
  }
  // Free text in scope, and the themes it carries.
  const auto candidates = tagging.get();
  std::vector<int64_t> mentions(themes.size(), 0);
  for (const auto& row : ctx.themes().rows) {
    if (options.area && row.area != *options.area) continue;
    ++r.texts;
    for (auto t : row.themes) ++mentions[t];
  }
  const analysis::SmallNumbers small;
  const auto texts = ctx.text_source();
  std::vector<analysis::ThemeSignal> signals;
  for (size_t i = 0; i < themes.size(); ++i) {
    analysis::ThemeSignal s;
    s.theme = themes[i].id;
    if (auto def = analysis::theme_indicator(indexing::indicator_spec(), themes[i])) {
      s.problem = analysis::indicator_share(data, *def, weights, small, include,
                                            raking ? raking->design.get() : nullptr);
    }
    s.mentions = mentions[i];
    s.texts = r.texts;
    s.quotes = analysis::pick_quotes((*candidates)[i], options.quotes, texts);
    if (auto it = options.dots.find(s.theme); it != options.dots.end()) s.dots = it->second;
    s.all_dots = options.all_dots;
    signals.push_back(std::move(s));
  }
  r.method.survey_weight = options.blend.survey_weight;
  r.method.dialogue_weight = options.blend.dialogue_weight;
  r.method.vote_weight = options.blend.vote_weight;
  r.votes = options.votes;
  r.ballots = options.ballots;
  for (auto& row : analysis::rank_priorities(signals, r.method)) {
    std::string label = ctx.codebook().label(row.theme, "en");
    r.priorities.push_back({std::move(row), std::move(label)});
  }
  r.weighting = std::move(raking);
  return r;
}

}  // namespace

PriorityReport priority_report(const SurveyContext& ctx, const PriorityOptions& options) {
  // Kept per prepared survey: the same options, the same report. The
  // blend's weights go into the key exactly (hexadecimal), so a blend
  // stored a moment ago never gets the report of the one before.
  char blend[96];
  std::snprintf(blend, sizeof blend, "blend %a %a %a", options.blend.survey_weight,
                options.blend.dialogue_weight, options.blend.vote_weight);
  // The dots too: a ballot cast a moment ago changes the vote signal.
  std::string dots = "dots " + std::to_string(options.all_dots) + " " +
                     std::to_string(options.ballots) + " " + std::to_string(options.votes);
  for (const auto& [theme, n] : options.dots) dots += " " + theme + "=" + std::to_string(n);
  const std::string key = "priorities\n" + (options.area ? "area " + *options.area : "all") + "\n" +
                          std::to_string(options.quotes) + "\n" + blend + "\n" + dots + "\n" +
                          margins_key(options.margins);
  return memoized<PriorityReport>(ctx, key, [&] { return make_priority_report(ctx, options); });
}

}  // namespace lyssna::reports
