// A laptop's HTTP(S) client of the central server's sync API
// (sync_routes.cpp): https:// URLs go over TLS with the server's
// certificate verified (against the system's CAs, or `ca_file` for a
// central server with a certificate of its own). Not thread-safe: one per sync.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace httplib {
class Client;
}

namespace lyssna::http {

class SyncClient {
 public:
  // `url`: http://host[:port] or https://host[:port]. Throws BadInput
  // naming "--to"/"--from" (`option`) for anything else.
  SyncClient(const std::string& url, std::string token, const std::string& ca_file,
             const std::string& option);
  ~SyncClient();
  SyncClient(const SyncClient&) = delete;
  SyncClient& operator=(const SyncClient&) = delete;

  // "https://central.example:8443": what sync_sent keys the server by.
  const std::string& target() const { return target_; }

  // GET /api/v1/sync/surveys. Throws Unauthorized (401), NotFound (404),
  // Unavailable when the server cannot be reached or answers otherwise.
  nlohmann::json offer(const std::vector<std::string>& surveys);
  // POST /api/v1/sync/lines with `body` (JSON Lines); the answer's JSON.
  // Throws as offer does; TooLarge for 413.
  nlohmann::json send_lines(const std::string& body);

 private:
  std::string target_;
  std::string token_;
  std::unique_ptr<httplib::Client> client_;
};

// The URL as sync_sent keys it: scheme, host and port, no trailing slash.
// Throws BadInput naming `option` for a URL that is not http(s)://host[:port][/].
std::string sync_target(const std::string& url, const std::string& option);

}  // namespace lyssna::http
