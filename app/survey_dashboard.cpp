// A survey's overview and dashboard figures (see survey_dashboard.hpp).
#include "app/survey_dashboard.hpp"

#include "app/answering_window.hpp"
#include "app/previous_survey.hpp"
#include "app/survey_analysis.hpp"
#include "app/surveys.hpp"

namespace lyssna::app {

SurveyOverview survey_overview(Services& services, const std::string& survey) {
  SurveyOverview o;
  o.survey = require_survey(services, survey);
  const int64_t now = services.now();
  o.status = is_open(*o.survey, now, Moment::start)            ? "open"
             : o.survey->opens_at && *o.survey->opens_at > now ? "not_yet_open"
                                                               : "closed";
  SurveyAnalysis analysis(services, survey);
  o.responses = reports::response_timeline(analysis.context(), std::nullopt);
  return o;
}

SurveyDashboard survey_dashboard(Services& services, const std::string& survey,
                                 const std::optional<std::string>& area) {
  SurveyDashboard d;
  d.survey = require_survey(services, survey);
  d.area = area;
  d.margins = survey_margins(services, survey);
  const std::vector<analysis::Margin> none;
  const auto& margins = d.margins ? d.margins->margins : none;
  {
    SurveyAnalysis analysis(services, survey);
    const auto& ctx = analysis.context();
    d.timeline = reports::response_timeline(ctx, area);
    reports::IndicatorOptions options;
    options.margins = margins;
    d.indicators = reports::indicator_report(ctx, options);
    if (area) {
      options.area = area;
      d.area_indicators = reports::indicator_report(ctx, options);
    }
    d.codebook = ctx.codebook();
  }
  if (const auto earlier = previous_survey(services, survey)) {
    DashboardTrend trend;
    trend.earlier = require_survey(services, *earlier);
    const auto earlier_margins = weighting_margins(services, *earlier);
    // One side weighted and the other not would measure the weighting as a change.
    reports::TrendOptions options;
    if (!margins.empty() && !earlier_margins.empty()) {
      options.margins = margins;
      options.earlier_margins = earlier_margins;
      trend.weighted = true;
    }
    SurveyAnalysis later_analysis(services, survey), earlier_analysis(services, *earlier);
    trend.report =
        reports::trend_report(later_analysis.context(), earlier_analysis.context(), options);
    d.trend = std::move(trend);
  }
  return d;
}

}  // namespace lyssna::app
