// The rules of failed logins: after a few free failures each next attempt
// must wait a growing delay (doubling up to a cap), and a run of failures
// locks the account until the lock's time is over or an admin lifts it.
// Pure functions over a FailureState, so that an account's state can live
// in SQLite (the command line lifts a lock on a running server) and a
// client's, or a name that is no user's, in memory (LoginThrottle), under
// the same rules: a name that is no user's meets exactly what an account
// meets, so the answers never tell which names are users.
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

struct ThrottlePolicy {
  int free_failures = 3;         // failures in a row before any delay
  int64_t first_delay = 1;       // seconds after the first failure past the free ones; doubles
  int64_t max_delay = 60;        // the delay's cap
  int lock_after = 10;           // failures in a row that lock; 0: never
  int64_t lock_seconds = 3600;   // how long a lock lasts; 0: until lifted
  int64_t forget_after = 86400;  // a failure this old no longer counts toward the run
};

struct FailureState {
  int64_t failures = 0;  // in a row
  std::optional<int64_t> last_failure, locked_at;
};

struct ThrottleVerdict {
  enum class Kind { allowed, wait, locked };
  Kind kind = Kind::allowed;
  int64_t retry_after = 0;  // seconds, for wait (and a lock that ends by itself)
};

// The delay a state of `failures` failures in a row imposes on the next attempt.
int64_t delay_after(int64_t failures, const ThrottlePolicy& policy);
// What an attempt at `now` meets.
ThrottleVerdict judge(const FailureState& state, const ThrottlePolicy& policy, int64_t now);
// The state after one more failure at `now` (a lock that has run out, or
// failures older than forget_after, start a new run). `locked_now` says
// whether this failure locked it.
FailureState after_failure(FailureState state, const ThrottlePolicy& policy, int64_t now,
                           bool* locked_now = nullptr);

// Failure states in memory, by a salted hash of their key (a client's
// address through util/client_key, or a name): nothing here can be turned
// back into an address or a name, and nothing is written anywhere.
// Bounded: at `max_entries` the state touched longest ago is forgotten.
// Thread-safe.
class LoginThrottle {
 public:
  LoginThrottle(ThrottlePolicy policy, size_t max_entries = 100000);
  const ThrottlePolicy& policy() const { return policy_; }
  ThrottleVerdict judge(const std::string& key, int64_t now);
  // Counts a failure; the verdict for the next attempt.
  ThrottleVerdict failed(const std::string& key, int64_t now, bool* locked_now = nullptr);
  void clear(const std::string& key);

 private:
  struct Entry {
    FailureState state;
    int64_t touched = 0;
  };
  std::string hashed(const std::string& key) const;
  void make_room();

  ThrottlePolicy policy_;
  size_t max_entries_;
  std::string salt_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::set<std::pair<int64_t, std::string>> by_touch_;  // oldest first
};

}  // namespace lyssna::app
