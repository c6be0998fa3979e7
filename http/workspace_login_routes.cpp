// Logging in to the workspace and out of it. Routes:
//   GET  /workspace/login[?next=PATH&ended=1&signed_out=1&lang=xx]  the form
//        (303 to /workspace when already signed in)
//   POST /workspace/login   name, password, _lang, next: 303 to `next` (a
//        workspace path) with the session cookie; the form again with 401
//        (wrong name or password: the same answer for both), 403 (locked),
//        429 with Retry-After (wait), 503 (no turn to check a password)
//   POST /workspace/logout  _csrf: ends the session, clears the cookie, 303
//        to the login page
// The login POST has no session yet, so no CSRF token: the origin check
// (Sec-Fetch-Site, Origin) refuses one sent from another site (login CSRF).
#include <regex>

#include "app/sessions.hpp"
#include "http/cookies.hpp"
#include "http/form_body.hpp"
#include "http/requests.hpp"
#include "http/responses.hpp"
#include "http/workspace_guard.hpp"
#include "http/workspace_view.hpp"
#include "render/template_engine.hpp"

namespace lyssna::http {
namespace {

using nlohmann::json;

constexpr size_t max_login_form = 8 * 1024;

// Where to go after logging in: a workspace page, never elsewhere (an open
// redirect would send a freshly signed-in user to any site).
std::string safe_next(const std::string& next) {
  static const std::regex workspace_path("/workspace(/[A-Za-z0-9_/-]{0,200})?");
  return std::regex_match(next, workspace_path) ? next : std::string();
}

std::string first_field(const form::FormFields& fields, const std::string& name) {
  auto it = fields.find(name);
  return it == fields.end() ? std::string() : it->second;
}

struct LoginForm {
  std::string lang;
  std::string next;
  std::string name;     // as typed, shown again
  std::string notice;   // a catalog key
  std::string problem;  // the message shown in the problem box
};

void send_login_page(httplib::Response& res, int status, const LoginForm& form) {
  json v =
      workspace_view(form.lang, ws_text(form.lang, "ws.login.title"), nullptr, "/workspace/login");
  if (!form.next.empty()) {
    v["next"] = form.next;
    for (auto& l : v["languages"]) l["href"] = l["href"].get<std::string>() + "&next=" + form.next;
  }
  v["name_value"] = form.name;
  if (!form.notice.empty()) v["notice"] = ws_text(form.lang, form.notice);
  if (!form.problem.empty()) {
    v["problems"] = {{"title", ws_text(form.lang, "ws.login.error_title")},
                     {"items", json::array({{{"message", form.problem}}})}};
  }
  send_html(res, status, render::get_template("ws_login").render(v), Audience::workspace);
}

void get_login(WorkspaceRoutes& r, const httplib::Request& req, httplib::Response& res) {
  const auto found = r.lookup(req);
  if (found.status == app::SessionLookup::Status::live) {
    return send_redirect(res, "/workspace", Audience::workspace);
  }
  if (found.status == app::SessionLookup::Status::expired)
    res.set_header("Set-Cookie", clearing_cookie(r.secure(req)));
  LoginForm form;
  form.lang = r.visitor_language(req, req.get_param_value("lang"));
  form.next = safe_next(req.get_param_value("next"));
  if (req.get_param_value("ended") == "1") form.notice = "ws.login.ended";
  if (req.get_param_value("signed_out") == "1") form.notice = "ws.login.signed_out";
  send_login_page(res, 200, form);
}

void post_login(WorkspaceRoutes& r, const httplib::Request& req, httplib::Response& res,
                const httplib::ContentReader& reader) {
  try {
    r.require_same_origin(req);
  } catch (const Forbidden&) {
    const std::string lang = r.visitor_language(req, "");
    return send_html(res, 403, render_workspace_message(lang, "ws.error.csrf", nullptr),
                     Audience::workspace);
  }
  const form::FormFields fields = parse_urlencoded(read_body(req, reader, max_login_form));
  LoginForm form;
  form.lang = r.visitor_language(req, first_field(fields, "_lang"));
  form.next = safe_next(first_field(fields, "next"));
  form.name = first_field(fields, "name");
  app::LoginAttempt attempt{form.name, first_field(fields, "password"),
                            workspace_client(req, r.options()), form.lang};
  try {
    const app::Session session = app::sign_in(r.app(), attempt);
    res.set_header("Set-Cookie", session_cookie(r.secure(req), session.token));
    return send_redirect(res, form.next.empty() ? "/workspace" : form.next, Audience::workspace);
  } catch (const app::LoginRefused& e) {
    const bool locked = e.why() == app::LoginRefused::Why::locked;
    form.problem = ws_text(form.lang, locked ? "ws.login.error_locked" : "ws.login.error_wrong");
    return send_login_page(res, locked ? 403 : 401, form);
  } catch (const TooManyAttempts& e) {
    res.set_header("Retry-After", std::to_string(e.retry_after()));
    form.problem =
        ws_text(form.lang, "ws.login.error_wait", {{"seconds", std::to_string(e.retry_after())}});
    return send_login_page(res, 429, form);
  } catch (const Unavailable&) {
    form.problem = ws_text(form.lang, "ws.login.error_busy");
    return send_login_page(res, 503, form);
  }
}

}  // namespace

void register_workspace_login_routes(WorkspaceRoutes& routes) {
  WorkspaceRoutes* r = &routes;
  routes.server().Get("/workspace/login", [r](const httplib::Request& req, httplib::Response& res) {
    if (send_kiosk_back(req, res)) return;
    get_login(*r, req, res);
  });
  routes.server().Post("/workspace/login", [r](const httplib::Request& req, httplib::Response& res,
                                               const httplib::ContentReader& reader) {
    if (send_kiosk_back(req, res)) return;
    post_login(*r, req, res, reader);
  });
  routes.action("/workspace/logout", app::Permission::workspace, [r](WorkspaceRequest& w) {
    app::sign_out(r->app(), w.session);
    w.res.set_header("Set-Cookie", clearing_cookie(r->secure(w.req)));
    send_redirect(w.res, "/workspace/login?signed_out=1&lang=" + w.lang(), Audience::workspace);
  });
}

}  // namespace lyssna::http
