// Server setup: the application layer, the routes, and the handlers
// through which every error becomes a response (status_table.cpp).
#include "http/server.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>

#include <sys/resource.h>
#include <sys/socket.h>

#include "app/accounts.hpp"
#include "app/services.hpp"
#include "app/sync_central.hpp"
#include "http/connection_stream.hpp"
#include "http/routes.hpp"
#include "http/status_table.hpp"
#include "http/tls_context.hpp"
#include "http/workspace_guard.hpp"
#include "util/errors.hpp"

namespace lyssna::http {

namespace {

app::ServiceOptions service_options(const ServerOptions& o) {
  app::ServiceOptions s;
  s.db_path = o.db_path;
  s.api_token = o.api_token;
  s.sessions = {o.session_idle, o.session_absolute};
  s.logins.account.lock_after = o.lockout_after;
  s.logins.account.lock_seconds = o.lockout_seconds;
  s.logins.account.first_delay = o.login_delay;
  s.logins.client.first_delay = o.login_delay;
  s.logins.client.lock_after = o.lockout_after * 10;
  return s;
}

std::unique_ptr<TlsContext> tls_of(const ServerOptions& o) {
  if (o.tls_cert.empty() && o.tls_key.empty()) return nullptr;
  if (o.tls_cert.empty() || o.tls_key.empty()) {
    throw BadInput("--tls-cert and --tls-key go together: give both, or neither",
                   o.tls_cert.empty() ? "--tls-cert" : "--tls-key");
  }
  return std::make_unique<TlsContext>(o.tls_cert, o.tls_key);
}

}  // namespace

struct Server::State {
  explicit State(ServerOptions o)
      : options(std::move(o)),
        tls(tls_of(options)),
        app(service_options(options)),
        server(static_cast<size_t>(options.threads)),
        workspace(server, app, options) {}
  ServerOptions options;
  std::unique_ptr<TlsContext> tls;  // before the server, which uses it
  app::Services app;
  HttpServer server;
  WorkspaceRoutes workspace;  // its routes are the server's
  std::mutex run_mutex;
  bool stop_requested = false;  // under run_mutex
  bool run_entered = false;     // under run_mutex
  std::atomic<bool> run_returned{false};
  std::mutex stop_mutex;  // one stop() at a time (a signal's, and the one on the way out)
  bool stopped = false;   // under stop_mutex: the library's stop() was called
};

Server::Server(ServerOptions options) {
  state_ = std::make_unique<State>(std::move(options));
  auto& s = *state_;
  s.server.set_keep_alive_max_count(1000);
  s.server.set_read_timeout(30);
  s.server.set_write_timeout(30);
  // The library's cap on any body; each route reads its own within its own
  // limit (requests.hpp read_body), the sync API's batches the largest.
  s.server.set_payload_max_length(
      std::max({s.options.max_form_body, s.options.max_api_body, app::max_sync_batch_bytes}));
  s.server.set_tcp_nodelay(true);
  s.server.set_connection_limits(
      {.request_timeout = std::chrono::seconds(s.options.request_timeout),
       .per_client = static_cast<size_t>(s.options.max_connections_per_client)});

  // cpp-httplib tries routes in registration order, each with std::regex:
  // the resident's form, the busiest page, goes first.
  register_form_routes(s.server, s.app, s.options);
  register_static_routes(s.server, s.app);
  register_public_promise_routes(s.server, s.app);
  register_api_routes(s.server, s.app, s.options);
  register_analysis_routes(s.server, s.app, s.options);
  register_promise_api_routes(s.server, s.app);
  register_sync_routes(s.server, s.app);
  register_room_vote_routes(s.server, s.app, s.options);
  register_workspace_login_routes(s.workspace);
  register_workspace_home_routes(s.workspace);
  register_workspace_admin_routes(s.workspace);
  register_workspace_surveys_routes(s.workspace);
  register_workspace_settings_routes(s.workspace);
  register_workspace_priorities_routes(s.workspace);
  register_workspace_promise_routes(s.workspace);
  register_workspace_explorer_routes(s.workspace);
  register_workspace_codebook_routes(s.workspace);
  register_workspace_dashboard_routes(s.workspace);
  register_workspace_report_routes(s.workspace);
  register_workspace_notes_routes(s.workspace);
  register_workspace_summary_routes(s.workspace);
  register_workspace_vote_routes(s.workspace);
  register_workspace_dialogue_routes(s.workspace);
  register_kiosk_routes(s.workspace);
  register_join_routes(s.server, s.app, s.options);
  if (s.tls) {
    s.server.set_tls(s.tls->get());
    // Browsers that have seen the server over HTTPS come back only that way.
    s.server.set_default_headers({{"Strict-Transport-Security", "max-age=31536000"}});
  }
  s.app.keep_index_current();  // the analyses see new answers within seconds

  s.server.set_exception_handler([](const httplib::Request& req, httplib::Response& res,
                                    std::exception_ptr ep) { send_failure(req, res, ep); });
  // Statuses set by the library itself (no route, body too large) arrive
  // here without a body; responses our handlers wrote are left alone.
  s.server.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        send_library_error(req, res);
        return httplib::Server::HandlerResponse::Handled;
      }));
  if (s.options.access_log) {
    s.server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      // The path only: query strings can carry invitation codes.
      std::fprintf(stderr, "%s %s %d\n", req.method.c_str(), req.path.c_str(), res.status);
    });
  }
}

Server::~Server() = default;

int Server::bind() {
  auto& s = *state_;
  // Every connection, idle or slow, is a descriptor: take as many as the
  // system allows (the soft limit is often 1,024).
  rlimit files{};
  if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
  }
  // The library listens with a backlog of 5: a burst of residents opening
  // the form at once would see dropped connections and one-second retries.
  // Capture the listening socket to raise it. Only SO_REUSEADDR, never
  // SO_REUSEPORT: a second server on the same port must fail, not share it.
  int listening = -1;
  s.server.set_socket_options([&listening](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listening = sock;
  });
  int port = s.options.port;
  if (port == 0) {
    port = s.server.bind_to_any_port(s.options.bind);
  } else if (!s.server.bind_to_port(s.options.bind, port)) {
    port = -1;
  }
  if (port < 0) {
    throw Error("cannot listen on " + s.options.bind + ":" + std::to_string(s.options.port) +
                " (in use, or not an address of this machine?)");
  }
  if (listening >= 0) ::listen(listening, 1024);
  s.options.port = port;  // the pages' join address names the port bound (0 asked any)
  return port;
}

void Server::run() {
  auto& s = *state_;
  {
    std::lock_guard lock(s.run_mutex);
    if (s.stop_requested) return;  // stopped before it began: serve nothing
    s.run_entered = true;
  }
  struct Returned {
    std::atomic<bool>& flag;
    ~Returned() { flag = true; }  // also when listening throws
  } returned{s.run_returned};
  s.server.listen_after_bind();
}

bool Server::has_enabled_admin() {
  return app::has_enabled_admin(state_->app);
}

void Server::stop() {
  auto& s = *state_;
  std::lock_guard once(s.stop_mutex);
  {
    std::lock_guard lock(s.run_mutex);
    s.stop_requested = true;
    if (!s.run_entered) return;  // run() never began, or will return at once
  }
  if (s.stopped) return;
  // The library's stop() does nothing until listen_after_bind() has marked
  // the server running: a SIGTERM right after start would be lost and the
  // server would serve on. Wait for that moment (or for run() to be over).
  while (!s.server.is_running() && !s.run_returned)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  s.server.stop();
  s.stopped = true;
}

}  // namespace lyssna::http
