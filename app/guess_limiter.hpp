// Counts wrong invitation codes per client, so that nobody can try codes by
// the thousand. A client is known only by a salted hash of its address, kept
// in memory for the length of the window and never written anywhere: the
// address never meets an answer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace lyssna::app {

class GuessLimiter {
 public:
  struct Limits {
    int max_failures = 10;         // wrong codes allowed per window
    int64_t window_seconds = 900;  // counted from a client's first wrong code
    size_t max_clients = 100000;   // bound on memory under a flood of addresses
  };
  explicit GuessLimiter(Limits limits);

  // Seconds until `address` may try again, or nullopt when it may now.
  std::optional<int64_t> blocked_for(const std::string& address, int64_t now);
  // Counts one wrong code from `address`.
  void failed(const std::string& address, int64_t now);

 private:
  struct Window {
    int64_t start = 0;
    int failures = 0;
  };
  std::string key_of(const std::string& address) const;
  void make_room(int64_t now);

  Limits limits_;
  std::string salt_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> clients_;
};

}  // namespace lyssna::app
