// Phones joining a dialogue session: the session's questionnaire, the same
// resident's form as /s/<survey> (multi-page, without JavaScript, the
// answers so far in hidden fields), in the session's languages, stored as
// records of channel dialogue with the session's id. No account, no cookie,
// no invitation code. Routes:
//   GET  /d[?code=CODE][&lang=xx]   a box for the code shown in the room;
//                                   with a code, 303 to /d/<code>
//   GET  /d/<code>[?lang=xx]        the first page (code case-insensitive),
//                                   or a message when the session is paused
//                                   or closed, in the person's language
//   POST /d/<code>                  a page's answers: the next page, the
//                                   page with its problems, or 303 to thanks
//   GET  /d/<code>/thanks[?lang=xx] thanks, with the way to the open vote
// /d/<code>/vote (the phone's ballot) is the votes part's.
#include <httplib.h>

#include "app/dialogues.hpp"
#include "app/surveys.hpp"
#include "collector/form/form_flow.hpp"
#include "http/form_body.hpp"
#include "http/requests.hpp"
#include "http/responses.hpp"
#include "http/room_pages.hpp"
#include "http/routes.hpp"
#include "render/catalog.hpp"
#include "util/errors.hpp"
#include "util/random.hpp"
#include "util/text.hpp"

namespace lyssna::http {
namespace join_pages {

using nlohmann::json;

const std::string code_pattern = "([A-Za-z0-9]{1,16})";

std::string field(const form::FormFields& fields, const std::string& name) {
  auto it = fields.find(name);
  return it == fields.end() ? std::string() : it->second;
}

// The code box; with `typed` a code nobody has (404).
void send_code_box(httplib::Response& res, const std::string& lang, const std::string& typed) {
  json v = form::base_view(lang, render::Catalogs::get().text(lang, "room.join.title"));
  v["code_value"] = typed;
  if (!typed.empty()) v["error"] = render::Catalogs::get().text(lang, "room.join.unknown_code");
  send_html(res, typed.empty() ? 200 : 404, room::render("room_join", v));
}

std::string join_path(const app::DialogueSession& s) {
  return "/d/" + *s.join_code;
}

// The session of a code in the path, or the code box again (404).
std::optional<app::DialogueSession> session_of_code(app::Services& app,
                                                    const ServerOptions& options,
                                                    const httplib::Request& req,
                                                    httplib::Response& res,
                                                    const std::string& lang_choice) {
  try {
    return app::session_by_join_code(app, req.matches[1],
                                     client_address(req, options.behind_proxy));
  } catch (const NotFound&) {
    send_code_box(res, room::any_language(req, lang_choice), req.matches[1]);
    return std::nullopt;
  }
}

void get_box(app::Services& app, const ServerOptions& options, const httplib::Request& req,
             httplib::Response& res) {
  const std::string lang = room::any_language(req, req.get_param_value("lang"));
  const std::string typed = text::trim(req.get_param_value("code"));
  if (typed.empty()) return send_code_box(res, lang, "");
  if (typed.size() > 16) return send_code_box(res, lang, typed.substr(0, 16));
  try {
    const auto s = app::session_by_join_code(app, typed, client_address(req, options.behind_proxy));
    send_redirect(res, join_path(s) + "?lang=" + lang);
  } catch (const NotFound&) {
    send_code_box(res, lang, typed);
  }
}

void send_page(httplib::Response& res, const questionnaire::Questionnaire& q,
               const app::DialogueSession& s, int page, const form::Carry& carry,
               const form::FormAnswers& input,
               const std::vector<questionnaire::AnswerProblem>& problems) {
  send_html(
      res, problems.empty() ? 200 : 422,
      room::render("form", room::page_view(q, s, join_path(s), page, carry, input, problems)));
}

void get_join(app::Services& app, const ServerOptions& options, const httplib::Request& req,
              httplib::Response& res) {
  auto s = session_of_code(app, options, req, res, req.get_param_value("lang"));
  if (!s) return;
  const std::string lang = room::language(*s, req, req.get_param_value("lang"));
  if (!s->is_open())
    return send_html(res, 200, room::render("message", room::not_open_view(*s, lang)));
  auto q = app::require_survey(app, s->line.survey);
  form::Carry carry{random::uuid_v4(), lang, ""};
  send_page(res, *q, *s, form::first_visible_page(*q, json::object()), carry, {}, {});
}

void post_join(app::Services& app, const ServerOptions& options, const httplib::Request& req,
               httplib::Response& res, const httplib::ContentReader& reader) {
  const form::FormFields fields = parse_urlencoded(read_body(req, reader, options.max_form_body));
  auto s = session_of_code(app, options, req, res, field(fields, "_lang"));
  if (!s) return;
  std::string lang = room::language(*s, req, field(fields, "_lang"));
  form::Action action = form::parse_action(field(fields, "_action"));
  const std::string switch_to = field(fields, "_switch");
  if (!switch_to.empty() && room::language(*s, req, switch_to) == switch_to) {
    lang = switch_to;
    action = form::Action::switch_language;
  }
  if (!s->is_open())
    return send_html(res, 200, room::render("message", room::not_open_view(*s, lang)));
  auto q = app::require_survey(app, s->line.survey);
  int page = -1;
  try {
    page = std::stoi(field(fields, "_page"));
  } catch (const std::exception&) {
    action = form::Action::start;
  }
  form::Carry carry{field(fields, "_rid"), lang, ""};
  if (!interchange::is_valid_record_id(carry.record_id)) carry.record_id = random::uuid_v4();
  form::FormAnswers input = form::read_form_answers(*q, fields);
  if (action == form::Action::start)
    return send_page(res, *q, *s, form::first_visible_page(*q, input.answers), carry, input, {});
  form::FlowResult flow = form::advance(*q, page, action, input);
  if (!flow.complete) return send_page(res, *q, *s, flow.page, carry, input, flow.problems);

  interchange::Record record;
  record.id = carry.record_id;
  record.lang = lang;
  record.answers = std::move(input.answers);
  try {
    app::submit_in_session(app, s->id(), "dialogue", std::move(record));
  } catch (const Conflict& e) {
    // Paused or closed between two pages: say so. Another record under this
    // id: the person went back and sent again; the first one counts.
    if (e.field() == "session") {
      return send_html(
          res, 200,
          room::render("message", room::not_open_view(app::session_for_room(app, s->id()), lang)));
    }
  }
  send_redirect(res, join_path(*s) + "/thanks?lang=" + lang);
}

void get_thanks(app::Services& app, const ServerOptions& options, const httplib::Request& req,
                httplib::Response& res) {
  auto s = session_of_code(app, options, req, res, req.get_param_value("lang"));
  if (!s) return;
  const std::string lang = room::language(*s, req, req.get_param_value("lang"));
  json v = room::message_view(lang, "room.join.thanks_title", "room.join.thanks_body");
  if (s->is_open() && app::open_vote(app, s->id())) {
    v["action_link"] = {{"href", join_path(*s) + "/vote?lang=" + lang},
                        {"label", render::Catalogs::get().text(lang, "room.join.place_dots")}};
  }
  send_html(res, 200, room::render("message", v));
}

}  // namespace join_pages

void register_join_routes(HttpServer& server, app::Services& app, const ServerOptions& options) {
  using namespace join_pages;
  app::Services* a = &app;
  const ServerOptions* o = &options;
  server.Get("/d", [a, o](const httplib::Request& req, httplib::Response& res) {
    get_box(*a, *o, req, res);
  });
  server.Get("/d/" + code_pattern, [a, o](const httplib::Request& req, httplib::Response& res) {
    get_join(*a, *o, req, res);
  });
  server.Post("/d/" + code_pattern, [a, o](const httplib::Request& req, httplib::Response& res,
                                           const httplib::ContentReader& reader) {
    post_join(*a, *o, req, res, reader);
  });
  server.Get("/d/" + code_pattern + "/thanks",
             [a, o](const httplib::Request& req, httplib::Response& res) {
               get_thanks(*a, *o, req, res);
             });
}

}  // namespace lyssna::http
