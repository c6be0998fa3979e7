// The guard in front of every workspace route (see workspace_guard.hpp).
#include "http/workspace_guard.hpp"

#include <algorithm>

#include "http/cookies.hpp"
#include "http/form_body.hpp"
#include "http/kiosk_lock.hpp"
#include "http/language.hpp"
#include "http/multipart_body.hpp"
#include "http/requests.hpp"
#include "http/responses.hpp"
#include "http/workspace_view.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace lyssna::http {
namespace {

// A workspace form is a few fields; later pages (a codebook's terms) need
// more, and take the form limit of `serve` at most.
constexpr size_t max_workspace_form = 256 * 1024;
// A form with a file (multipart/form-data: a margins file) may carry one
// file of that size beside its few fields.
constexpr size_t max_workspace_upload = 2 * max_workspace_form;

void send_refusal_page(httplib::Response& res, int status, const std::string& lang,
                       const std::string& key, const app::Session* session) {
  send_html(res, status, render_workspace_message(lang, key, session), Audience::workspace);
}

}  // namespace

bool send_kiosk_back(const httplib::Request& req, httplib::Response& res) {
  auto kiosk = kiosk_lock(req);
  if (!kiosk) return false;
  send_redirect(res, "/kiosk/" + *kiosk, Audience::workspace);
  return true;
}

std::string WorkspaceRequest::field(const std::string& name) const {
  auto it = fields.find(name);
  return it == fields.end() ? std::string() : it->second;
}

std::string workspace_client(const httplib::Request& req, const ServerOptions& options) {
  return client_address(req, options.behind_proxy);
}

WorkspaceRoutes::WorkspaceRoutes(HttpServer& server, app::Services& app,
                                 const ServerOptions& options)
    : server_(server), app_(app), options_(options) {}

bool WorkspaceRoutes::secure(const httplib::Request& req) const {
  if (!options_.tls_cert.empty()) return true;
  if (!options_.behind_proxy) return false;
  const std::string proto = req.get_header_value("X-Forwarded-Proto");
  return text::to_lower_ascii(text::trim(proto.substr(0, proto.find(',')))) == "https";
}

app::SessionLookup WorkspaceRoutes::lookup(const httplib::Request& req) {
  auto token = cookie_value(req, session_cookie_name(secure(req)));
  if (!token) return {};
  return app::resume_session(app_, *token);
}

void WorkspaceRoutes::require_same_origin(const httplib::Request& req) const {
  const std::string site = req.get_header_value("Sec-Fetch-Site");
  if (!site.empty()) {
    if (site != "same-origin" && site != "none") {
      throw Forbidden("the form was sent from another site (Sec-Fetch-Site: " + site + ")");
    }
    return;
  }
  const std::string origin = req.get_header_value("Origin");
  if (origin.empty()) return;  // no browser's: the CSRF token still decides
  const std::string expected =
      std::string(secure(req) ? "https://" : "http://") + req.get_header_value("Host");
  if (origin != expected) throw Forbidden("the form was sent from another origin (" + origin + ")");
}

std::string WorkspaceRoutes::visitor_language(const httplib::Request& req,
                                              const std::string& chosen) const {
  return choose_language(workspace_languages(), chosen, req.get_header_value("Accept-Language"));
}

bool WorkspaceRoutes::admit(const httplib::Request& req, httplib::Response& res,
                            app::SessionLookup& found) {
  if (send_kiosk_back(req, res)) return false;
  found = lookup(req);
  if (found.status == app::SessionLookup::Status::live) return true;
  // A POST's own path is no page to come back to.
  std::string to = "/workspace/login";
  if (req.method == "GET" && req.path != "/workspace") to += "?next=" + req.path;
  if (found.status == app::SessionLookup::Status::expired) {
    to += to.find('?') == std::string::npos ? "?ended=1" : "&ended=1";
    if (!found.session.lang.empty()) to += "&lang=" + found.session.lang;
    res.set_header("Set-Cookie", clearing_cookie(secure(req)));
  }
  send_redirect(res, to, Audience::workspace);
  return false;
}

void WorkspaceRoutes::page(const std::string& pattern, app::Permission need, Handler handle) {
  server_.Get(pattern, [this, need, handle](const httplib::Request& req, httplib::Response& res) {
    app::SessionLookup found;
    if (!admit(req, res, found)) return;
    app::Session& session = found.session;
    const std::string chosen = req.get_param_value("lang");
    const auto& languages = workspace_languages();
    if (std::find(languages.begin(), languages.end(), chosen) != languages.end())
      app::set_session_language(app_, session, chosen);
    try {
      app::require(session.access(), need);
    } catch (const Forbidden&) {
      return send_refusal_page(res, 403, session.lang, "ws.error.forbidden", &session);
    }
    const form::FormFields none;
    WorkspaceRequest w{req, res, session, none};
    handle(w);
  });
}

void WorkspaceRoutes::action(const std::string& pattern, app::Permission need, Handler handle) {
  server_.Post(pattern, [this, need, handle](const httplib::Request& req, httplib::Response& res,
                                             const httplib::ContentReader& reader) {
    try {
      require_same_origin(req);
    } catch (const Forbidden&) {
      return send_refusal_page(res, 403, visitor_language(req, ""), "ws.error.csrf", nullptr);
    }
    app::SessionLookup found;
    if (!admit(req, res, found)) return;
    app::Session& session = found.session;
    form::FormFields fields;
    std::map<std::string, std::string> file_names;
    if (req.is_multipart_form_data()) {
      MultipartBody body = read_multipart(req, reader, max_workspace_upload);
      fields = std::move(body.fields);
      file_names = std::move(body.file_names);
    } else {
      fields = parse_urlencoded(
          read_body(req, reader, std::min(options_.max_form_body, max_workspace_form)));
    }
    auto token = fields.find("_csrf");
    if (token == fields.end() || !session.csrf_matches(token->second)) {
      return send_refusal_page(res, 403, session.lang, "ws.error.csrf", &session);
    }
    fields.erase("_csrf");
    try {
      app::require(session.access(), need);
    } catch (const Forbidden&) {
      return send_refusal_page(res, 403, session.lang, "ws.error.forbidden", &session);
    }
    WorkspaceRequest w{req, res, session, fields, std::move(file_names)};
    handle(w);
  });
}

}  // namespace lyssna::http
