// The kiosk: a shared tablet (or the facilitator's laptop) runs a dialogue
// session's questionnaire for one person after another, records of channel
// kiosk. Nothing of the previous person can be seen or reached:
//  - their answers live only in the POSTed fields of their own pages
//    (Cache-Control: no-store, autocomplete off), which a browser cannot
//    show again without sending them again;
//  - each person's pages carry a random token (KioskPeople) that the server
//    forgets when they submit or the kiosk resets, so an old page sent
//    again is refused and the browser lands on the clean start page;
//  - after the session's idle time kiosk.js counts down and resets
//    (location.replace, so the page leaves the history); without
//    JavaScript a meta refresh does it a little later.
// Only a browser with the session's kiosk-lock cookie (set from the session
// page, http/workspace_dialogue_routes.cpp) is a kiosk; it reaches no
// workspace page until the facilitator's PIN ends kiosk mode. Routes:
//   GET  /kiosk/<id>[?lang=xx][&forget=TOKEN]   the start page: language
//        choice, start button, "Place your dots" while a vote is open
//   POST /kiosk/<id>            _action=start (a new person), a page's
//        answers with _kt, or _action=reset; the next page, or 303
//   GET  /kiosk/<id>/thanks[?lang=xx]   thanks, then back to the start
//   GET  /kiosk/<id>/exit, POST /kiosk/<id>/exit (pin)   leave kiosk mode
// /kiosk/<id>/vote (a kiosk's ballot) is the votes part's.
#include <chrono>
#include <thread>

#include "app/dialogues.hpp"
#include "app/guess_limiter.hpp"
#include "app/surveys.hpp"
#include "collector/form/form_flow.hpp"
#include "http/form_body.hpp"
#include "http/kiosk_lock.hpp"
#include "http/requests.hpp"
#include "http/responses.hpp"
#include "http/room_pages.hpp"
#include "http/workspace_guard.hpp"
#include "render/catalog.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"
#include "util/random.hpp"

namespace lyssna::http {
namespace kiosk_pages {

using nlohmann::json;

const std::string id_pattern = "([a-z0-9-]{1,160})";
// Seconds the thank-you stays before the next person's start page.
constexpr int64_t thanks_seconds = 6;
// Without JavaScript there is no countdown: the page waits a little longer.
constexpr int64_t fallback_extra_seconds = 30;
// Wrong PINs: a second's wait each, and after five in 15 minutes none is tried.
constexpr int max_wrong_pins = 5;

struct Kiosk {
  explicit Kiosk(WorkspaceRoutes& r) : routes(r) {}
  WorkspaceRoutes& routes;
  KioskPeople people;
  app::GuessLimiter wrong_pins{{max_wrong_pins, 900, 10000}};
  app::Services& app() { return routes.app(); }
};

std::string field(const form::FormFields& fields, const std::string& name) {
  auto it = fields.find(name);
  return it == fields.end() ? std::string() : it->second;
}

std::string start_path(const std::string& id, const std::string& lang) {
  return "/kiosk/" + id + "?lang=" + lang;
}

std::string t(const std::string& lang, const std::string& key) {
  return render::Catalogs::get().text(lang, key);
}

// The session, when this browser is its kiosk; otherwise the page that
// says how a kiosk starts (403) and nullopt.
std::optional<app::DialogueSession> kiosk_session(Kiosk& k, const httplib::Request& req,
                                                  httplib::Response& res,
                                                  const std::string& lang_choice) {
  const std::string id = req.matches[1];
  app::DialogueSession s = app::session_for_room(k.app(), id);  // NotFound: 404
  const auto lock = kiosk_lock(req);
  if (!lock || *lock != id) {
    const std::string lang = room::language(s, req, lang_choice);
    send_html(res, 403,
              room::render("message", room::message_view(lang, "room.kiosk.not_kiosk_title",
                                                         "room.kiosk.not_kiosk_body")));
    return std::nullopt;
  }
  return s;
}

// A paused or closed session's message, on a kiosk's page.
void send_not_open(httplib::Response& res, const app::DialogueSession& s, const std::string& lang) {
  json v = room::not_open_view(s, lang);
  v["kiosk_page"] = true;
  send_html(res, 200, room::render("message", v));
}

room::KioskReset reset_of(const app::DialogueSession& s, const std::string& lang,
                          const std::string& token) {
  room::KioskReset r;
  r.idle_seconds = s.kiosk_idle_seconds;
  r.reset_url = start_path(s.id(), lang) + (token.empty() ? "" : "&forget=" + token);
  r.fallback_seconds = s.kiosk_idle_seconds + fallback_extra_seconds;
  return r;
}

void send_start(Kiosk& k, httplib::Response& res, const app::DialogueSession& s,
                const std::string& lang) {
  if (!s.is_open()) {
    return send_not_open(res, s, lang);
  }
  auto q = app::require_survey(k.app(), s.line.survey);
  json v = form::base_view(lang, questionnaire::localized(q->title, lang, q->default_language()));
  const auto& catalogs = render::Catalogs::get();
  json languages = json::array();
  for (const auto& l : s.line.languages) {
    languages.push_back({{"code", l},
                         {"name", catalogs.has(l) ? catalogs.text(l, "lang.name") : l},
                         {"dir", render::is_rtl(l) ? "rtl" : "ltr"},
                         {"current", l == lang},
                         {"href", start_path(s.id(), l)}});
  }
  v["choices"] = languages;
  v["has_choices"] = languages.size() > 1;
  v["action"] = "/kiosk/" + s.id();
  v["exit_href"] = "/kiosk/" + s.id() + "/exit?lang=" + lang;
  if (app::open_vote(k.app(), s.id())) v["vote_href"] = "/kiosk/" + s.id() + "/vote?lang=" + lang;
  v["autocomplete_off"] = true;
  v["kiosk_page"] = true;
  send_html(res, 200, room::render("kiosk_start", v));
}

void get_start(Kiosk& k, const httplib::Request& req, httplib::Response& res) {
  auto s = kiosk_session(k, req, res, req.get_param_value("lang"));
  if (!s) return;
  // The reset of kiosk.js or the meta refresh: that person's pages are dead.
  if (const std::string forget = req.get_param_value("forget"); !forget.empty())
    k.people.forget(forget);
  send_start(k, res, *s, room::language(*s, req, req.get_param_value("lang")));
}

void send_page(httplib::Response& res, const questionnaire::Questionnaire& q,
               const app::DialogueSession& s, const std::string& token, int page,
               const form::Carry& carry, const form::FormAnswers& input,
               const std::vector<questionnaire::AnswerProblem>& problems) {
  const room::KioskReset reset = reset_of(s, carry.lang, token);
  json v = room::page_view(q, s, "/kiosk/" + s.id(), page, carry, input, problems, {{"_kt", token}},
                           &reset);
  send_html(res, problems.empty() ? 200 : 422, room::render("form", v));
}

void post_kiosk(Kiosk& k, const httplib::Request& req, httplib::Response& res,
                const httplib::ContentReader& reader) {
  const form::FormFields fields =
      parse_urlencoded(read_body(req, reader, k.routes.options().max_form_body));
  auto s = kiosk_session(k, req, res, field(fields, "_lang"));
  if (!s) return;
  std::string lang = room::language(*s, req, field(fields, "_lang"));
  const std::string raw_action = field(fields, "_action");
  const std::string token = field(fields, "_kt");
  if (raw_action == "reset") {
    k.people.forget(token);
    return send_redirect(res, start_path(s->id(), lang));
  }
  if (!s->is_open()) {
    k.people.forget(token);
    return send_not_open(res, *s, lang);
  }
  auto q = app::require_survey(k.app(), s->line.survey);
  const int64_t now = clock::now_seconds();
  if (raw_action == "start") {
    // A new person: a fresh token and record id, nothing carried over.
    form::Carry carry{random::uuid_v4(), lang, ""};
    const std::string fresh = k.people.begin(s->id(), now);
    return send_page(res, *q, *s, fresh, form::first_visible_page(*q, json::object()), carry, {},
                     {});
  }
  // A page of someone who submitted or was reset: not theirs to see again.
  if (!k.people.live(s->id(), token, now)) return send_redirect(res, start_path(s->id(), lang));

  form::Action action = form::parse_action(raw_action);
  const std::string switch_to = field(fields, "_switch");
  if (!switch_to.empty() && room::language(*s, req, switch_to) == switch_to) {
    lang = switch_to;
    action = form::Action::switch_language;
  }
  int page = -1;
  try {
    page = std::stoi(field(fields, "_page"));
  } catch (const std::exception&) {
    return send_redirect(res, start_path(s->id(), lang));
  }
  form::Carry carry{field(fields, "_rid"), lang, ""};
  if (!interchange::is_valid_record_id(carry.record_id)) carry.record_id = random::uuid_v4();
  form::FormAnswers input = form::read_form_answers(*q, fields);
  form::FlowResult flow = form::advance(*q, page, action, input);
  if (!flow.complete) return send_page(res, *q, *s, token, flow.page, carry, input, flow.problems);

  interchange::Record record;
  record.id = carry.record_id;
  record.lang = lang;
  record.answers = std::move(input.answers);
  try {
    app::submit_in_session(k.app(), s->id(), "kiosk", std::move(record));
  } catch (const Conflict& e) {
    if (e.field() == "session") {
      k.people.forget(token);
      return send_not_open(res, app::session_for_room(k.app(), s->id()), lang);
    }
  }
  // Acknowledged (durable): the person's pages die with their token.
  k.people.forget(token);
  send_redirect(res, "/kiosk/" + s->id() + "/thanks?lang=" + lang);
}

void get_thanks(Kiosk& k, const httplib::Request& req, httplib::Response& res) {
  auto s = kiosk_session(k, req, res, req.get_param_value("lang"));
  if (!s) return;
  const std::string lang = room::language(*s, req, req.get_param_value("lang"));
  json v = room::message_view(lang, "room.kiosk.thanks_title", "room.kiosk.thanks_body");
  room::KioskReset back;
  back.idle_seconds = thanks_seconds;
  back.reset_url = start_path(s->id(), lang);
  back.fallback_seconds = thanks_seconds;
  room::add_kiosk(v, lang, back);
  v["kiosk"]["quiet"] = true;  // no countdown: the thanks page simply moves on
  v["action_link"] = {{"href", back.reset_url}, {"label", t(lang, "room.kiosk.next_person")}};
  send_html(res, 200, room::render("message", v));
}

void send_exit(httplib::Response& res, int status, const app::DialogueSession& s,
               const std::string& lang, const std::string& error_key) {
  json v = form::base_view(lang, t(lang, "room.kiosk.exit_title"));
  v["action"] = "/kiosk/" + s.id() + "/exit";
  v["back_href"] = start_path(s.id(), lang);
  if (!error_key.empty()) v["error"] = t(lang, error_key);
  v["kiosk_page"] = true;
  send_html(res, status, room::render("kiosk_exit", v));
}

void get_exit(Kiosk& k, const httplib::Request& req, httplib::Response& res) {
  const app::DialogueSession s = app::session_for_room(k.app(), req.matches[1]);
  send_exit(res, 200, s, room::language(s, req, req.get_param_value("lang")), "");
}

void post_exit(Kiosk& k, const httplib::Request& req, httplib::Response& res,
               const httplib::ContentReader& reader) {
  k.routes.require_same_origin(req);
  const form::FormFields fields = parse_urlencoded(read_body(req, reader, 4096));
  const app::DialogueSession s = app::session_for_room(k.app(), req.matches[1]);
  const std::string lang = room::language(s, req, field(fields, "_lang"));
  const int64_t now = clock::now_seconds();
  // Counted per kiosk, not per address: the kiosk is the one guessing.
  const std::string who = "kiosk:" + s.id();
  if (auto wait = k.wrong_pins.blocked_for(who, now)) {
    res.set_header("Retry-After", std::to_string(*wait));
    return send_exit(res, 429, s, lang, "room.kiosk.exit_wait");
  }
  if (!app::check_kiosk_pin(k.app(), s.id(), field(fields, "pin"))) {
    k.wrong_pins.failed(who, now);
    std::this_thread::sleep_for(std::chrono::seconds(1));
    return send_exit(res, 403, s, lang, "room.kiosk.exit_wrong");
  }
  res.set_header("Set-Cookie", clearing_kiosk_cookie(k.routes.secure(req)));
  send_redirect(res, "/workspace/dialogues/" + s.id() + "?done=kiosk_left");
}

}  // namespace kiosk_pages

void register_kiosk_routes(WorkspaceRoutes& routes) {
  using namespace kiosk_pages;
  // Lives as long as the routes that use it: the server keeps its handlers.
  auto k = std::make_shared<Kiosk>(routes);
  auto& server = routes.server();
  const std::string base = "/kiosk/" + id_pattern;
  server.Get(base,
             [k](const httplib::Request& req, httplib::Response& res) { get_start(*k, req, res); });
  server.Post(base,
              [k](const httplib::Request& req, httplib::Response& res,
                  const httplib::ContentReader& reader) { post_kiosk(*k, req, res, reader); });
  server.Get(base + "/thanks", [k](const httplib::Request& req, httplib::Response& res) {
    get_thanks(*k, req, res);
  });
  server.Get(base + "/exit",
             [k](const httplib::Request& req, httplib::Response& res) { get_exit(*k, req, res); });
  server.Post(base + "/exit",
              [k](const httplib::Request& req, httplib::Response& res,
                  const httplib::ContentReader& reader) { post_exit(*k, req, res, reader); });
}

}  // namespace lyssna::http
