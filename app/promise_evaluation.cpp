// The year-end evaluation of a promise's focus areas (see promise.hpp):
// the follow-up indicators in the survey that justified each focus area
// beside the next survey's, by the engine's trend test, and the analysts'
// conclusion.
#include <algorithm>
#include <map>

#include "app/margins.hpp"
#include "app/promise.hpp"
#include "app/promise_rows.hpp"
#include "app/survey_analysis.hpp"
#include "app/surveys.hpp"
#include "reports/reports.hpp"
#include "util/errors.hpp"

namespace lyssna::app {
namespace {

using namespace promise_rows;

constexpr std::string_view theme_indicator_prefix = "theme_";  // analysis/data/indicators.json

std::string verdict_code(const std::string& engine_verdict) {
  if (engine_verdict == "better" || engine_verdict == "worse") return engine_verdict;
  if (engine_verdict == "no significant change") return "unchanged";
  return "not_comparable";
}

// The trend row of `id` (a theme's indicator falls back to its mention
// share when the theme has no problem items: the trend has no such row).
const reports::TrendRow* find_row(const reports::TrendReport& trend, const std::string& id) {
  auto find = [&](const std::string& wanted) -> const reports::TrendRow* {
    for (const auto& row : trend.indicators)
      if (row.indicator == wanted) return &row;
    return nullptr;
  };
  if (const auto* row = find(id)) return row;
  if (id.rfind(theme_indicator_prefix, 0) == 0)
    return find("mentions_" + id.substr(theme_indicator_prefix.size()));
  return nullptr;
}

FocusArea load_focus_area(Services& services, int64_t focus_area, int64_t& promise) {
  {
    auto db = services.readers().acquire();
    promise = require_focus_area(*db, focus_area).second.id;
  }
  for (auto& fa : load_promise(services, promise).focus_areas)
    if (fa.id == focus_area) return fa;
  throw NotFound("no focus area " + std::to_string(focus_area), "focus_area");
}

}  // namespace

std::vector<std::pair<std::string, std::string>> evaluation_indicators(
    const FocusArea& focus_area) {
  std::vector<std::pair<std::string, std::string>> out;
  auto add = [&](std::string id, std::string area) {
    std::pair<std::string, std::string> item{std::move(id), std::move(area)};
    if (std::find(out.begin(), out.end(), item) == out.end()) out.push_back(std::move(item));
  };
  for (const auto& a : focus_area.activities) {
    const auto& ind = a.input.indicator;
    if (ind.kind == Indicator::Kind::survey_indicator) add(ind.indicator_id, ind.area);
  }
  if (out.empty()) {
    for (const auto& s : focus_area.sources)
      add(std::string(theme_indicator_prefix) + s.theme, s.area.value_or(""));
  }
  return out;
}

std::vector<EvaluatedIndicator> compare_indicators(Services& services, const FocusArea& focus_area,
                                                   const std::string& later_survey) {
  if (focus_area.sources.empty()) {
    throw Invalid("a focus area without a survey behind it has nothing to compare", "sources");
  }
  const std::string& earlier_survey = focus_area.sources.front().survey;
  if (later_survey == earlier_survey) {
    throw Invalid("the later survey is another than the one the focus area came from",
                  "later_survey");
  }
  require_survey(services, earlier_survey);
  require_survey(services, later_survey);
  reports::TrendOptions base;
  const auto margins = weighting_margins(services, later_survey);
  const auto earlier_margins = weighting_margins(services, earlier_survey);
  // One side weighted and the other not would measure the weighting as a change.
  if (!margins.empty() && !earlier_margins.empty()) {
    base.margins = margins;
    base.earlier_margins = earlier_margins;
  }
  SurveyAnalysis later(services, later_survey), earlier(services, earlier_survey);
  std::map<std::string, reports::TrendReport> by_area;  // one trend per area asked for
  std::vector<EvaluatedIndicator> out;
  for (const auto& [id, area] : evaluation_indicators(focus_area)) {
    auto it = by_area.find(area);
    if (it == by_area.end()) {
      auto options = base;
      if (!area.empty()) options.area = area;
      it = by_area.emplace(area, reports::trend_report(later.context(), earlier.context(), options))
               .first;
    }
    EvaluatedIndicator e;
    e.indicator_id = id;
    e.area = area;
    e.earlier_survey = earlier_survey;
    e.later_survey = later_survey;
    e.verdict = "not_comparable";
    if (const auto* row = find_row(it->second, id)) {
      e.earlier = row->earlier.value;
      e.later = row->later.value;
      e.earlier_n = row->earlier.n;
      e.later_n = row->later.n;
      e.difference = row->change.difference;
      e.p_value = row->change.p_value;
      e.significant = row->change.significant;
      e.verdict = verdict_code(row->change.verdict);
    }
    out.push_back(std::move(e));
  }
  return out;
}

void evaluate_focus_area(Services& services, const Actor& actor, int64_t focus_area,
                         const std::string& later_survey, const Texts& conclusions) {
  const Texts conclusion = checked_texts(conclusions, "conclusion", max_text, true);
  int64_t promise = 0;
  const FocusArea fa = load_focus_area(services, focus_area, promise);
  // The analysis runs before the write, off the writer's thread: it reads
  // two whole surveys, and the figures are what the analysts saw.
  const auto indicators = compare_indicators(services, fa, later_survey);
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    const auto [row, p] = require_focus_area(db, focus_area);
    if (p.status != "published") {
      throw Conflict("promise " + std::to_string(p.id) + " is " + p.status +
                         "; a published promise is evaluated",
                     "status");
    }
    storage::put_focus_evaluation(db, {focus_area, later_survey, indicators_json(indicators),
                                       texts_json(conclusion), now, actor.name});
    record_audit(db, now, actor, AuditAction::promise_changed, promise_target(p.id),
                 "focus_area " + std::to_string(focus_area) + " evaluated against " +
                     later_survey.substr(0, 64));
  });
}

}  // namespace lyssna::app
