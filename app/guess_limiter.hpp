// Counts wrong invitation codes per client, so that nobody can try codes by
// the thousand. A client is an IPv4 address or an IPv6 /64 (util/client_key,
// the same rule as the cap on connections), known only by a salted hash of
// it, kept in memory for the length of the window and never written
// anywhere: the address never meets an answer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

namespace lyssna::app {

// Thread-safe.
class GuessLimiter {
 public:
  struct Limits {
    int max_failures = 10;         // wrong codes allowed per window; the next must wait
    int64_t window_seconds = 900;  // counted from a client's first wrong code
    size_t max_clients = 100000;   // bound on memory under a flood of addresses
  };
  explicit GuessLimiter(Limits limits);

  // Seconds until `address` may try again (it has used its wrong codes of
  // the window), or nullopt when it may now.
  std::optional<int64_t> blocked_for(const std::string& address, int64_t now);
  // Counts one wrong code from `address`. With `max_clients` counted, the
  // client whose window began longest ago is forgotten to make room.
  void failed(const std::string& address, int64_t now);

 private:
  struct Window {
    int64_t start = 0;
    int failures = 0;
  };
  std::string key_of(const std::string& address) const;
  void forget(std::unordered_map<std::string, Window>::iterator it);
  void make_room(int64_t now);

  Limits limits_;
  std::string salt_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> clients_;
  // The same clients by the start of their window, oldest first: the
  // expired ones are a prefix, and the oldest goes first when full.
  std::set<std::pair<int64_t, std::string>> by_start_;
};

}  // namespace lyssna::app
