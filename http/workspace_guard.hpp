// How a workspace route is declared: in one line, with the permission it
// needs (app/roles.hpp). The guard in front of every such route finds the
// session from its cookie (none, or ended: 303 to the login page, not a
// byte of the page), asks the application layer whether the session's
// role may (403 page otherwise), keeps a chosen language, and for a POST
// checks that the browser sent it from this workspace (Sec-Fetch-Site,
// else Origin) and that it carries the session's CSRF token (403 page
// otherwise) before the handler sees its fields. A POST's body is a
// urlencoded form (256 KiB at most) or, for a form with a file,
// multipart/form-data (512 KiB at most).
#pragma once

#include <functional>
#include <map>
#include <string>

#include <httplib.h>

#include "app/roles.hpp"
#include "app/services.hpp"
#include "app/sessions.hpp"
#include "collector/form/form_input.hpp"
#include "http/connection_stream.hpp"
#include "http/server.hpp"

namespace lyssna::http {

// One request to a workspace route, past the guard.
struct WorkspaceRequest {
  const httplib::Request& req;
  httplib::Response& res;
  app::Session& session;
  const form::FormFields& fields;  // a POST's fields (without _csrf); empty for a GET
  // For a multipart/form-data POST: the file name each file field came with.
  std::map<std::string, std::string> file_names = {};
  const std::string& lang() const { return session.lang; }
  // The value of a POST's field ("" when absent).
  std::string field(const std::string& name) const;
};

class WorkspaceRoutes {
 public:
  using Handler = std::function<void(WorkspaceRequest&)>;
  WorkspaceRoutes(HttpServer& server, app::Services& app, const ServerOptions& options);

  // GET `pattern` (a cpp-httplib regex) for sessions whose role allows `need`.
  void page(const std::string& pattern, app::Permission need, Handler handle);
  // POST `pattern`: the same, with the origin and CSRF checks and the body's fields.
  void action(const std::string& pattern, app::Permission need, Handler handle);

  app::Services& app() { return app_; }
  const ServerOptions& options() const { return options_; }
  HttpServer& server() { return server_; }

  // Whether the request arrived over TLS (here, or at a proxy that says so
  // with X-Forwarded-Proto when `serve --behind-proxy`): cookies are then Secure.
  bool secure(const httplib::Request& req) const;
  // The session the request's cookie names, if any (live or ended).
  app::SessionLookup lookup(const httplib::Request& req);
  // Throws Forbidden when the browser says the request comes from another
  // site: Sec-Fetch-Site other than same-origin (or none: typed by the
  // user), or, from a browser without it, an Origin other than this server.
  void require_same_origin(const httplib::Request& req) const;
  // The workspace language for a visitor not signed in: ?lang=, else the
  // browser's Accept-Language among Swedish and English, else Swedish.
  std::string visitor_language(const httplib::Request& req, const std::string& chosen) const;

 private:
  bool admit(const httplib::Request& req, httplib::Response& res, app::SessionLookup& found);

  HttpServer& server_;
  app::Services& app_;
  const ServerOptions& options_;
};

// A browser in kiosk mode (http/kiosk_lock.hpp) reaches no workspace page,
// the login page neither: 303 back to its kiosk. Returns whether it was one.
bool send_kiosk_back(const httplib::Request& req, httplib::Response& res);

// The address failed logins count against (requests.hpp: client_address).
std::string workspace_client(const httplib::Request& req, const ServerOptions& options);

// Route registration of the workspace, one file each.
void register_workspace_login_routes(WorkspaceRoutes& routes);
void register_workspace_home_routes(WorkspaceRoutes& routes);
void register_workspace_admin_routes(WorkspaceRoutes& routes);
void register_workspace_surveys_routes(WorkspaceRoutes& routes);
void register_workspace_settings_routes(WorkspaceRoutes& routes);
void register_workspace_priorities_routes(WorkspaceRoutes& routes);
void register_workspace_promise_routes(WorkspaceRoutes& routes);
void register_workspace_explorer_routes(WorkspaceRoutes& routes);
void register_workspace_codebook_routes(WorkspaceRoutes& routes);
void register_workspace_dashboard_routes(WorkspaceRoutes& routes);
void register_workspace_report_routes(WorkspaceRoutes& routes);
// A dialogue session's notes and its one-page summary (facilitator mode).
void register_workspace_notes_routes(WorkspaceRoutes& routes);
void register_workspace_summary_routes(WorkspaceRoutes& routes);
// Dot votes of a dialogue session (workspace_vote_routes.cpp).
void register_workspace_vote_routes(WorkspaceRoutes& routes);
// Dialogue sessions (workspace_dialogue_routes.cpp) and kiosk mode's start
// and exit (kiosk_routes.cpp, which also serve the kiosk's own pages).
void register_workspace_dialogue_routes(WorkspaceRoutes& routes);
void register_kiosk_routes(WorkspaceRoutes& routes);

}  // namespace lyssna::http
