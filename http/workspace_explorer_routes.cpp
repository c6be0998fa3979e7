// The theme explorer: themes by area, a theme's responses, full-text search
// and recoding a response. Routes (under /workspace/surveys/<id>):
//   GET  .../themes                         themes by area: counts and shares
//        (view_results: a viewer sees these and nothing of the answers)
//   GET  .../themes/<theme>[?area=A&page=N] the theme's responses, newest
//        first, snippets marking the theme's terms (view_free_text)
//   GET  .../search?q=&area=&language=&channel=&theme=&from=&to=&page=N
//        full-text search with the engine's filters (view_free_text); the
//        answers' language is `language`, as `lang` chooses the page's
//        own language on every workspace page
//   POST .../recode   record, theme, change=add|remove, back: a manual code
//        (edit_analysis); 303 to `back` (a page of the survey) at the card
// Every figure is the engine's (reports::theme_summary, search_report).
#include <set>

#include "app/coding.hpp"
#include "app/survey_analysis.hpp"
#include "http/explorer_view.hpp"
#include "http/requests.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"
#include "http/snippet_view.hpp"
#include "http/workspace_guard.hpp"
#include "http/workspace_view.hpp"
#include "render/catalog.hpp"
#include "render/template_engine.hpp"
#include "reports/reports.hpp"
#include "util/errors.hpp"

namespace lyssna::http {
namespace explorer {
namespace {

using nlohmann::json;

constexpr int64_t responses_per_page = 20;
constexpr size_t max_query_bytes = 500;

void show_themes(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const std::string& lang = w.lang();
  app::SurveyAnalysis survey(r.app(), w.req.matches[1]);
  const auto& ctx = survey.context();
  const std::string path = survey_path(ctx.survey(), "themes");
  json v = page_view(w, ctx, path, ws_text(lang, "ws.explorer.themes_title"));
  const bool free_text = w.session.access().may(app::Permission::view_free_text);
  const bool edit = w.session.access().may(app::Permission::edit_analysis);
  // A viewer sees aggregates only, so small areas are suppressed as in the
  // reports; whoever may read the texts themselves sees every count.
  const int64_t suppress_below =
      free_text ? 0 : reports::small_numbers(reports::indicator_min_n.fallback).suppress_below;
  const json table = theme_table(ctx, lang, free_text ? path : "", suppress_below);
  for (const char* key : {"columns", "rows", "untagged", "has_texts"}) v[key] = table[key];
  v["intro"] =
      ws_text(lang, free_text ? "ws.explorer.themes_intro" : "ws.explorer.themes_intro_viewer");
  if (edit) {
    v["edit_links"] = {{"codebook", path + "/edit-theme"},
                       {"suggestions", path + "/suggested-themes"}};
  }
  send_html(w.res, 200, render::get_template("ws_explorer_themes").render(v), Audience::workspace);
}

// The page's own path and query, as `back` for the recoding forms.
std::string self_href(const httplib::Request& req, const std::vector<std::string>& keep) {
  std::string href = req.path, sep = "?";
  for (const auto& name : keep) {
    const std::string value = req.get_param_value(name.c_str());
    if (value.empty()) continue;
    href += sep + name + "=" + url_encode(value);
    sep = "&";
  }
  return href;
}

void show_theme(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const std::string& lang = w.lang();
  app::SurveyAnalysis survey(r.app(), w.req.matches[1]);
  const auto& ctx = survey.context();
  const std::string theme = ctx.codebook().resolve(w.req.matches[2]);
  if (theme.empty())
    throw NotFound("the codebook has no theme '" + std::string(w.req.matches[2]) + "'");
  if (theme != w.req.matches[2]) {  // an old id: its theme's page
    return send_redirect(w.res, survey_path(ctx.survey(), "themes/" + theme), Audience::workspace);
  }
  const auto area = optional_param(w.req, "area");
  const int64_t page = number_param(w.req, "page", 1, 1, 100000);
  reports::SearchOptions o;
  o.theme = theme;
  o.mark_theme = true;
  if (area) o.areas = {*area};
  o.offset = static_cast<size_t>((page - 1) * responses_per_page);
  o.limit = responses_per_page;
  const auto found = reports::search_report(ctx, o);
  const std::string label = theme_label(ctx, theme, lang);
  const std::string path = survey_path(ctx.survey(), "themes/" + theme);
  json v = page_view(w, ctx, path, label);
  v["theme"] = {{"id", theme}, {"label", label}};
  v["self_path"] = path;
  v["back_href"] = survey_path(ctx.survey(), "themes");
  v["area_label"] =
      area ? area_name(ctx.questionnaire, *area, lang) : ws_text(lang, "ws.explorer.all_areas");
  v["areas"] = area_options(ctx, lang, area.value_or(""));
  v["total_text"] =
      area ? ws_text(
                 lang, "ws.explorer.theme_total",
                 {{"n", std::to_string(found.total)}, {"area", v["area_label"].get<std::string>()}})
           : ws_text(lang, "ws.explorer.theme_total_all", {{"n", std::to_string(found.total)}});
  v["responses"] = response_cards(r, w, ctx, found.hits, self_href(w.req, {"area", "page"}));
  v["has_responses"] = !found.hits.empty();
  const int64_t pages =
      std::max<int64_t>(1, (found.total + responses_per_page - 1) / responses_per_page);
  v["paging"] = paging(lang, self_href(w.req, {"area"}), page, pages);
  send_html(w.res, 200, render::get_template("ws_explorer_theme").render(v), Audience::workspace);
}

json select_options(const std::vector<std::pair<std::string, std::string>>& values,
                    const std::string& chosen) {
  json out = json::array();
  for (const auto& [value, label] : values)
    out.push_back({{"value", value}, {"label", label}, {"selected", value == chosen}});
  return out;
}

void show_search(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const std::string& lang = w.lang();
  app::SurveyAnalysis survey(r.app(), w.req.matches[1]);
  const auto& ctx = survey.context();
  const std::string path = survey_path(ctx.survey(), "search");
  json v = page_view(w, ctx, path, ws_text(lang, "ws.explorer.search_title"));
  const std::string q = w.req.get_param_value("q");
  const std::string area = w.req.get_param_value("area"),
                    in_lang = w.req.get_param_value("language"),
                    channel = w.req.get_param_value("channel"),
                    theme = w.req.get_param_value("theme");
  const std::string from = w.req.get_param_value("from"), to = w.req.get_param_value("to");
  std::vector<std::pair<std::string, std::string>> languages, channels;
  for (const auto& l : ctx.questionnaire.languages) languages.push_back({l, language_name(l)});
  for (const char* c : {"online", "paper", "dialogue", "kiosk"})
    channels.push_back({c, channel_label(lang, c)});
  v["form"] = {{"action", path},
               {"q", q},
               {"areas", area_options(ctx, lang, area)},
               {"answer_languages", select_options(languages, in_lang)},
               {"channels", select_options(channels, channel)},
               {"themes", theme_options(ctx, lang, theme)},
               {"from", from},
               {"to", to}};
  int status = 200;
  json problems = json::array();
  const int64_t page = number_param(w.req, "page", 1, 1, 100000);
  try {
    if (q.size() > max_query_bytes) {
      throw Invalid("the search has at most " + std::to_string(max_query_bytes) + " bytes", "q");
    }
    reports::SearchOptions o;
    o.query = q;
    if (!area.empty()) o.areas = {area};
    if (!in_lang.empty()) o.languages = {in_lang};
    if (!channel.empty()) o.channels = {channel};
    if (!theme.empty()) o.theme = theme;
    o.from = date_param(w.req, "from", false);
    o.to = date_param(w.req, "to", true);
    o.offset = static_cast<size_t>((page - 1) * responses_per_page);
    o.limit = responses_per_page;
    const auto found = reports::search_report(ctx, o);
    const std::vector<std::string> keep = {"q",     "area", "language", "channel",
                                           "theme", "from", "to"};
    std::vector<std::string> here = keep;
    here.push_back("page");
    v["responses"] = response_cards(r, w, ctx, found.hits, self_href(w.req, here));
    v["has_responses"] = !found.hits.empty();
    v["searched"] = true;
    v["total_text"] =
        ws_text(lang, found.total_exact ? "ws.explorer.search_total" : "ws.explorer.search_about",
                {{"n", std::to_string(found.total)}});
    const int64_t pages =
        std::max<int64_t>(1, (found.total + responses_per_page - 1) / responses_per_page);
    v["paging"] = paging(lang, self_href(w.req, keep), page, pages);
  } catch (const BadInput& e) {
    // A query Xapian cannot read, a date, an unknown area or theme: the form again, saying which.
    status = 422;
    static const std::set<std::string> fields = {"q", "from", "to", "area", "theme"};
    const std::string field = fields.count(e.field()) ? e.field() : "q";
    problems.push_back({{"anchor", "search-" + field},
                        {"message", ws_text(lang, "ws.explorer.search_error_" + field)},
                        {"detail", e.what()}});
    v["problems"] = {{"title", ws_text(lang, "ws.explorer.search_error_title")},
                     {"items", problems}};
  }
  send_html(w.res, status, render::get_template("ws_explorer_search").render(v),
            Audience::workspace);
}

// `back` when it is a page of this survey's explorer (never another site's), else the table.
std::string safe_back(const std::string& survey, const std::string& back) {
  const std::string base = survey_path(survey) + "/";
  bool ok = back.rfind(base, 0) == 0 && back.size() < 2000;
  for (char c : back) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') ||
                         std::string("-_.~/?&=%+").find(c) != std::string::npos;
    if (!allowed) ok = false;
  }
  if (back.find("//") != std::string::npos) ok = false;
  return ok ? back : survey_path(survey, "themes");
}

void recode(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const std::string survey = w.req.matches[1];
  app::CodingChange change;
  change.record_id = w.field("record");
  if (change.record_id.empty() || change.record_id.size() > 200)
    throw Invalid("field 'record' must name a response", "record");
  const std::string theme = w.field("theme"), how = w.field("change");
  if (theme.empty()) throw Invalid("field 'theme' must name a theme", "theme");
  if (how == "add") {
    change.add = {theme};
  } else if (how == "remove") {
    change.remove = {theme};
  } else {
    throw Invalid("field 'change' must be add or remove", "change");
  }
  app::code_response(r.app(), app::Actor::of(w.session.access()), survey, change);
  const std::string back = safe_back(survey, w.field("back"));
  send_redirect(w.res, back + "#" + card_anchor(change.record_id), Audience::workspace);
}

}  // namespace
}  // namespace explorer

void register_workspace_explorer_routes(WorkspaceRoutes& routes) {
  WorkspaceRoutes* r = &routes;
  const std::string base = "/workspace/surveys/" + survey_id_pattern;
  routes.page(base + "/themes", app::Permission::view_results,
              [r](WorkspaceRequest& w) { explorer::show_themes(*r, w); });
  routes.page(base + "/themes/([a-z0-9_]{1,64})", app::Permission::view_free_text,
              [r](WorkspaceRequest& w) { explorer::show_theme(*r, w); });
  routes.page(base + "/search", app::Permission::view_free_text,
              [r](WorkspaceRequest& w) { explorer::show_search(*r, w); });
  routes.action(base + "/recode", app::Permission::edit_analysis,
                [r](WorkspaceRequest& w) { explorer::recode(*r, w); });
}

}  // namespace lyssna::http
