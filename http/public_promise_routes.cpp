// The citizen promise for residents, no login (issue 10, point 4). Routes:
//   GET /promise[?lang=xx]                           the published promises, newest first
//   GET /promise/<id>[?lang=xx]                      one published or evaluated promise
//   GET /promise/<kommun>[?lang=xx]                  the kommun's newest one
//   GET /promise/<id or kommun>/feed.atom[?lang=xx]  its published follow-ups as Atom
// Anything else under /promise, and a promise not (yet) public: 404 with
// the public site's message page. The language as on the form: ?lang=,
// else Accept-Language, else Swedish; no cookie.
#include <httplib.h>

#include <optional>

#include "app/promise.hpp"
#include "http/language.hpp"
#include "http/public_promise_view.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"
#include "render/template_engine.hpp"
#include "util/errors.hpp"

namespace lyssna::http {
namespace {

std::string page_language(const httplib::Request& req) {
  return choose_language(public_languages(), req.get_param_value("lang"),
                         req.get_header_value("Accept-Language"));
}

void send_not_found(const httplib::Request& req, httplib::Response& res) {
  send_html(
      res, 404,
      render::get_template("promise_message").render(promise_not_found_view(page_language(req))));
}

// The public promise a path names: a number is a promise's id, a word a
// kommun's (its newest public promise). None when there is no such one.
std::optional<app::Promise> find_public(app::Services& app, const std::string& name) {
  if (name.find_first_not_of("0123456789") == std::string::npos) {
    try {
      auto p = app::load_promise(app, std::stoll(name));
      if (is_public_promise(p.status)) return p;
    } catch (const NotFound&) {
    } catch (const std::out_of_range&) {
    }
    return std::nullopt;
  }
  for (const auto& p : public_promises(app))
    if (p.header.kommun == name) return app::load_promise(app, p.id);
  return std::nullopt;
}

}  // namespace

void register_public_promise_routes(HttpServer& server, app::Services& app) {
  // Ids are digits (at most 18, so they fit), kommun ids lower-case words.
  const std::string name = "/promise/([0-9]{1,18}|[a-z][a-z0-9-]{0,63})";
  server.Get("/promise/?", [&app](const httplib::Request& req, httplib::Response& res) {
    send_html(
        res, 200,
        render::get_template("promise_list").render(promise_list_view(app, page_language(req))));
  });
  server.Get(name, [&app](const httplib::Request& req, httplib::Response& res) {
    auto p = find_public(app, req.matches[1]);
    if (!p) return send_not_found(req, res);
    send_html(res, 200,
              render::get_template("promise_page")
                  .render(promise_page_view(app, *p, page_language(req))));
  });
  server.Get(name + "/feed\\.atom", [&app](const httplib::Request& req, httplib::Response& res) {
    auto p = find_public(app, req.matches[1]);
    if (!p) return send_not_found(req, res);
    res.status = 200;
    set_security_headers(res);
    // Public news of a public document: a kommun's web may fetch it from
    // the browser (no cookie is ever needed or sent with it).
    res.set_header("Access-Control-Allow-Origin", "*");
    res.set_header("Cache-Control", "no-cache");
    res.set_content(promise_feed(app, *p, page_language(req)),
                    "application/atom+xml; charset=utf-8");
  });
  server.Get("/promise/.*",
             [](const httplib::Request& req, httplib::Response& res) { send_not_found(req, res); });
}

}  // namespace lyssna::http
