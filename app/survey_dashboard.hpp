// The figures of a survey's overview and dashboard pages, gathered from the
// analysis engine in one place: response counts and their timeline, every
// indicator per area, age group and gender (weighted with the survey's
// stored margins when it has them), the problem index, and the change from
// the previous survey. Aggregates only: nothing here carries free text.
#pragma once

#include <optional>
#include <string>

#include "analysis/codebook/codebook.hpp"
#include "app/margins.hpp"
#include "app/services.hpp"
#include "collector/questionnaire/questionnaire.hpp"
#include "reports/reports.hpp"
#include "reports/response_timeline.hpp"

namespace lyssna::app {

struct SurveyOverview {
  questionnaire::QuestionnairePtr survey;
  std::string status;                   // "open", "not_yet_open" or "closed" (to new answers, now)
  reports::ResponseTimeline responses;  // the whole survey's, with its totals
};
// Throws NotFound for an unknown survey.
SurveyOverview survey_overview(Services& services, const std::string& survey);

struct DashboardTrend {
  questionnaire::QuestionnairePtr earlier;
  // Both sides raked to their own stored margins; unweighted unless both have them.
  bool weighted = false;
  reports::TrendReport report;
};

struct SurveyDashboard {
  questionnaire::QuestionnairePtr survey;
  std::optional<std::string> area;       // the page narrowed to this area
  std::optional<SurveyMargins> margins;  // stored: the indicators are weighted with them
  reports::ResponseTimeline timeline;    // of the area, when narrowed
  reports::IndicatorReport indicators;   // the whole survey's groups (total, areas, ...)
  // Narrowed: the same groups within the area alone (its age groups, genders).
  std::optional<reports::IndicatorReport> area_indicators;
  analysis::Codebook codebook;          // in force: the names of the theme indicators
  std::optional<DashboardTrend> trend;  // none: no previous survey (previous_survey.hpp)
};
// Throws NotFound for an unknown survey, Invalid (field "area") for an area
// the survey does not have.
SurveyDashboard survey_dashboard(Services& services, const std::string& survey,
                                 const std::optional<std::string>& area);

}  // namespace lyssna::app
