// A survey's priority list in the workspace: the ranking of
// reports::priority_report for the whole survey or an area, weighted with
// the survey's stored margins or not, every part of the score as bars, the
// rank each theme would have without weighting, the blend's weights and
// the marks of the priorities that should become promises. Routes:
//   GET  /workspace/surveys/<id>/priorities[?area=A&weighted=0|1&done=..]
//        view_results; the evidence quotes only for view_free_text
//   POST /workspace/surveys/<id>/priorities/blend   survey_weight (percent,
//        0-100; the dialogue gets the rest), vote_weight (percent, 0-100,
//        the dot votes' where there are dots; absent: as stored) or
//        reset=1; edit_analysis;
//        303 to the page, or the page again with its problem (422)
//   POST /workspace/surveys/<id>/priorities/mark    theme, area ("" the
//        whole survey), mark=1|0, weighted; edit_analysis; 303 to the page
#include <cmath>
#include <cstdio>

#include "app/margins.hpp"
#include "app/priority_blend.hpp"
#include "app/priority_marks.hpp"
#include "app/survey_analysis.hpp"
#include "app/surveys.hpp"
#include "http/requests.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"
#include "http/workspace_guard.hpp"
#include "http/workspace_priorities_view.hpp"
#include "http/workspace_view.hpp"
#include "render/template_engine.hpp"
#include "reports/reports.hpp"
#include "util/errors.hpp"

namespace lyssna::http {
// A named namespace: the route files are compiled as one unity file.
namespace priorities_page {

using nlohmann::json;
using priority_view::bar_length;

// What the page shows besides the report: the scope chosen, a notice or a
// problem of the blend's form.
struct PageState {
  std::optional<std::string> area;
  std::optional<bool> weighted;  // none: weighted when margins are stored
  std::string notice;            // a catalog key
  std::string problem;           // a catalog key
  std::string survey_weight;     // the form's value sent back with its problem
  std::string vote_weight;       // the same for the dot votes' weight
  std::string problem_anchor = "survey-weight";
};

// The page's address for a redirect after a change (`area` checked by
// checked_area, `theme` by the change: nothing else reaches the header).
std::string page_path(const std::string& survey, const std::optional<std::string>& area,
                      std::optional<bool> weighted, const std::string& done,
                      const std::string& theme = "") {
  std::string path = survey_path(survey, "priorities") + "?";
  if (area) path += "area=" + *area + "&";
  if (weighted) path += std::string("weighted=") + (*weighted ? "1" : "0") + "&";
  path += "done=" + done;
  if (!theme.empty()) path += "#prio-" + theme;
  return path;
}

// The whole survey, or the area's name.
std::string scope_name(const questionnaire::Questionnaire& q,
                       const std::optional<std::string>& area, const std::string& lang) {
  return area ? area_name(q, *area, lang) : ws_text(lang, "ws.prio.whole_survey");
}

json move_view(int rank, int unweighted_rank, const std::string& lang) {
  const int places = unweighted_rank - rank;  // > 0: weighting moved the theme up
  const std::string n = std::to_string(std::abs(places));
  if (places == 0)
    return {{"class", "same"}, {"symbol", "="}, {"text", ws_text(lang, "ws.prio.move_same")}};
  if (places > 0)
    return {{"class", "up"},
            {"symbol", "↑" + n},
            {"text", ws_text(lang, "ws.prio.move_up", {{"n", n}})}};
  return {{"class", "down"},
          {"symbol", "↓" + n},
          {"text", ws_text(lang, "ws.prio.move_down", {{"n", n}})}};
}

json blend_view(const app::PrioritySettings& settings, const std::string& lang) {
  const auto& b = settings.blend;
  json v = {{"survey_percent", format_decimal(lang, 100 * b.survey_weight, 0)},
            {"dialogue_percent", format_decimal(lang, 100 * b.dialogue_weight, 0)},
            {"survey_value", std::lround(100 * b.survey_weight)},
            {"survey_length", bar_length(b.survey_weight, 1)},
            {"dialogue_length", bar_length(b.dialogue_weight, 1)},
            {"stored", settings.stored}};
  v["text"] = ws_text(lang, "ws.prio.blend_now",
                      {{"survey", format_decimal(lang, 100 * b.survey_weight, 0)},
                       {"dialogue", format_decimal(lang, 100 * b.dialogue_weight, 0)}});
  if (settings.stored) {
    v["by"] = ws_text(lang, "ws.prio.blend_by", {{"name", settings.updated_by}});
    v["at"] = time_view(settings.updated_at);
  }
  return v;
}

void send_page(WorkspaceRoutes& r, WorkspaceRequest& w, int status, const std::string& survey,
               PageState state) {
  const std::string& lang = w.lang();
  const app::Access access = w.session.access();
  const bool may_read_text = access.may(app::Permission::view_free_text);
  const bool may_edit = access.may(app::Permission::edit_analysis);
  auto& services = r.app();
  const auto q = app::require_survey(services, survey);
  const auto margins = app::weighting_margins(services, survey);
  const bool weighted = !margins.empty() && state.weighted.value_or(true);
  app::SurveyAnalysis analysis(services, survey);
  const auto& ctx = analysis.context();
  auto options = app::priority_options(services, survey, state.area,
                                       weighted ? margins : std::vector<analysis::Margin>{});
  // A viewer's report is made without quotes: they are never at hand to leak.
  if (!may_read_text) options.quotes = 0;
  const reports::PriorityReport report = reports::priority_report(ctx, options);
  std::map<std::string, int> unweighted_rank;
  if (weighted) {
    auto plain = options;
    plain.margins.clear();
    plain.quotes = 0;
    for (const auto& row : reports::priority_report(ctx, plain).priorities)
      unweighted_rank[row.ranking.theme] = row.ranking.rank;
  }
  const auto settings = app::priority_settings(services, survey);
  const auto marks = app::priority_marks(services, survey);
  auto marked_here = [&](const std::string& theme) {
    for (const auto& m : marks)
      if (m.area == state.area && m.theme == theme) return true;
    return false;
  };

  const std::string path = survey_path(survey, "priorities");
  json v = workspace_view(lang, ws_text(lang, "ws.prio.title"), &w.session, path);
  add_survey_nav(v, lang, access, *q, path);
  const std::string scope = scope_name(*q, state.area, lang);
  v["scope"] = scope;
  v["heading"] = ws_text(lang, "ws.prio.heading", {{"scope", scope}});
  v["counts"] =
      ws_text(lang, "ws.prio.counts",
              {{"n", std::to_string(report.respondents)}, {"texts", std::to_string(report.texts)}});
  // The filter (a GET form): the whole survey or an area, weighted or not.
  json areas = json::array({{{"value", ""},
                             {"label", ws_text(lang, "ws.prio.whole_survey")},
                             {"selected", !state.area}}});
  for (const auto& a : q->areas) {
    areas.push_back({{"value", a.id},
                     {"label", questionnaire::localized(a.label, lang, q->default_language())},
                     {"selected", state.area == a.id}});
  }
  v["areas"] = areas;
  v["has_margins"] = !margins.empty();
  v["weighted"] = weighted;
  if (report.weighting) {
    v["weighting_text"] =
        ws_text(lang, "ws.prio.weighted_text",
                {{"deff", format_decimal(lang, report.weighting->design_effect, 2)}});
  }

  const json table = priority_view::priority_rows(report, ctx.codebook(), lang);
  if (report.method.dots > 0) {
    v["votes"] = {
        {"text", ws_text(lang, "ws.vote.prio_votes_text",
                         {{"votes", std::to_string(report.votes)},
                          {"ballots", std::to_string(report.ballots)},
                          {"dots", std::to_string(report.method.dots)},
                          {"weight", format_decimal(lang, 100 * report.method.vote_weight, 0)}})}};
  }
  v["problem_axis"] = table["problem_axis"];
  v["mention_axis"] = table["mention_axis"];

  json rows = json::array(), evidence = json::array();
  for (std::size_t i = 0; i < report.priorities.size(); ++i) {
    const auto& p = report.priorities[i].ranking;
    json row = table["rows"][i];
    const std::string label = row["label"];
    if (weighted) {
      auto it = unweighted_rank.find(p.theme);
      if (it != unweighted_rank.end()) {
        row["unweighted"] = {{"rank", it->second}, {"move", move_view(p.rank, it->second, lang)}};
      }
    }
    if (may_edit) {
      const bool marked = marked_here(p.theme);
      row["mark"] = {{"marked", marked},
                     {"value", marked ? "0" : "1"},
                     {"button", ws_text(lang, marked ? "ws.prio.unmark" : "ws.prio.mark")}};
    } else if (marked_here(p.theme)) {
      row["marked_note"] = true;
    }
    row["is_marked"] = marked_here(p.theme);
    rows.push_back(row);
    if (may_read_text && !p.quotes.empty()) {
      json quotes = json::array();
      for (const auto& quote : p.quotes)
        quotes.push_back({{"text", quote.text}, {"lang", quote.lang}});
      evidence.push_back({{"label", label}, {"anchor", "prio-" + p.theme}, {"quotes", quotes}});
    }
  }
  v["rows"] = rows;
  v["has_rows"] = !rows.empty();
  v["evidence"] = evidence;
  v["show_evidence"] = may_read_text;
  v["has_evidence"] = !evidence.empty();
  v["may_edit"] = may_edit;
  v["form_area"] = state.area.value_or("");
  v["form_weighted"] = weighted ? "1" : "0";
  v["blend"] = blend_view(settings, lang);
  v["page_path"] = path;
  v["mark_action"] = path + "/mark";
  v["blend_action"] = path + "/blend";
  if (!state.survey_weight.empty()) v["blend"]["survey_value"] = state.survey_weight;
  // The dot votes' weight (analysis/stats/priorities.hpp), used where there are dots.
  v["blend"]["vote_value"] = state.vote_weight.empty()
                                 ? json(std::lround(100 * settings.blend.vote_weight))
                                 : json(state.vote_weight);
  v["blend"]["vote_text"] =
      ws_text(lang, "ws.vote.prio_blend_votes",
              {{"votes", format_decimal(lang, 100 * settings.blend.vote_weight, 0)}});

  json marked = json::array();
  for (const auto& m : marks) {
    marked.push_back({{"label", ctx.codebook().label(m.theme, lang)},
                      {"scope", scope_name(*q, m.area, lang)},
                      {"by", m.marked_by},
                      {"at", time_view(m.marked_at)}});
  }
  v["marked"] = marked;
  v["has_marked"] = !marked.empty();
  if (!state.notice.empty()) v["notice"] = ws_text(lang, state.notice);
  if (!state.problem.empty()) {
    v["problems"] = {{"title", ws_text(lang, "ws.prio.error_title")},
                     {"items", json::array({{{"anchor", state.problem_anchor},
                                             {"message", ws_text(lang, state.problem)}}})}};
    v[state.problem_anchor == "vote-weight" ? "vote_error" : "blend_error"] = true;
  }
  send_html(w.res, status, render::get_template("ws_priorities").render(v), Audience::workspace);
}

// The page's scope from the query (GET) or the form's fields (POST).
std::optional<std::string> area_of(const std::string& value) {
  if (value.empty()) return std::nullopt;
  return value;
}
// A POST's area: one of the survey's (it goes into the redirect's address).
std::optional<std::string> checked_area(WorkspaceRoutes& r, const std::string& survey,
                                        const std::string& value) {
  const auto q = app::require_survey(r.app(), survey);
  if (value.empty()) return std::nullopt;
  for (const auto& a : q->areas)
    if (a.id == value) return value;
  throw Invalid("survey '" + survey + "' has no area '" + value.substr(0, 64) + "'", "area");
}
std::optional<bool> weighted_of(const std::string& value) {
  if (value.empty()) return std::nullopt;
  if (value != "0" && value != "1") throw BadInput("'weighted' must be 0 or 1", "weighted");
  return value == "1";
}

void show(WorkspaceRoutes& r, WorkspaceRequest& w) {
  PageState state;
  state.area = area_of(w.req.get_param_value("area"));
  state.weighted = weighted_of(w.req.get_param_value("weighted"));
  const std::string done = w.req.get_param_value("done");
  if (done == "blend" || done == "reset" || done == "marked" || done == "unmarked")
    state.notice = "ws.prio.done_" + done;
  send_page(r, w, 200, w.req.matches[1], state);
}

void change_blend(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const std::string survey = w.req.matches[1];
  const app::Actor actor = app::Actor::of(w.session.access());
  PageState state;
  state.area = checked_area(r, survey, w.field("area"));
  state.weighted = weighted_of(w.field("weighted"));
  if (w.field("reset") == "1") {
    app::reset_priority_blend(r.app(), actor, survey);
    return send_redirect(w.res, page_path(survey, state.area, state.weighted, "reset"),
                         Audience::workspace);
  }
  // A whole percent from 0 to 100: what the form offers, and finer than
  // any reading of the ranking needs.
  auto percent = [](const std::string& text) {
    if (text.empty() || text.size() > 3 ||
        text.find_first_not_of("0123456789") != std::string::npos)
      return -1;
    return std::stoi(text);
  };
  const std::string text = w.field("survey_weight");
  const std::string vote_text = w.field("vote_weight");
  const int percent_value = percent(text);
  // Absent (a form from before dot votes): the stored vote weight stands.
  const int vote_percent = vote_text.empty() ? -2 : percent(vote_text);
  if (percent_value < 0 || percent_value > 100 || vote_percent == -1 || vote_percent > 100) {
    const bool survey_bad = percent_value < 0 || percent_value > 100;
    state.problem = survey_bad ? "ws.prio.error_weight" : "ws.vote.prio_error_weight";
    state.problem_anchor = survey_bad ? "survey-weight" : "vote-weight";
    state.survey_weight = text.substr(0, 16);
    state.vote_weight = vote_text.substr(0, 16);
    return send_page(r, w, 422, survey, state);
  }
  const double s = percent_value / 100.0;
  const double v = vote_percent >= 0 ? vote_percent / 100.0
                                     : app::priority_settings(r.app(), survey).blend.vote_weight;
  app::set_priority_blend(r.app(), actor, survey, {s, 1 - s, v});
  send_redirect(w.res, page_path(survey, state.area, state.weighted, "blend"), Audience::workspace);
}

void change_mark(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const std::string survey = w.req.matches[1];
  const std::string mark = w.field("mark");
  if (mark != "0" && mark != "1") throw BadInput("field 'mark' must be 0 or 1", "mark");
  const auto area = checked_area(r, survey, w.field("area"));
  const auto weighted = weighted_of(w.field("weighted"));
  const std::string theme = w.field("theme");
  // A theme id of the codebook's form (marking checks it is one; unmarking
  // takes any there is), so that it can stand in the address.
  if (theme.empty() || theme.size() > 64 ||
      theme.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
    throw Invalid("field 'theme' must be a theme id", "theme");
  app::set_priority_mark(r.app(), app::Actor::of(w.session.access()), survey, area, theme,
                         mark == "1");
  send_redirect(w.res,
                page_path(survey, area, weighted, mark == "1" ? "marked" : "unmarked", theme),
                Audience::workspace);
}

}  // namespace priorities_page

void register_workspace_priorities_routes(WorkspaceRoutes& routes) {
  WorkspaceRoutes* r = &routes;
  const std::string base = "/workspace/surveys/" + std::string(survey_id_pattern) + "/priorities";
  routes.page(base, app::Permission::view_results,
              [r](WorkspaceRequest& w) { priorities_page::show(*r, w); });
  routes.action(base + "/blend", app::Permission::edit_analysis,
                [r](WorkspaceRequest& w) { priorities_page::change_blend(*r, w); });
  routes.action(base + "/mark", app::Permission::edit_analysis,
                [r](WorkspaceRequest& w) { priorities_page::change_mark(*r, w); });
}

}  // namespace lyssna::http
