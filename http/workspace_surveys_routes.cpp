// The survey list and a new survey. Routes:
//   GET  /workspace/surveys[?done=created]   every survey with its status,
//        dates and response count (view_results: every role but the
//        facilitator); for an admin also the form of a new survey
//   POST /workspace/surveys                  id, title, source (template |
//        copy), copy_of, areas, languages (administer): 303 to the new
//        survey's settings; the page again with its problems (422 a rule
//        broken, 409 the id taken)
#include <algorithm>

#include "app/surveys.hpp"
#include "collector/questionnaire/standard_template.hpp"
#include "http/responses.hpp"
#include "http/workspace_guard.hpp"
#include "http/workspace_survey_forms.hpp"
#include "http/workspace_view.hpp"
#include "render/template_engine.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace lyssna::http {
namespace survey_list {

using nlohmann::json;

// What the new-survey form shows again after a problem.
struct NewForm {
  app::NewSurvey survey;
  std::string source = "template";
  std::string areas_text;
  bool languages_given = false;
  std::string notice;  // a catalog key
  std::vector<survey_forms::Problem> problems;
  std::string error_field;
};

json new_survey_view(const std::string& lang, const NewForm& form,
                     const std::vector<storage::SurveySummary>& surveys) {
  json copies = json::array();
  for (const auto& s : surveys) {
    const auto& q = *s.questionnaire;
    copies.push_back({{"id", s.id},
                      {"label", questionnaire::localized(q.title, lang, q.default_language()) +
                                    " (" + s.id + ")"},
                      {"selected", s.id == form.survey.copy_of}});
  }
  json languages = json::array();
  for (const auto& code : questionnaire::standard_languages()) {
    const bool checked = form.languages_given
                             ? std::find(form.survey.languages.begin(), form.survey.languages.end(),
                                         code) != form.survey.languages.end()
                             : true;
    languages.push_back({{"code", code},
                         {"name", ws_text(lang, "ws.surveys.language." + code)},
                         {"checked", checked}});
  }
  auto error = [&](const std::string& field) { return form.error_field == field; };
  return {{"id", form.survey.id},
          {"title", form.survey.title},
          {"from_template", form.source != "copy"},
          {"from_copy", form.source == "copy"},
          {"copies", copies},
          {"has_copies", !copies.empty()},
          {"areas", form.areas_text},
          {"languages", languages},
          {"id_error", error("id")},
          {"title_error", error("title")},
          {"copy_error", error("copy_of")},
          {"areas_error", error("areas")},
          {"languages_error", error("languages")}};
}

void send_list(WorkspaceRoutes& r, WorkspaceRequest& w, int status, const NewForm& form) {
  const std::string& lang = w.lang();
  const app::Access access = w.session.access();
  json v =
      workspace_view(lang, ws_text(lang, "ws.surveys.title"), &w.session, "/workspace/surveys");
  const auto surveys = app::list_surveys(r.app());
  const int64_t now = r.app().now();
  const bool admin = access.may(app::Permission::administer);
  const bool free_text = access.may(app::Permission::view_free_text);
  json rows = json::array();
  for (const auto& s : surveys) {
    const auto& q = *s.questionnaire;
    json row = {{"id", s.id},
                {"title", questionnaire::localized(q.title, lang, q.default_language())},
                {"href", survey_path(s.id)},
                {"status", survey_forms::status_view(lang, app::survey_status(q, now))},
                {"opens", survey_forms::opening_day(q.opens_at)},
                {"closes", survey_forms::closing_day(q.closes_at)},
                {"responses", s.responses},
                {"languages", text::join(q.languages, ", ")},
                {"requires_code", q.requires_code}};
    if (admin) row["settings_href"] = survey_path(s.id, "settings");
    if (free_text) row["export_action"] = survey_path(s.id, "export");
    rows.push_back(row);
  }
  v["surveys"] = rows;
  v["has_surveys"] = !rows.empty();
  v["show_actions"] = admin || free_text;
  if (admin) v["new_survey"] = new_survey_view(lang, form, surveys);
  if (!form.notice.empty()) v["notice"] = ws_text(lang, form.notice);
  if (!form.problems.empty())
    v["problems"] =
        survey_forms::problems_view(ws_text(lang, "ws.surveys.error_title"), form.problems);
  send_html(w.res, status, render::get_template("ws_admin_surveys").render(v), Audience::workspace);
}

// The form's field of an error's field name, for the link from the problems box.
std::string anchor_of(const std::string& field) {
  if (field == "id") return "new-id";
  if (field == "title") return "new-title";
  if (field == "copy_of") return "new-copy";
  if (field == "languages") return "new-lang-sv";
  if (field == "areas" || field == "template") return "new-areas";
  return "";
}

void create(WorkspaceRoutes& r, WorkspaceRequest& w) {
  NewForm form;
  form.survey.id = text::trim(w.field("id"));
  form.survey.title = w.field("title");
  form.source = w.field("source") == "copy" ? "copy" : "template";
  form.areas_text = w.field("areas");
  form.languages_given = true;
  for (const auto& [name, value] : w.fields) {
    if (name.rfind("lang_", 0) == 0 && value == "on")
      form.survey.languages.push_back(name.substr(5));
  }
  // In the standard order, default (Swedish) first, whatever order the form sent.
  std::vector<std::string> ordered;
  for (const auto& code : questionnaire::standard_languages()) {
    if (std::find(form.survey.languages.begin(), form.survey.languages.end(), code) !=
        form.survey.languages.end())
      ordered.push_back(code);
  }
  if (ordered.size() != form.survey.languages.size())
    throw BadInput("field 'languages' holds a language the standard questionnaire lacks",
                   "languages");
  form.survey.languages = ordered;
  try {
    if (form.source == "copy") {
      form.survey.copy_of = w.field("copy_of");
    } else {
      form.survey.areas = survey_forms::parse_areas(w.lang(), form.areas_text);
      if (form.survey.languages.empty())
        throw survey_forms::PageInvalid(ws_text(w.lang(), "ws.surveys.error_no_language"),
                                        "languages");
    }
    const auto q = app::create_survey(r.app(), app::Actor::of(w.session.access()), form.survey);
    send_redirect(w.res, survey_path(q.id, "settings") + "?done=created", Audience::workspace);
  } catch (const Conflict&) {
    form.error_field = "id";
    form.problems.push_back(
        {"new-id", ws_text(w.lang(), "ws.surveys.error_taken", {{"id", form.survey.id}})});
    send_list(r, w, 409, form);
  } catch (const BadInput& e) {  // a rule broken (Invalid), or the template's refusal
    form.error_field = survey_forms::field_of_problem(e.field(), e.what());
    const auto* invalid = dynamic_cast<const Invalid*>(&e);
    if (!invalid || invalid->problems().empty()) {
      form.problems.push_back(
          survey_forms::problem_of(w.lang(), anchor_of(form.error_field), e, e.what()));
    } else {
      for (const auto& [field, message] : invalid->problems()) {
        const std::string f = survey_forms::field_of_problem(field, message);
        if (form.error_field.empty()) form.error_field = f;
        form.problems.push_back(survey_forms::problem_of(w.lang(), anchor_of(f), e, message));
      }
    }
    send_list(r, w, 422, form);
  }
}

}  // namespace survey_list

void register_workspace_surveys_routes(WorkspaceRoutes& routes) {
  WorkspaceRoutes* r = &routes;
  routes.page("/workspace/surveys", app::Permission::view_results, [r](WorkspaceRequest& w) {
    survey_list::NewForm form;
    if (w.req.get_param_value("done") == "created") form.notice = "ws.surveys.done_created";
    survey_list::send_list(*r, w, 200, form);
  });
  routes.action("/workspace/surveys", app::Permission::administer,
                [r](WorkspaceRequest& w) { survey_list::create(*r, w); });
}

}  // namespace lyssna::http
