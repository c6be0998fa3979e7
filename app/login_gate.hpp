// What signing in to the workspace shares between requests: the policies
// (session timeouts, failed-login rules), the in-memory throttles of
// clients and of names that are no user's, the hash verified when a name
// is no user's, and the bound on password hashes running at once: each
// takes tens of MiB (util/password_hash.hpp), so a burst of logins waits
// for a turn instead of taking the server's memory. One per process, in
// the Services. Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <semaphore>
#include <string>
#include <string_view>

#include "app/login_throttle.hpp"
#include "app/session_policy.hpp"
#include "util/password_hash.hpp"

namespace lyssna::app {

struct LoginPolicy {
  // Per account (and per name that is no user's): a few free failures,
  // then a growing delay, and a lock after ten in a row for an hour (or
  // until an admin lifts it, `lyssna user unlock`).
  ThrottlePolicy account{};
  // Per client address (IPv6: its /64), in memory only: room for an
  // office's shared address before the delays begin; blocked for a quarter
  // of an hour after a hundred failures in a row.
  ThrottlePolicy client{10, 1, 60, 100, 900, 86400};
};

class LoginGate {
 public:
  LoginGate(SessionPolicy sessions, LoginPolicy logins, password::Cost cost);
  LoginGate(const LoginGate&) = delete;
  LoginGate& operator=(const LoginGate&) = delete;

  const SessionPolicy& sessions() const { return sessions_; }
  const LoginPolicy& logins() const { return logins_; }
  LoginThrottle& clients() { return clients_; }
  LoginThrottle& unknown_names() { return unknown_names_; }

  // Hashing and verifying in turn with the others (at most `slots` at
  // once). Throw Unavailable when no turn comes within ten seconds.
  std::string hash(std::string_view secret);
  bool verify(std::string_view stored, std::string_view secret);
  bool needs_rehash(std::string_view stored) const;
  // A hash of a random secret nobody knows, of the same cost as every
  // account's: a name that is no user's is verified against it, so that
  // the answer takes as long as for a user's wrong password. Made on
  // first use (a command that signs nobody in never pays for it).
  const std::string& decoy_hash();

 private:
  class Turn;
  SessionPolicy sessions_;
  LoginPolicy logins_;
  password::Cost cost_;
  LoginThrottle clients_, unknown_names_;
  std::counting_semaphore<64> slots_;
  std::once_flag decoy_once_;
  std::string decoy_;
};

}  // namespace lyssna::app
