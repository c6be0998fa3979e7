// The HTTP server of `lyssna serve`: the resident's form, the JSON API,
// static assets, health and the staff's workspace, over HTTP or HTTPS.
// Owns the writer thread and the read connections.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace lyssna::http {

struct ServerOptions {
  std::string db_path = "lyssna.db";
  std::string bind = "127.0.0.1";
  int port = 8080;   // 0: any free port
  int threads = 64;  // request threads; each waits on its own commit
  size_t max_form_body = 512 * 1024;
  size_t max_api_body = 256 * 1024;
  bool access_log = false;  // method, path (no query) and status to stderr: no address, no time
  // Bearer token for the analysis endpoints (free text is personal data);
  // without one they are off.
  std::string api_token;
  // Behind a reverse proxy every request comes from the proxy's address: take
  // the client's from the last X-Forwarded-For entry (the proxy's own) instead.
  bool behind_proxy = false;
  // Open connections one client address may hold (IPv6: one /64); 0 for no
  // cap. Room for a school's or an operator's shared address, whose idle
  // connections make way; less than `threads` (`lyssna serve` refuses
  // more, and lowers its default to fit), so one address never holds every
  // request thread. `lyssna serve --behind-proxy` sets no cap unless asked:
  // every connection is then the proxy's.
  int max_connections_per_client = 32;
  // Seconds a request head may take from its first byte (then 408); a body
  // gets as long again plus its size at 2 KiB a second.
  int request_timeout = 10;
  // HTTPS: PEM files of the certificate chain and its private key (both or
  // neither). Under TLS the workspace's cookie is Secure and every
  // response says Strict-Transport-Security.
  std::string tls_cert, tls_key;
  // The workspace's sessions end after this long idle, or this long after
  // the login.
  int64_t session_idle = 30 * 60;
  int64_t session_absolute = 12 * 3600;
  // Failed logins: an account locks after this many in a row (0: never),
  // for `lockout_seconds` (0: until an admin lifts it); the delays between
  // attempts begin at `login_delay` seconds and double (0: none).
  int lockout_after = 10;
  int64_t lockout_seconds = 3600;
  int64_t login_delay = 1;
  // Facilitator mode: the address the dialogue pages show for phones to
  // join (`serve --public-url`, for a hotspot's name or a reverse proxy),
  // else the addresses of this machine they can reach (`serve` finds them;
  // net::join_base chooses).
  std::string public_url;
  std::vector<std::string> lan_addresses;
};

class Server {
 public:
  // Opens the database (applying migrations) and prepares the routes.
  explicit Server(ServerOptions options);
  ~Server();
  // Binds the socket; returns the port (useful with port 0). Throws Error.
  int bind();
  // Serves until stop() is called (from a signal handler thread or another
  // thread); returns at once when stop() came first.
  void run();
  // Ends run(), also when called while run() is still starting, and makes a
  // later run() return at once. Returns at once when run() never began.
  void stop();
  // Whether some admin can log in to the workspace.
  bool has_enabled_admin();

  struct State;

 private:
  std::unique_ptr<State> state_;
};

}  // namespace lyssna::http
