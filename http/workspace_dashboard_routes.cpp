// A survey's overview and its dashboard: aggregates only (counts, shares
// with intervals, the problem index, the change from the previous
// survey), so every role that sees results sees them, a viewer too; never
// a resident's own words. Routes:
//   GET /workspace/surveys/<id>                      the overview: title, status
//       and dates, responses by channel, language and area, the survey's tabs
//   GET /workspace/surveys/<id>/dashboard[?area=A]   responses over time, every
//       indicator per area, age group and gender (weighted when the survey
//       has stored margins) as charts with tables, the problem index, the
//       change from the previous survey; ?area= narrows it to one area (400
//       for an area the survey does not have)
// Both need view_results; 404 for an unknown survey.
#include "app/survey_dashboard.hpp"
#include "http/requests.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"
#include "http/workspace_dashboard_view.hpp"
#include "http/workspace_guard.hpp"
#include "http/workspace_view.hpp"
#include "render/template_engine.hpp"

namespace lyssna::http {

void register_workspace_dashboard_routes(WorkspaceRoutes& routes) {
  WorkspaceRoutes* r = &routes;
  const std::string base = "/workspace/surveys/" + survey_id_pattern;
  routes.page(base, app::Permission::view_results, [r](WorkspaceRequest& w) {
    const std::string& lang = w.lang();
    const app::SurveyOverview o = app::survey_overview(r->app(), w.req.matches[1]);
    const std::string path = survey_path(o.survey->id);
    const std::string title =
        questionnaire::localized(o.survey->title, lang, o.survey->default_language());
    nlohmann::json v = workspace_view(lang, title, &w.session, path);
    add_survey_nav(v, lang, w.session.access(), *o.survey, path);
    add_overview_view(v, lang, o);
    send_html(w.res, 200, render::get_template("ws_dashboard_overview").render(v),
              Audience::workspace);
  });
  routes.page(base + "/dashboard", app::Permission::view_results, [r](WorkspaceRequest& w) {
    const std::string& lang = w.lang();
    std::optional<std::string> area = optional_param(w.req, "area");
    if (area && area->empty()) area.reset();  // "all areas" of the filter
    const app::SurveyDashboard d = app::survey_dashboard(r->app(), w.req.matches[1], area);
    const std::string path = survey_path(d.survey->id, "dashboard");
    nlohmann::json v = workspace_view(lang, ws_text(lang, "ws.dashboard.title"), &w.session, path);
    add_survey_nav(v, lang, w.session.access(), *d.survey, path);
    add_dashboard_view(v, lang, d);
    send_html(w.res, 200, render::get_template("ws_dashboard").render(v), Audience::workspace);
  });
}

}  // namespace lyssna::http
