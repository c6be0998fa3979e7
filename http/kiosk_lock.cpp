// Kiosk mode's lock cookie and per-person tokens (see kiosk_lock.hpp).
#include "http/kiosk_lock.hpp"

#include <algorithm>

#include "http/cookies.hpp"
#include "util/random.hpp"

namespace lyssna::http {
namespace {

constexpr const char* cookie_name = "lyssna_kiosk";

bool is_session_id(const std::string& s) {
  return !s.empty() && s.size() <= 160 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

}  // namespace

std::optional<std::string> kiosk_lock(const httplib::Request& req) {
  auto value = cookie_value(req, cookie_name);
  if (!value || !is_session_id(*value)) return std::nullopt;
  return value;
}

std::string kiosk_lock_cookie(bool secure, const std::string& session) {
  // A week: a kiosk's browser restarted overnight is still a kiosk.
  return std::string(cookie_name) + "=" + session + "; Path=/; Max-Age=604800; HttpOnly; " +
         "SameSite=Strict" + (secure ? "; Secure" : "");
}

std::string clearing_kiosk_cookie(bool secure) {
  return std::string(cookie_name) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "");
}

std::string KioskPeople::begin(const std::string& session, int64_t now) {
  std::lock_guard lock(mutex_);
  expire(now);
  if (people_.size() >= max_people) {
    // The one who began longest ago is surely gone.
    auto oldest = std::min_element(
        people_.begin(), people_.end(),
        [](const auto& a, const auto& b) { return a.second.began < b.second.began; });
    people_.erase(oldest);
  }
  std::string token = random::uuid_v4();
  people_[token] = {session, now};
  return token;
}

bool KioskPeople::live(const std::string& session, const std::string& token, int64_t now) {
  std::lock_guard lock(mutex_);
  auto it = people_.find(token);
  return it != people_.end() && it->second.session == session &&
         now - it->second.began < lifetime_seconds;
}

void KioskPeople::forget(const std::string& token) {
  std::lock_guard lock(mutex_);
  people_.erase(token);
}

void KioskPeople::expire(int64_t now) {
  for (auto it = people_.begin(); it != people_.end();) {
    it = now - it->second.began >= lifetime_seconds ? people_.erase(it) : std::next(it);
  }
}

}  // namespace lyssna::http
