// Dot voting in the room: a participant's ballot from their own phone or
// the kiosk, in the session's languages, with no account and no cookie.
// One ballot per device per vote: the page carries a random ballot id (the
// server writes a new one into every page; the script keeps the first one
// per vote in the phone's localStorage, so a reload or a second tab casts
// the same ballot); the same ballot again is counted once. Routes:
//   GET  /d/<join code>/vote[?lang=]           the session's open vote
//   POST /d/<join code>/vote                   vote, ballot, dots.<candidate>
//        (whole numbers), _lang: 303 to .../vote/counted?as=new|again; the
//        page again with its problem: 422 (dots: too many, none, not a
//        number), 409 (this ballot with other dots; the vote closed)
//   GET  /d/<join code>/vote/counted[?lang=&as=]   "your dots are counted"
//   GET  /kiosk/<session>/vote, POST, GET /kiosk/<session>/vote/counted: the
//        same on the kiosk, where every person gets a fresh ballot (nothing
//        kept in the browser) and the counted page returns to /kiosk/<session>.
#include <algorithm>
#include <memory>

#include "app/dialogues.hpp"
#include "assets/assets.hpp"
#include "collector/interchange/record.hpp"
#include "http/form_body.hpp"
#include "http/language.hpp"
#include "http/requests.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"
#include "http/status_table.hpp"
#include "render/catalog.hpp"
#include "render/template_engine.hpp"
#include "util/errors.hpp"
#include "util/random.hpp"

namespace lyssna::http {
namespace room_vote {

using nlohmann::json;

struct RoomRoutes {
  app::Services& app;
  const ServerOptions& options;
};

// Where the ballot is cast: a phone by the session's join code, or the kiosk.
struct Place {
  app::DialogueSession session;
  bool kiosk = false;
  std::string base;  // "/d/<code>/vote" or "/kiosk/<id>/vote"
};

Place phone_place(RoomRoutes& r, const httplib::Request& req) {
  Place p{
      app::session_by_join_code(r.app, req.matches[1], client_address(req, r.options.behind_proxy)),
      false, ""};
  p.base = "/d/" + *p.session.join_code + "/vote";
  return p;
}
Place kiosk_place(RoomRoutes& r, const std::string& id) {
  Place p{app::session_for_room(r.app, id), true, ""};
  p.base = "/kiosk/" + p.session.id() + "/vote";
  return p;
}

std::string static_url(const std::string& name) {
  return "/static/" + assets::require("web/static/" + name).hash + "/" + name;
}

std::string text(const std::string& lang, const std::string& key,
                 const std::map<std::string, std::string>& params = {}) {
  return render::Catalogs::get().text(lang, key, params);
}

std::string language_of(const Place& p, const httplib::Request& req, const std::string& chosen) {
  std::vector<std::string> languages = p.session.line.languages;
  if (languages.empty()) languages = {"sv"};
  return choose_language(languages, chosen, req.get_header_value("Accept-Language"));
}

json page_view(const Place& p, const std::string& lang, const std::string& title,
               const std::string& page_path) {
  const auto& catalogs = render::Catalogs::get();
  json v = {{"lang", lang},
            {"dir", render::is_rtl(lang) ? "rtl" : "ltr"},
            {"title", title},
            {"t", catalogs.for_template(catalogs.has(lang) ? lang : "en")},
            {"styles", json::array({static_url("lyssna.css"), static_url("room-vote.css")})},
            {"script", static_url("vote.js")},
            {"kiosk", p.kiosk}};
  json languages = json::array();
  for (const auto& l : p.session.line.languages) {
    languages.push_back({{"code", l},
                         {"name", catalogs.has(l) ? catalogs.text(l, "lang.name") : l},
                         {"dir", render::is_rtl(l) ? "rtl" : "ltr"},
                         {"current", l == lang},
                         {"href", page_path + "?lang=" + l}});
  }
  if (languages.size() > 1) v["switcher"] = {{"as_buttons", false}, {"languages", languages}};
  if (p.kiosk) v["kiosk_home"] = "/kiosk/" + p.session.id() + "?lang=" + lang;
  return v;
}

// What the participant sent, shown again beside its problem.
struct Sent {
  std::string ballot;
  std::map<std::string, std::string> dots;  // candidate -> as typed
  std::string problem;                      // a catalog key
  std::map<std::string, std::string> params;
};

void send_ballot(RoomRoutes& r, httplib::Response& res, const Place& p, const std::string& lang,
                 int status, const Sent* sent) {
  auto vote = p.session.is_open() ? app::open_vote(r.app, p.session.id(), false) : std::nullopt;
  json v = page_view(p, lang, text(lang, "room.vote.title"), p.base);
  if (!vote) {
    v["none"] = true;
    v["reload_href"] = p.base + "?lang=" + lang;
    return send_html(res, status, render::get_template("room_vote").render(v));
  }
  const int64_t n = vote->line.dots_per_ballot;
  v["vote_id"] = vote->line.id;
  v["action"] = p.base;
  // A new ballot id for every page: on the kiosk each person is a new
  // ballot; on a phone the script keeps the first (vote.js).
  v["ballot"] = sent && !sent->ballot.empty() ? sent->ballot : "b-" + random::uuid_v4();
  v["max"] = n;
  v["intro"] = text(lang, "room.vote.intro", {{"n", std::to_string(n)}});
  int64_t placed = 0;
  json candidates = json::array();
  int i = 0;
  for (const auto& c : vote->line.candidates) {
    const std::string label = app::candidate_label(r.app, *vote, p.session.line.survey, c, lang);
    std::string value = "0";
    if (sent) {
      auto it = sent->dots.find(c);
      if (it != sent->dots.end()) value = it->second;
    }
    if (value.size() <= 2 && !value.empty() &&
        value.find_first_not_of("0123456789") == std::string::npos)
      placed += std::stoi(value);
    ++i;
    candidates.push_back({{"id", c},
                          {"field", "dots." + c},
                          {"input_id", "dots-" + std::to_string(i)},
                          {"label", label},
                          {"value", value},
                          {"add", text(lang, "room.vote.add", {{"label", label}})},
                          {"remove", text(lang, "room.vote.remove", {{"label", label}})}});
  }
  v["candidates"] = candidates;
  v["left_text"] =
      text(lang, "room.vote.left", {{"n", std::to_string(std::max<int64_t>(0, n - placed))}});
  v["left_template"] = text(lang, "room.vote.left", {{"n", "{n}"}});
  v["over_template"] = text(lang, "room.vote.over", {{"n", "{n}"}});
  if (sent && !sent->problem.empty()) {
    v["problem"] = text(lang, sent->problem, sent->params);
    v["problem_title"] = text(lang, "room.vote.error_title");
    v["problem_on_dots"] = sent->problem != "room.vote.error_closed";
  }
  send_html(res, status, render::get_template("room_vote").render(v));
}

void show(RoomRoutes& r, const httplib::Request& req, httplib::Response& res, const Place& p) {
  send_ballot(r, res, p, language_of(p, req, req.get_param_value("lang")), 200, nullptr);
}

std::string field_of(const form::FormFields& fields, const std::string& name) {
  auto it = fields.find(name);
  return it == fields.end() ? std::string() : it->second;
}

void cast(RoomRoutes& r, const httplib::Request& req, httplib::Response& res,
          const httplib::ContentReader& reader, const Place& p) {
  const form::FormFields fields = parse_urlencoded(read_body(req, reader, 64 * 1024), 200);
  const std::string lang = language_of(p, req, field_of(fields, "_lang"));
  Sent sent;
  sent.ballot = field_of(fields, "ballot");
  if (!interchange::is_valid_record_id(sent.ballot) || sent.ballot.size() > 64)
    throw BadInput("the page's ballot id is missing or broken; reload the page", "ballot");
  const std::string vote_id = field_of(fields, "vote");
  auto vote = p.session.is_open() ? app::open_vote(r.app, p.session.id(), false) : std::nullopt;
  if (!vote || vote->line.id != vote_id) {
    // Closed (or another opened) since the page was shown.
    sent.problem = "room.vote.error_closed";
    if (!vote) return send_ballot(r, res, p, lang, 409, &sent);
  }
  interchange::Ballot ballot;
  ballot.id = sent.ballot;
  int64_t placed = 0;
  bool broken = false;
  for (const auto& [name, value] : fields) {
    if (name.rfind("dots.", 0) != 0) continue;
    const std::string candidate = name.substr(5);
    if (std::find(vote->line.candidates.begin(), vote->line.candidates.end(), candidate) ==
        vote->line.candidates.end())
      throw Invalid("'" + candidate.substr(0, 64) + "' is no candidate of this vote", "dots");
    sent.dots[candidate] = value.substr(0, 8);
    if (value.empty()) continue;
    if (value.size() > 2 || value.find_first_not_of("0123456789") != std::string::npos) {
      broken = true;
      continue;
    }
    const int n = std::stoi(value);
    placed += n;
    if (n > 0) ballot.dots[candidate] = n;
  }
  if (!sent.problem.empty()) return send_ballot(r, res, p, lang, 409, &sent);
  const int64_t max = vote->line.dots_per_ballot;
  if (broken) {
    sent.problem = "room.vote.error_number";
  } else if (placed > max) {
    sent.problem = "room.vote.error_too_many";
    sent.params = {{"placed", std::to_string(placed)}, {"n", std::to_string(max)}};
  } else if (placed == 0) {
    sent.problem = "room.vote.error_none";
  }
  if (!sent.problem.empty()) return send_ballot(r, res, p, lang, 422, &sent);
  Outcome outcome;
  try {
    outcome = app::cast_ballot(r.app, vote->line.id, ballot);
  } catch (const Conflict& e) {
    sent.problem = e.field() == "ballot" ? "room.vote.error_voted" : "room.vote.error_closed";
    return send_ballot(r, res, p, lang, 409, &sent);
  } catch (const Invalid&) {
    sent.problem = "room.vote.error_none";
    return send_ballot(r, res, p, lang, 422, &sent);
  }
  send_redirect(res, p.base + "/counted?lang=" + lang +
                         (outcome == Outcome::duplicate ? "&as=again" : "&as=new"));
}

void counted(RoomRoutes&, const httplib::Request& req, httplib::Response& res, const Place& p) {
  const std::string lang = language_of(p, req, req.get_param_value("lang"));
  json v = page_view(p, lang, text(lang, "room.vote.counted_title"), p.base + "/counted");
  v["counted"] = true;
  v["again"] = req.get_param_value("as") == "again";
  v["vote_href"] = p.base + "?lang=" + lang;
  send_html(res, 200, render::get_template("room_vote").render(v));
}

}  // namespace room_vote

void register_room_vote_routes(HttpServer& server, app::Services& app,
                               const ServerOptions& options) {
  using namespace room_vote;
  // Lives as long as the routes that use it: the server keeps its handlers.
  auto r = std::make_shared<RoomRoutes>(RoomRoutes{app, options});
  const std::string phone = "/d/([a-zA-Z0-9]{4,16})/vote";
  const std::string kiosk = "/kiosk/([A-Za-z0-9._:-]{1,128})/vote";
  server.Get(phone, [r](const httplib::Request& req, httplib::Response& res) {
    show(*r, req, res, phone_place(*r, req));
  });
  server.Post(phone, [r](const httplib::Request& req, httplib::Response& res,
                         const httplib::ContentReader& reader) {
    cast(*r, req, res, reader, phone_place(*r, req));
  });
  server.Get(phone + "/counted", [r](const httplib::Request& req, httplib::Response& res) {
    counted(*r, req, res, phone_place(*r, req));
  });
  server.Get(kiosk, [r](const httplib::Request& req, httplib::Response& res) {
    show(*r, req, res, kiosk_place(*r, req.matches[1]));
  });
  server.Post(kiosk, [r](const httplib::Request& req, httplib::Response& res,
                         const httplib::ContentReader& reader) {
    cast(*r, req, res, reader, kiosk_place(*r, req.matches[1]));
  });
  server.Get(kiosk + "/counted", [r](const httplib::Request& req, httplib::Response& res) {
    counted(*r, req, res, kiosk_place(*r, req.matches[1]));
  });
}

}  // namespace lyssna::http
