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
#include "util/network_addresses.hpp"

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

// The addresses phones in the room can answer at (facilitator mode): the
// bound address, or every reachable one when bound to all; none on loopback.
std::vector<std::string> phone_addresses(const std::string& bind) {
  if (bind == "0.0.0.0" || bind == "::") return net::reachable_addresses();
  if (net::is_loopback_host(bind)) return {};
  return {bind};
}

int run_serve(const Context& c, const ParsedArgs& a) {
  http::ServerOptions options = serve_options(c, a);
  options.lan_addresses = phone_addresses(options.bind);

  // Signals go to one waiting thread, not to whichever thread they hit.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  http::Server server(options);
  int port = server.bind();
  const char* scheme = options.tls_cert.empty() ? "http" : "https";
  const std::string host = options.bind == "0.0.0.0" ? "127.0.0.1" : options.bind;
  // Before the line that names the port: whoever waits for that line has
  // the hint too.
  if (!server.has_enabled_admin()) {
    std::fprintf(stderr,
                 "lyssna serve: the workspace has no administrator yet. Create one with\n"
                 "  lyssna --db %s user add NAME --role admin\n"
                 "(it asks for the password), then log in at %s://%s:%d/workspace/login\n",
                 c.db_path.c_str(), scheme, host.c_str(), port);
  }
  std::printf("lyssna %s: listening on %s://%s:%d/ (database %s)\n", "serve", scheme, host.c_str(),
              port, c.db_path.c_str());
  if (!options.public_url.empty()) {
    std::printf("Phones on this network can answer at %s/d\n", options.public_url.c_str());
  } else if (!options.lan_addresses.empty()) {
    for (const auto& address : options.lan_addresses) {
      const std::string shown =
          address.find(':') != std::string::npos ? "[" + address + "]" : address;
      std::printf("Phones on this network can answer at %s://%s:%d/d\n", scheme, shown.c_str(),
                  port);
    }
  } else if (net::is_loopback_host(options.bind)) {
    std::printf("Phones cannot reach %s: for a dialogue, serve with --bind 0.0.0.0\n",
                options.bind.c_str());
  }
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
  options.tls_cert = a.value_or("--tls-cert", "");
  options.tls_key = a.value_or("--tls-key", "");
  if (options.tls_cert.empty() != options.tls_key.empty()) {
    throw BadInput("--tls-cert and --tls-key go together: give both, or neither",
                   options.tls_cert.empty() ? "--tls-cert" : "--tls-key");
  }
  options.session_idle = a.number("--session-idle", 1, 7 * 86400).value_or(options.session_idle);
  options.session_absolute =
      a.number("--session-max", 1, 30 * 86400).value_or(options.session_absolute);
  if (options.session_absolute < options.session_idle) {
    throw BadInput("--session-max (" + std::to_string(options.session_absolute) +
                       " s) must not be shorter than --session-idle (" +
                       std::to_string(options.session_idle) + " s)",
                   "--session-max");
  }
  options.lockout_after =
      static_cast<int>(a.number("--lockout-after", 0, 1000).value_or(options.lockout_after));
  options.lockout_seconds =
      a.number("--lockout-duration", 0, 30 * 86400).value_or(options.lockout_seconds);
  options.login_delay = a.number("--login-delay", 0, 3600).value_or(options.login_delay);
  options.public_url = a.value_or("--public-url", "");
  if (!options.public_url.empty()) {
    const std::string& u = options.public_url;
    const bool web = u.rfind("http://", 0) == 0 || u.rfind("https://", 0) == 0;
    if (!web || u.size() > 200 || u.find_first_of(" \"<>'\\") != std::string::npos) {
      throw BadInput(
          "--public-url must be an http:// or https:// address such as "
          "http://192.168.1.23:8080",
          "--public-url");
    }
  }
  return options;
}

std::vector<Command> serve_commands() {
  return {
      {{"serve",
        "lyssna serve [--port N] [--bind ADDR]",
        "serve the questionnaires and the JSON API over HTTP",
        "Residents answer at http://ADDR:PORT/s/<survey>; staff log in to the workspace\n"
        "at /workspace/login (accounts: 'lyssna user'). --port 0 picks a free port; the\n"
        "first line printed names it. No IP address, user agent or cookie is ever stored\n"
        "with an answer; the residents' pages set no cookie.",
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
          "bearer token for the analysis API (or LYSSNA_API_TOKEN); off without one"},
         {"--tls-cert", "FILE", "serve HTTPS with this PEM certificate chain (with --tls-key)"},
         {"--tls-key", "FILE", "the PEM private key of --tls-cert (without a passphrase)"},
         {"--session-idle", "SECONDS",
          "a workspace session ends after this long without a request (default: 1800)"},
         {"--session-max", "SECONDS",
          "and at the latest this long after its login (default: 43200, 12 hours)"},
         {"--lockout-after", "N",
          "failed logins in a row that lock an account (default: 10; 0: never)"},
         {"--lockout-duration", "SECONDS",
          "how long the lock lasts (default: 3600; 0: until 'lyssna user unlock')"},
         {"--login-delay", "SECONDS",
          "wait after the 4th failed login in a row, doubling up to 60 s (default: 1; 0: none)"},
         {"--public-url", "URL",
          "the address dialogue pages show phones (QR code), e.g. a hotspot's; default: this "
          "machine's network address"}},
        0,
        0},
       run_serve}};
}

}  // namespace lyssna::cli
