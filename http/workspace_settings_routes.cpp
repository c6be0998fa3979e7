// A survey's settings page (administer) and the answers' export. Routes:
//   GET  /workspace/surveys/<id>/settings[?done=created|saved|margins|cleared]
//        areas, languages, dates, whether codes are needed; the codes issued
//        and used; the stored margins; answers by channel and day
//   POST /workspace/surveys/<id>/settings         areas, lang_<ll>, default_lang,
//        opens, closes, requires_code: 303 to the page; 422 the page with
//        the problems, each naming its field
//   POST /workspace/surveys/<id>/codes            count: the new codes as CSV
//        (code, link), an attachment shown once; audited as an export
//   POST /workspace/surveys/<id>/margins          a margins file (multipart
//        field `file`) or its text (`text`): 303; 422 the page with the
//        file's problem
//   POST /workspace/surveys/<id>/margins/clear    303
//   POST /workspace/surveys/<id>/export           (view_free_text) format=csv
//        (default) | xlsx | sav | dta: the answers as CSV or XLSX (every text
//        cell through the spreadsheet guard), SPSS or Stata (labels in the
//        page's language, sv or en), an attachment; audited; 422 another format
#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "app/answers_stat_file.hpp"
#include "app/answers_xlsx.hpp"
#include "app/margins.hpp"
#include "app/response_counts.hpp"
#include "app/survey_exports.hpp"
#include "app/surveys.hpp"
#include "http/file_download.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"
#include "http/workspace_guard.hpp"
#include "http/workspace_survey_forms.hpp"
#include "http/workspace_view.hpp"
#include "render/template_engine.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace lyssna::http {
namespace survey_settings {

using nlohmann::json;

// The settings form as typed (after a problem) or as stored.
struct SettingsForm {
  bool typed = false;
  std::string areas, opens, closes, default_lang;
  std::vector<std::string> languages;
  bool requires_code = false;
  std::string margins_text;
  std::string notice;  // a catalog key
  std::vector<survey_forms::Problem> problems;
  std::string problems_key = "ws.settings.error_title";
  std::set<std::string> error_fields;
};

std::string anchor_of(const std::string& field) {
  if (field == "areas") return "set-areas";
  if (field == "languages" || field == "default_lang") return "set-default-lang";
  if (field == "opens" || field == "opens_at") return "set-opens";
  if (field == "closes" || field == "closes_at") return "set-closes";
  if (field == "count") return "codes-count";
  if (field == "margins" || field == "file" || field == "text") return "margins-file";
  return "";
}

std::string form_url(WorkspaceRoutes& r, const httplib::Request& req, const std::string& survey) {
  return std::string(r.secure(req) ? "https://" : "http://") + req.get_header_value("Host") +
         "/s/" + survey;
}

void send_settings(WorkspaceRoutes& r, WorkspaceRequest& w, int status, SettingsForm form) {
  const std::string& lang = w.lang();
  const std::string id = w.req.matches[1];
  const auto q = app::require_survey(r.app(), id);
  const std::string path = survey_path(id, "settings");
  json v = workspace_view(lang, ws_text(lang, "ws.settings.title"), &w.session, path);
  add_survey_nav(v, lang, w.session.access(), *q, path);
  if (!form.typed) {
    form.areas = survey_forms::areas_text(*q, lang);
    form.opens = survey_forms::opening_day(q->opens_at);
    form.closes = survey_forms::closing_day(q->closes_at);
    form.languages = q->languages;
    form.default_lang = q->default_language();
    form.requires_code = q->requires_code;
  }
  auto has = [&](const std::string& f) { return form.error_fields.count(f) > 0; };
  json languages = json::array(), defaults = json::array();
  for (const auto& code : q->languages) {
    const std::string name = ws_text(lang, "ws.surveys.language." + code);
    const bool on =
        std::find(form.languages.begin(), form.languages.end(), code) != form.languages.end();
    languages.push_back({{"code", code}, {"name", name}, {"checked", on}});
    defaults.push_back({{"code", code}, {"name", name}, {"selected", code == form.default_lang}});
  }
  v["settings"] = {
      {"action", path},
      {"status", survey_forms::status_view(lang, app::survey_status(*q, r.app().now()))},
      {"areas", form.areas},
      {"opens", form.opens},
      {"closes", form.closes},
      {"requires_code", form.requires_code},
      {"languages", languages},
      {"defaults", defaults},
      {"areas_error", has("areas")},
      {"languages_error", has("languages")},
      {"opens_error", has("opens")},
      {"closes_error", has("closes")}};

  const auto codes = app::code_counts(r.app(), id);
  v["codes"] = {{"action", survey_path(id, "codes")},
                {"issued", codes.issued},
                {"used", codes.used},
                {"unused", codes.issued - codes.used},
                {"requires_code", q->requires_code},
                {"max", app::max_codes_at_once},
                {"count_error", has("count")}};

  json margins = {{"action", survey_path(id, "margins")},
                  {"clear_action", survey_path(id, "margins/clear")},
                  {"text", form.margins_text},
                  {"error", has("margins")}};
  if (auto stored = app::survey_margins(r.app(), id)) {
    json tables = json::array();
    for (const auto& m : stored->margins) {
      json rows = json::array();
      double total = 0;
      for (const auto& [category, count] : m.counts) total += count;
      for (const auto& [category, count] : m.counts)
        rows.push_back({{"category", category}, {"count", survey_forms::count_text(count)}});
      tables.push_back(
          {{"variable", m.variable},
           {"caption", ws_text(lang, "ws.settings.margins_caption", {{"variable", m.variable}})},
           {"rows", rows},
           {"total", survey_forms::count_text(total)}});
    }
    margins["stored"] = {
        {"tables", tables},
        {"updated", ws_text(lang, "ws.settings.margins_updated",
                            {{"time", time_view(stored->updated_at)["text"].get<std::string>()},
                             {"name", stored->updated_by}})}};
  }
  v["margins"] = margins;

  const auto counts = app::response_counts(r.app(), id);
  json channels = json::array(), days = json::array(), totals = json::array();
  for (const auto& c : counts.channels) channels.push_back({{"label", channel_label(lang, c)}});
  for (const auto& d : counts.days) {
    json cells = json::array();
    for (auto n : d.counts) cells.push_back(n);
    days.push_back({{"day", d.day}, {"counts", cells}, {"total", d.total}});
  }
  for (auto n : counts.channel_totals) totals.push_back(n);
  v["counts"] = {{"channels", channels},
                 {"days", days},
                 {"totals", totals},
                 {"total", counts.total},
                 {"has_days", !days.empty()}};
  if (!form.notice.empty()) v["notice"] = ws_text(lang, form.notice);
  if (!form.problems.empty())
    v["problems"] = survey_forms::problems_view(ws_text(lang, form.problems_key), form.problems);
  send_html(w.res, status, render::get_template("ws_admin_settings").render(v),
            Audience::workspace);
}

// The problems of a refused change, each linked to its field.
void add_problems(const std::string& lang, SettingsForm& form, const BadInput& e) {
  const auto* invalid = dynamic_cast<const Invalid*>(&e);
  std::vector<std::pair<std::string, std::string>> items;
  if (invalid && !invalid->problems().empty()) {
    items = invalid->problems();
  } else {
    items.push_back({e.field(), e.what()});
  }
  for (const auto& [field, message] : items) {
    std::string f = survey_forms::field_of_problem(field, message);
    if (f == "opens_at") f = "opens";
    if (f == "closes_at") f = "closes";
    form.error_fields.insert(f);
    form.problems.push_back(survey_forms::problem_of(lang, anchor_of(f), e, message));
  }
}

void save(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const std::string id = w.req.matches[1];
  const auto q = app::require_survey(r.app(), id);
  SettingsForm form;
  form.typed = true;
  form.areas = w.field("areas");
  form.opens = text::trim(w.field("opens"));
  form.closes = text::trim(w.field("closes"));
  form.default_lang = w.field("default_lang");
  form.requires_code = w.field("requires_code") == "on";
  for (const auto& code : q->languages)
    if (w.field("lang_" + code) == "on") form.languages.push_back(code);
  try {
    app::SurveySettings settings;
    settings.areas = survey_forms::parse_areas(w.lang(), form.areas);
    // A day field left as it was shown changes nothing: a closing moment
    // set to the minute on the command line stays as it is.
    if (form.opens != survey_forms::opening_day(q->opens_at))
      settings.opens_at = survey_forms::parse_day(w.lang(), form.opens, "opens", false);
    if (form.closes != survey_forms::closing_day(q->closes_at))
      settings.closes_at = survey_forms::parse_day(w.lang(), form.closes, "closes", true);
    settings.requires_code = form.requires_code;
    if (form.languages.empty())
      throw survey_forms::PageInvalid(ws_text(w.lang(), "ws.surveys.error_no_language"),
                                      "languages");
    if (std::find(form.languages.begin(), form.languages.end(), form.default_lang) ==
        form.languages.end())
      throw survey_forms::PageInvalid(ws_text(w.lang(), "ws.settings.error_default_lang"),
                                      "languages");
    std::vector<std::string> languages = {form.default_lang};
    for (const auto& code : form.languages)
      if (code != form.default_lang) languages.push_back(code);
    settings.languages = languages;
    app::change_settings(r.app(), app::Actor::of(w.session.access()), id, settings);
  } catch (const BadInput& e) {
    add_problems(w.lang(), form, e);
    return send_settings(r, w, 422, form);
  }
  send_redirect(w.res, survey_path(id, "settings") + "?done=saved", Audience::workspace);
}

void send_csv(httplib::Response& res, const std::string& file_name, const std::string& body) {
  res.status = 200;
  set_security_headers(res, Audience::workspace);
  res.set_header("Cache-Control", "no-store");
  res.set_header("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  // A byte-order mark, so that Excel reads the UTF-8 as UTF-8.
  res.set_content("\xEF\xBB\xBF" + body, "text/csv; charset=utf-8");
}

void issue_codes(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const std::string id = w.req.matches[1];
  app::require_survey(r.app(), id);
  const std::string typed = text::trim(w.field("count"));
  size_t count = 0;
  const bool number = !typed.empty() && typed.size() <= 6 &&
                      typed.find_first_not_of("0123456789") == std::string::npos;
  if (number) count = std::stoul(typed);
  std::ostringstream out;
  try {
    if (!number || count < 1 || count > app::max_codes_at_once)
      throw Invalid(ws_text(w.lang(), "ws.settings.error_count",
                            {{"max", std::to_string(app::max_codes_at_once)}}),
                    "count");
    app::issue_codes_csv(r.app(), app::Actor::of(w.session.access()), id, count,
                         form_url(r, w.req, id), out);
  } catch (const Invalid& e) {
    SettingsForm form;
    form.problems_key = "ws.settings.codes_error_title";
    form.error_fields.insert("count");
    form.problems.push_back({"codes-count", e.what()});
    return send_settings(r, w, 422, form);
  }
  const std::string stamp = clock::format_rfc3339(r.app().now()).substr(0, 10);
  send_csv(w.res, id + "-codes-" + stamp + ".csv", out.str());
}

void upload_margins(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const std::string id = w.req.matches[1];
  std::string text = w.field("file");
  std::string name = "the file";
  if (auto it = w.file_names.find("file"); it != w.file_names.end() && !it->second.empty()) {
    name = it->second;
  }
  if (text::trim(text).empty()) {
    text = w.field("text");
    name = ws_text(w.lang(), "ws.settings.margins_text_name");
  }
  SettingsForm form;
  form.problems_key = "ws.settings.margins_error_title";
  try {
    if (text::trim(text).empty())
      throw survey_forms::PageInvalid(ws_text(w.lang(), "ws.settings.error_margins_empty"),
                                      "margins");
    app::set_survey_margins(r.app(), app::Actor::of(w.session.access()), id, text, name);
  } catch (const BadInput& e) {
    form.margins_text = w.field("text");
    form.error_fields.insert("margins");
    // Every problem names where it was found, the file's name or "the pasted text".
    std::string message = e.what();
    if (message.find(name) == std::string::npos) message = name + ": " + message;
    form.problems.push_back(survey_forms::problem_of(w.lang(), "margins-file", e, message));
    return send_settings(r, w, 422, form);
  }
  send_redirect(w.res, survey_path(id, "settings") + "?done=margins#margins-heading",
                Audience::workspace);
}

void export_answers(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const std::string id = w.req.matches[1];
  const std::string stamp = clock::format_rfc3339(r.app().now()).substr(0, 10);
  const std::string format = w.field("format").empty() ? "csv" : w.field("format");
  const auto actor = app::Actor::of(w.session.access());
  const std::string name = id + "-answers-" + stamp + "." + format;
  if (format == "xlsx") {
    DownloadFile file;
    app::export_answers_xlsx(r.app(), actor, id, file.path());
    return file.send(w.res, name,
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  }
  if (format == "sav" || format == "dta") {
    DownloadFile file;
    {
      std::ofstream out(file.path(), std::ios::binary | std::ios::trunc);
      // Labels in the page's language where it is one of the two offered.
      app::export_answers_stat_file(r.app(), actor, id,
                                    format == "sav" ? util::StatFormat::sav : util::StatFormat::dta,
                                    w.lang() == "en" ? "en" : "sv", out);
    }
    return file.send(w.res, name,
                     format == "sav" ? "application/x-spss-sav" : "application/x-stata-dta");
  }
  if (format != "csv") throw Invalid("'format' is csv, xlsx, sav or dta", "format");
  // Through a file as the other formats: a survey's answers are not held in memory.
  DownloadFile file;
  {
    std::ofstream out(file.path(), std::ios::binary | std::ios::trunc);
    out << "\xEF\xBB\xBF";  // a byte-order mark, so that Excel reads the UTF-8 as UTF-8
    app::export_answers_csv(r.app(), actor, id, out);
    if (!out.flush()) throw Error("the export could not be written");
  }
  file.send(w.res, name, "text/csv; charset=utf-8");
}

}  // namespace survey_settings

void register_workspace_settings_routes(WorkspaceRoutes& routes) {
  WorkspaceRoutes* r = &routes;
  const std::string base = "/workspace/surveys/" + survey_id_pattern;
  routes.page(base + "/settings", app::Permission::administer, [r](WorkspaceRequest& w) {
    survey_settings::SettingsForm form;
    const std::string done = w.req.get_param_value("done");
    if (done == "created" || done == "saved" || done == "margins" || done == "cleared")
      form.notice = "ws.settings.done_" + done;
    survey_settings::send_settings(*r, w, 200, form);
  });
  routes.action(base + "/settings", app::Permission::administer,
                [r](WorkspaceRequest& w) { survey_settings::save(*r, w); });
  routes.action(base + "/codes", app::Permission::administer,
                [r](WorkspaceRequest& w) { survey_settings::issue_codes(*r, w); });
  routes.action(base + "/margins", app::Permission::administer,
                [r](WorkspaceRequest& w) { survey_settings::upload_margins(*r, w); });
  routes.action(base + "/margins/clear", app::Permission::administer, [r](WorkspaceRequest& w) {
    const std::string id = w.req.matches[1];
    app::clear_survey_margins(r->app(), app::Actor::of(w.session.access()), id);
    send_redirect(w.res, survey_path(id, "settings") + "?done=cleared#margins-heading",
                  Audience::workspace);
  });
  routes.action(base + "/export", app::Permission::view_free_text,
                [r](WorkspaceRequest& w) { survey_settings::export_answers(*r, w); });
}

}  // namespace lyssna::http
