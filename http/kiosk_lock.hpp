// Kiosk mode's two pieces of browser state, neither tied to an answer or a
// person: the kiosk-lock cookie, which says only that this browser is a
// kiosk of one dialogue session (the workspace then sends it back to the
// kiosk until the facilitator's PIN is given), and the per-person tokens
// that the kiosk's pages carry, which the server forgets when that person
// submits or is reset, so that an old page's POST cannot reach their answers.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include <httplib.h>

namespace lyssna::http {

// The session id the kiosk-lock cookie names, if the request has one.
std::optional<std::string> kiosk_lock(const httplib::Request& req);
// Set-Cookie values: the lock for `session` (a week, HttpOnly,
// SameSite=Strict, Path=/, Secure under TLS), and one that clears it.
std::string kiosk_lock_cookie(bool secure, const std::string& session);
std::string clearing_kiosk_cookie(bool secure);

// The people answering at kiosks right now, each known only by a random
// token, in memory. Thread-safe.
class KioskPeople {
 public:
  static constexpr int64_t lifetime_seconds = 4 * 3600;
  static constexpr size_t max_people = 10000;
  // A new person at the kiosk of `session`: their token.
  std::string begin(const std::string& session, int64_t now);
  // Whether `token` is a person's at the kiosk of `session` who has not
  // submitted or been reset.
  bool live(const std::string& session, const std::string& token, int64_t now);
  // The person submitted, or the kiosk reset: their pages take no more POSTs.
  void forget(const std::string& token);

 private:
  struct Person {
    std::string session;
    int64_t began = 0;
  };
  void expire(int64_t now);
  std::mutex mutex_;
  std::map<std::string, Person> people_;
};

}  // namespace lyssna::http
