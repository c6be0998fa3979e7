// A survey's annual results report, one page to read or print to A4 (issue
// 10 point 6): the survey with its dates, answers and weighting; every
// indicator with its chart and intervals, per area as on the dashboard;
// the themes per area; the priority list; the promises drawn from the
// survey with their focus areas, activities and done against planned in
// the promise's first year. Route:
//   GET /workspace/surveys/<id>/report   view_results; 404 for an unknown survey
// Aggregates only, so a viewer may read it: the priority list is made
// without quotes, the promises without their quotes or internal notes, and
// an area with fewer answers than the small-number rule shows no figures
// (the indicators' rule, applied to the themes' answers with free text too).
#include "app/margins.hpp"
#include "app/priority_blend.hpp"
#include "app/promise.hpp"
#include "app/survey_analysis.hpp"
#include "app/survey_dashboard.hpp"
#include "http/explorer_view.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"
#include "http/workspace_dashboard_view.hpp"
#include "http/workspace_guard.hpp"
#include "http/workspace_priorities_view.hpp"
#include "http/workspace_promise_view.hpp"
#include "http/workspace_view.hpp"
#include "render/template_engine.hpp"
#include "reports/reports.hpp"
#include "util/clock.hpp"

namespace lyssna::http {
// Named, not anonymous: the route files are compiled as one unity file.
namespace report_page {

using nlohmann::json;

std::string day_or_none(const std::string& lang, const std::optional<int64_t>& epoch) {
  return epoch ? clock::format_date(*epoch) : ws_text(lang, "ws.dashboard.no_date");
}

// The title block: the survey, its dates, its answers and their first and
// last day, whether the figures are weighted.
json title_block(const std::string& lang, const app::SurveyDashboard& d) {
  const auto& q = *d.survey;
  const auto& t = d.timeline;
  json v = {{"opens", day_or_none(lang, q.opens_at)},
            {"closes", day_or_none(lang, q.closes_at)},
            {"answers", std::to_string(t.total)},
            {"weighted", d.margins.has_value()},
            {"made", clock::format_date(clock::now_seconds())}};
  if (!t.starts.empty())
    v["span"] = ws_text(lang, "ws.dashboard.span",
                        {{"first", clock::format_date(t.starts.front())},
                         {"last", clock::format_date(t.starts.back())}});
  return v;
}

// The priority list as the priority page makes it by default (the whole
// survey, weighted when margins are stored), never with quotes.
json priorities_view(app::Services& services, const reports::SurveyContext& ctx,
                     const std::string& survey, const std::string& lang) {
  auto options = app::priority_options(services, survey, std::nullopt,
                                       app::weighting_margins(services, survey));
  options.quotes = 0;
  const reports::PriorityReport report = reports::priority_report(ctx, options);
  json v = priority_view::priority_rows(report, ctx.codebook(), lang);
  v["counts"] =
      ws_text(lang, "ws.prio.counts",
              {{"n", std::to_string(report.respondents)}, {"texts", std::to_string(report.texts)}});
  v["weighted"] = report.weighting.has_value();
  v["has_rows"] = !v["rows"].empty();
  return v;
}

// Whether a focus area of the promise comes from the survey.
bool drawn_from(const app::Promise& p, const std::string& survey) {
  for (const auto& fa : p.focus_areas)
    for (const auto& s : fa.sources)
      if (s.survey == survey) return true;
  return false;
}

// Each promise drawn from the survey, with its first year's progress.
json promises_view(WorkspaceRoutes& r, const std::string& survey, const std::string& lang) {
  json out = json::array();
  for (const auto& listed : app::list_promises(r.app(), "")) {
    const app::Promise p = app::load_promise(r.app(), listed.id);
    if (!drawn_from(p, survey)) continue;
    json pv = json::object();
    const app::ReportingPeriod year{p.header.first_year, app::PeriodUnit::year, 1};
    promise_view::add_promise_summary(pv, r, lang, p, year);
    pv["year_heading"] =
        ws_text(lang, "ws.report.promise_year", {{"year", std::to_string(p.header.first_year)}});
    out.push_back(pv);
  }
  return out;
}

void show(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const std::string& lang = w.lang();
  auto& services = r.app();
  const app::SurveyDashboard d = app::survey_dashboard(services, w.req.matches[1], std::nullopt);
  const auto& q = *d.survey;
  const std::string path = survey_path(q.id, "report");
  const std::string title = questionnaire::localized(q.title, lang, q.default_language());
  json v =
      workspace_view(lang, ws_text(lang, "ws.report.title", {{"survey", title}}), &w.session, path);
  add_survey_nav(v, lang, w.session.access(), q, path);
  v["heading"] = title;
  v["facts"] = title_block(lang, d);
  // Everyone and each area: the age groups and genders are the dashboard's.
  add_indicators_view(v, lang, d, {"total", "area"});
  app::SurveyAnalysis analysis(services, q.id);
  const auto& ctx = analysis.context();
  v["themes"] = explorer::theme_table(ctx, lang, "", d.indicators.small.suppress_below);
  v["themes_note"] = ws_text(lang, "ws.report.themes_note",
                             {{"n", std::to_string(d.indicators.small.suppress_below)}});
  v["priorities"] = priorities_view(services, ctx, q.id, lang);
  v["promises"] = promises_view(r, q.id, lang);
  v["has_promises"] = !v["promises"].empty();
  send_html(w.res, 200, render::get_template("ws_report").render(v), Audience::workspace);
}

}  // namespace report_page

void register_workspace_report_routes(WorkspaceRoutes& routes) {
  WorkspaceRoutes* r = &routes;
  routes.page("/workspace/surveys/" + survey_id_pattern + "/report", app::Permission::view_results,
              [r](WorkspaceRequest& w) { report_page::show(*r, w); });
}

}  // namespace lyssna::http
