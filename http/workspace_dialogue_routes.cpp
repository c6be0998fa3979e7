// Dialogue sessions in the workspace (facilitator mode, app/dialogues.hpp):
// the list with counts and the form for a new session, and the session's
// page with its status buttons, the QR code and address phones join by,
// the kiosk's settings and the button that makes this browser a kiosk.
// Every change is a plain form with the session's CSRF token, 303 back to
// the page, or the page again (422) with its problem linked to its field
// and the form as it was sent. A facilitator sees only their own sessions
// (another's is a 404); an admin sees all. Routes (own_dialogues):
//   GET  /workspace/dialogues                    the list and the new form
//   POST /workspace/dialogues                    new: survey, area, place,
//        held_on, languages (repeated), format, facilitator
//   GET  /workspace/dialogues/<id>[?done=...]    the session page
//   POST /workspace/dialogues/<id>/status        status=open|paused|closed
//   POST /workspace/dialogues/<id>/kiosk         pin (4-12 digits, "" keeps
//        it), idle_seconds
//   POST /workspace/dialogues/<id>/activity      activity=<id> or "" (none):
//        the promise activity the session counts toward (app/dialogues_held)
//   POST /workspace/dialogues/<id>/kiosk/start   this browser becomes the
//        session's kiosk (needs the PIN set): the kiosk-lock cookie, 303 to
//        /kiosk/<id>
// The notes, votes and summary pages under /workspace/dialogues/<id>/ are
// other files'; this page links to them.
#include <charconv>

#include "app/dialogues.hpp"
#include "app/dialogues_held.hpp"
#include "app/surveys.hpp"
#include "http/kiosk_lock.hpp"
#include "http/responses.hpp"
#include "http/workspace_guard.hpp"
#include "http/workspace_survey_forms.hpp"
#include "http/workspace_view.hpp"
#include "render/qr_svg.hpp"
#include "render/template_engine.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"
#include "util/network_addresses.hpp"

namespace lyssna::http {
// A named namespace: the route files are compiled as one unity file.
namespace dialogue_pages {

using nlohmann::json;

const std::string list_path = "/workspace/dialogues";
const std::string id_pattern = "([a-z0-9-]{1,160})";
constexpr const char* formats[] = {"meeting", "street", "walk", "kiosk"};
constexpr const char* statuses[] = {"open", "paused", "closed"};

std::string session_path(const std::string& id) {
  return list_path + "/" + id;
}

// What a refused form sends back to its page.
struct PageState {
  std::string form;  // "new", "kiosk", "status", "start"
  form::FormFields sent;
  json problems;
  std::string notice;
};

PageState refused(WorkspaceRequest& w, const std::string& form, const std::string& anchor_prefix,
                  const BadInput& e) {
  const std::string& lang = w.lang();
  PageState state;
  state.form = form;
  state.sent = w.fields;
  const std::string field = e.field().empty() ? form : e.field();
  const std::string key = "ws.dialogues.error." + field;
  std::string message = ws_text(lang, key);
  if (message == key) message = ws_text(lang, "ws.dialogues.error.other");
  state.problems = survey_forms::problems_view(ws_text(lang, "ws.dialogues.error_title"),
                                               {{anchor_prefix + field, message, e.what()}});
  return state;
}

std::string survey_title(const questionnaire::Questionnaire& q, const std::string& lang) {
  return questionnaire::localized(q.title, lang, q.default_language());
}

json counts_view(const std::string& lang, const storage::SessionCounts& c) {
  auto item = [&](const char* key, int64_t n) {
    return json{{"label", ws_text(lang, std::string("ws.dialogues.count.") + key)}, {"n", n}};
  };
  return json::array({item("records", c.records), item("dialogue", c.dialogue),
                      item("kiosk", c.kiosk), item("notes", c.notes), item("votes", c.votes),
                      item("ballots", c.ballots)});
}

json session_row(app::Services& services, const std::string& lang, const app::DialogueSession& s) {
  std::string survey = s.line.survey;
  std::string area;
  try {
    auto q = app::require_survey(services, s.line.survey);
    survey = survey_title(*q, lang);
    if (s.line.area) area = area_name(*q, *s.line.area, lang);
  } catch (const NotFound&) {
    // A session that came in for a survey this machine does not have: its id stands.
  }
  return {{"href", session_path(s.id())},
          {"id", s.id()},
          {"place", s.line.place},
          {"held_on", s.line.held_on},
          {"survey", survey},
          {"area", area},
          {"format", ws_text(lang, "ws.dialogues.format." + s.line.format)},
          {"status", ws_text(lang, "ws.dialogues.status." + s.line.status)},
          {"status_key", s.line.status},
          {"facilitator", s.line.facilitator},
          {"counts", counts_view(lang, s.counts)}};
}

void send_list(WorkspaceRoutes& r, WorkspaceRequest& w, int status, const PageState& state) {
  const std::string& lang = w.lang();
  auto& services = r.app();
  json v = workspace_view(lang, ws_text(lang, "ws.dialogues.list_title"), &w.session, list_path);
  json rows = json::array();
  for (const auto& s : app::list_sessions(services, w.session.access()))
    rows.push_back(session_row(services, lang, s));
  v["sessions"] = rows;
  v["has_sessions"] = !rows.empty();

  auto sent = [&](const std::string& field, const std::string& fallback) {
    if (state.form != "new") return fallback;
    auto it = state.sent.find(field);
    return it == state.sent.end() ? std::string() : it->second;
  };
  const auto all = services.surveys().all();
  const std::string chosen = sent("survey", all.empty() ? "" : all.front()->id);
  std::vector<std::string> languages_sent;
  if (state.form == "new") {
    auto [a, b] = state.sent.equal_range("languages");
    for (auto it = a; it != b; ++it) languages_sent.push_back(it->second);
  }
  json surveys = json::array();
  json area_groups = json::array();
  json languages = json::array();
  std::vector<std::string> seen_languages;
  for (const auto& q : all) {
    surveys.push_back(
        {{"value", q->id}, {"label", survey_title(*q, lang)}, {"selected", q->id == chosen}});
    json areas = json::array();
    for (const auto& a : q->areas) {
      areas.push_back({{"value", a.id},
                       {"label", area_name(*q, a.id, lang)},
                       {"selected", state.form == "new" && sent("area", "") == a.id}});
    }
    if (!areas.empty())
      area_groups.push_back({{"label", survey_title(*q, lang)}, {"areas", areas}});
    for (const auto& l : q->languages) {
      if (std::find(seen_languages.begin(), seen_languages.end(), l) != seen_languages.end())
        continue;
      seen_languages.push_back(l);
      // By default the chosen survey's languages; as sent after a refusal.
      const bool checked =
          state.form == "new"
              ? std::find(languages_sent.begin(), languages_sent.end(), l) != languages_sent.end()
              : q->id == chosen;
      languages.push_back({{"value", l},
                           {"label", language_name(l)},
                           {"id", "new-languages" + (languages.empty() ? std::string() : "-" + l)},
                           {"checked", checked}});
    }
  }
  json format_options = json::array();
  for (const char* f : formats) {
    format_options.push_back({{"value", f},
                              {"label", ws_text(lang, std::string("ws.dialogues.format.") + f)},
                              {"checked", sent("format", "meeting") == f}});
  }
  v["form"] = {{"surveys", surveys},
               {"area_groups", area_groups},
               {"area_none", sent("area", "").empty()},
               {"languages", languages},
               {"formats", format_options},
               {"place", sent("place", "")},
               {"held_on", sent("held_on", clock::format_date(services.now()))},
               {"facilitator", sent("facilitator", w.session.staff.name)}};
  v["has_surveys"] = !all.empty();
  if (!state.problems.is_null()) v["problems"] = state.problems;
  send_html(w.res, status, render::get_template("ws_dialogues").render(v), Audience::workspace);
}

// The address phones join by: the server's public URL, the address this
// browser reached it by, or this machine's network address (net::join_base).
std::string join_url(WorkspaceRoutes& r, WorkspaceRequest& w, const std::string& code) {
  const auto& o = r.options();
  const std::string scheme = r.secure(w.req) ? "https" : "http";
  return net::join_base(o.public_url, scheme, w.req.get_header_value("Host"), o.lan_addresses,
                        o.port) +
         "/d/" + code;
}

// The session's promise activity and the choices (app/dialogues_held.hpp).
json activity_view(app::Services& services, const std::string& lang, const std::string& id) {
  const auto choices = app::dialogue_activities(services, lang);
  const auto linked = app::activity_of_session(services, id, choices);
  json groups = json::array();  // one per promise, its activities in order
  for (const auto& a : choices) {
    if (groups.empty() || groups.back()["promise"] != a.promise)
      groups.push_back(
          {{"promise", a.promise}, {"label", a.promise_title}, {"options", json::array()}});
    groups.back()["options"].push_back(
        {{"value", a.activity},
         {"label", a.label},
         {"selected", linked && linked->activity.activity == a.activity}});
  }
  json v = {{"groups", groups}, {"has_options", !groups.empty()}, {"none_selected", !linked}};
  if (linked) {
    v["linked"] = {
        {"label", linked->activity.label},
        {"promise_title", linked->activity.promise_title},
        {"counted", linked->follow_up.has_value()},
        {"promise_href", "/workspace/promises/" + std::to_string(linked->activity.promise)}};
  }
  return v;
}

void send_session(WorkspaceRoutes& r, WorkspaceRequest& w, int status, const std::string& id,
                  const PageState& state) {
  const std::string& lang = w.lang();
  auto& services = r.app();
  const app::DialogueSession s = app::session_of(services, w.session.access(), id);
  json v = workspace_view(lang, s.line.place, &w.session, list_path);
  json row = session_row(services, lang, s);
  json languages = json::array();
  for (const auto& l : s.line.languages) languages.push_back(language_name(l));
  row["languages"] = languages;
  v["session"] = row;
  v["path"] = session_path(id);
  json actions = json::array();
  for (const char* to : statuses) {
    const bool allowed = s.line.status != to && s.line.status != "closed";
    if (!allowed) continue;
    actions.push_back({{"value", to},
                       {"label", ws_text(lang, std::string("ws.dialogues.action.") + to)},
                       {"danger", std::string(to) == "closed"}});
  }
  v["status_actions"] = actions;
  v["is_closed"] = s.line.status == "closed";
  v["is_paused"] = s.line.status == "paused";
  v["links"] = json::array(
      {{{"href", session_path(id) + "/notes"}, {"label", ws_text(lang, "ws.dialogues.link.notes")}},
       {{"href", session_path(id) + "/votes"}, {"label", ws_text(lang, "ws.dialogues.link.votes")}},
       {{"href", session_path(id) + "/summary"},
        {"label", ws_text(lang, "ws.dialogues.link.summary")}}});
  if (s.join_code) {
    const std::string url = join_url(r, w, *s.join_code);
    const render::QrSymbol qr = render::qr_symbol(url);
    const std::string base = url.substr(0, url.size() - s.join_code->size() - 3);
    v["join"] = {{"url", url},
                 {"base", base},
                 {"code", *s.join_code},
                 {"qr",
                  {{"size", qr.size()},
                   {"path", qr.path},
                   {"label", ws_text(lang, "ws.dialogues.qr_label", {{"url", url}})}}},
                 {"text", ws_text(lang, "ws.dialogues.join_text")}};
  }
  auto sent = [&](const std::string& field, const std::string& fallback) {
    if (state.form != "kiosk") return fallback;
    auto it = state.sent.find(field);
    return it == state.sent.end() ? std::string() : it->second;
  };
  v["kiosk"] = {{"pin_set", s.kiosk_pin_set},
                {"idle_seconds", sent("idle_seconds", std::to_string(s.kiosk_idle_seconds))},
                {"min_idle", app::min_kiosk_idle_seconds},
                {"max_idle", app::max_kiosk_idle_seconds},
                {"action", session_path(id) + "/kiosk"},
                {"start_action", session_path(id) + "/kiosk/start"},
                {"may_start", s.kiosk_pin_set && s.is_open()}};
  v["activity"] = activity_view(services, lang, id);
  if (!state.problems.is_null()) v["problems"] = state.problems;
  if (!state.notice.empty()) v["notice"] = ws_text(lang, state.notice);
  send_html(w.res, status, render::get_template("ws_dialogue").render(v), Audience::workspace);
}

int64_t idle_of(const std::string& text) {
  int64_t n = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, n);
  if (text.empty() || ec != std::errc() || ptr != end)
    throw Invalid("the idle time must be a whole number of seconds", "idle_seconds");
  return n;
}

void create(WorkspaceRoutes& r, WorkspaceRequest& w) {
  app::SessionInput in;
  in.survey = w.field("survey");
  if (const std::string area = w.field("area"); !area.empty()) in.area = area;
  in.place = w.field("place");
  in.held_on = w.field("held_on");
  in.format = w.field("format");
  auto [a, b] = w.fields.equal_range("languages");
  for (auto it = a; it != b; ++it) in.languages.push_back(it->second);
  in.facilitator = w.field("facilitator");
  std::string id;
  try {
    if (in.survey.empty()) throw Invalid("choose the survey", "survey");
    id = app::create_session(r.app(), w.session.access(), in).id();
  } catch (const Invalid& e) {
    return send_list(r, w, 422, refused(w, "new", "new-", e));
  } catch (const NotFound& e) {
    if (e.field() != "survey" && !e.field().empty()) throw;
    return send_list(r, w, 422, refused(w, "new", "new-", Invalid(e.what(), "survey")));
  }
  send_redirect(w.res, session_path(id) + "?done=created", Audience::workspace);
}

void change_status(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const std::string id = w.req.matches[1];
  try {
    app::set_session_status(r.app(), w.session.access(), id, w.field("status"));
  } catch (const Invalid& e) {
    return send_session(r, w, 422, id, refused(w, "status", "", Invalid(e.what(), "status")));
  }
  send_redirect(w.res, session_path(id) + "?done=status", Audience::workspace);
}

void change_kiosk(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const std::string id = w.req.matches[1];
  try {
    app::set_kiosk(r.app(), w.session.access(), id, w.field("pin"),
                   idle_of(w.field("idle_seconds")));
  } catch (const Invalid& e) {
    return send_session(r, w, 422, id, refused(w, "kiosk", "kiosk-", e));
  }
  send_redirect(w.res, session_path(id) + "?done=kiosk#kiosk", Audience::workspace);
}

void change_activity(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const std::string id = w.req.matches[1];
  const std::string text = w.field("activity");
  try {
    std::optional<int64_t> activity;
    if (!text.empty()) {
      int64_t n = 0;
      const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (ec != std::errc() || ptr != text.data() + text.size())
        throw Invalid("choose one of the listed activities", "activity");
      activity = n;
    }
    app::set_session_activity(r.app(), w.session.access(), id, activity);
  } catch (const Invalid& e) {
    return send_session(r, w, 422, id, refused(w, "activity", "activity-", e));
  }
  send_redirect(w.res, session_path(id) + "?done=activity#activity", Audience::workspace);
}

void start_kiosk(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const std::string id = w.req.matches[1];
  const app::DialogueSession s = app::session_of(r.app(), w.session.access(), id);
  if (!s.kiosk_pin_set || !s.is_open()) {
    const char* why = !s.kiosk_pin_set ? "set the kiosk's PIN first" : "open the session first";
    return send_session(
        r, w, 422, id,
        refused(w, "start", "kiosk-", Invalid(why, s.kiosk_pin_set ? "start" : "pin")));
  }
  w.res.set_header("Set-Cookie", kiosk_lock_cookie(r.secure(w.req), id));
  send_redirect(w.res, "/kiosk/" + id, Audience::workspace);
}

}  // namespace dialogue_pages

void register_workspace_dialogue_routes(WorkspaceRoutes& routes) {
  using namespace dialogue_pages;
  WorkspaceRoutes* r = &routes;
  const auto need = app::Permission::own_dialogues;
  routes.page(list_path, need, [r](WorkspaceRequest& w) { send_list(*r, w, 200, {}); });
  routes.action(list_path, need, [r](WorkspaceRequest& w) { create(*r, w); });
  routes.page(list_path + "/" + id_pattern, need, [r](WorkspaceRequest& w) {
    PageState state;
    const std::string done = w.req.get_param_value("done");
    for (const char* n : {"created", "status", "kiosk", "kiosk_left", "activity"})
      if (done == n) state.notice = std::string("ws.dialogues.done_") + n;
    send_session(*r, w, 200, w.req.matches[1], state);
  });
  routes.action(list_path + "/" + id_pattern + "/status", need,
                [r](WorkspaceRequest& w) { change_status(*r, w); });
  routes.action(list_path + "/" + id_pattern + "/kiosk", need,
                [r](WorkspaceRequest& w) { change_kiosk(*r, w); });
  routes.action(list_path + "/" + id_pattern + "/activity", need,
                [r](WorkspaceRequest& w) { change_activity(*r, w); });
  routes.action(list_path + "/" + id_pattern + "/kiosk/start", need,
                [r](WorkspaceRequest& w) { start_kiosk(*r, w); });
}

}  // namespace lyssna::http
