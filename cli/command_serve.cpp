// `lyssna serve`: the HTTP server, until SIGINT or SIGTERM; answers already
// queued are committed before it exits.
#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "cli/serve_options.hpp"
#include "util/errors.hpp"

namespace lyssna::cli {
namespace {

// Waits on a thread of its own for one of `signals` (blocked in every
// thread) and stops the server when it comes. However serving ends (a
// signal, a stop from elsewhere, or run() throwing), the destructor stops
// the server too, ends the wait and joins the thread: a thread destroyed
// unjoined would end the program with std::terminate.
class StopOnSignal {
 public:
  StopOnSignal(http::Server& server, const sigset_t& signals)
      : server_(server), signals_(signals), thread_([this] { wait(); }) {}
  ~StopOnSignal() {
    leaving_ = true;
    server_.stop();  // returns at once when run() is over or never began
    pthread_kill(thread_.native_handle(), SIGTERM);  // blocked: it wakes sigwait alone
    thread_.join();
  }
  StopOnSignal(const StopOnSignal&) = delete;
  StopOnSignal& operator=(const StopOnSignal&) = delete;

 private:
  void wait() {
    int received = 0;
    sigwait(&signals_, &received);
    if (leaving_) return;
    std::fprintf(stderr, "lyssna: stopping (signal %d)\n", received);
    server_.stop();
  }

  http::Server& server_;
  const sigset_t signals_;
  std::atomic<bool> leaving_{false};
  std::thread thread_;  // last: starts once the rest is there
};

int run_serve(const Context& c, const ParsedArgs& a) {
  const http::ServerOptions options = serve_options(c, a);

  // Signals go to one waiting thread, not to whichever thread they hit.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  http::Server server(options);
  int port = server.bind();
  std::printf("lyssna %s: listening on http://%s:%d/ (database %s)\n", "serve",
              options.bind == "0.0.0.0" ? "127.0.0.1" : options.bind.c_str(), port,
              c.db_path.c_str());
  std::fflush(stdout);

  const StopOnSignal stop_on_signal(server, signals);
  server.run();
  return exit_ok;
}

}  // namespace

http::ServerOptions serve_options(const Context& c, const ParsedArgs& a) {
  http::ServerOptions options;
  options.db_path = c.db_path;
  options.bind = a.value_or("--bind", options.bind);
  options.port = static_cast<int>(a.number("--port", 0, 65535).value_or(options.port));
  options.threads = static_cast<int>(a.number("--threads", 2, 1024).value_or(options.threads));
  options.access_log = a.flag("--access-log");
  options.behind_proxy = a.flag("--behind-proxy");
  // Behind a proxy every connection comes from the proxy: a cap per address
  // would cap the proxy. Only when asked for. The cap stays below the
  // threads, so that one address never holds every request thread: the
  // default shrinks with fewer threads, a cap asked for must fit.
  if (auto cap = a.number("--max-connections-per-client", 0, 100000)) {
    if (*cap >= options.threads) {
      throw BadInput("--max-connections-per-client (" + std::to_string(*cap) +
                         ") must be less than --threads (" + std::to_string(options.threads) +
                         "), so that one address cannot hold every request thread; 0 for no cap",
                     "--max-connections-per-client");
    }
    options.max_connections_per_client = static_cast<int>(*cap);
  } else if (options.behind_proxy) {
    options.max_connections_per_client = 0;
  } else {
    options.max_connections_per_client =
        std::min(options.max_connections_per_client, options.threads - 1);
  }
  options.request_timeout =
      static_cast<int>(a.number("--request-timeout", 1, 3600).value_or(options.request_timeout));
  options.api_token = a.value_or("--token", "");
  if (options.api_token.empty()) {
    if (const char* env = std::getenv("LYSSNA_API_TOKEN")) options.api_token = env;
  }
  if (!options.api_token.empty() && options.api_token.size() < 16) {
    throw BadInput("--token must be at least 16 characters (it guards personal data)", "--token");
  }
  return options;
}

std::vector<Command> serve_commands() {
  return {
      {{"serve",
        "lyssna serve [--port N] [--bind ADDR]",
        "serve the questionnaires and the JSON API over HTTP",
        "Residents answer at http://ADDR:PORT/s/<survey>. --port 0 picks a free port;\n"
        "the first line printed names it. No IP address, user agent or cookie is ever\n"
        "stored with an answer.",
        {{"--port", "N", "TCP port (default: 8080; 0 picks a free one)"},
         {"--bind", "ADDR", "address to listen on (default: 127.0.0.1; 0.0.0.0 for all)"},
         {"--threads", "N", "request threads (default: 64)"},
         {"--access-log", "", "log method, path and status of each request to stderr"},
         {"--behind-proxy", "",
          "count wrong invitation codes per X-Forwarded-For client, not per proxy"},
         {"--max-connections-per-client", "N",
          "open connections per client address, less than --threads, 0 for no cap (default: 32 "
          "or --threads - 1, whichever is less; none with --behind-proxy)"},
         {"--request-timeout", "SECONDS",
          "for a request head, then 408 (default: 10); a body gets this plus its size at 2 KiB/s"},
         {"--token", "TOKEN",
          "bearer token for the analysis API (or LYSSNA_API_TOKEN); off without one"}},
        0,
        0},
       run_serve}};
}

}  // namespace lyssna::cli
