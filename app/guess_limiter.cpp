// Wrong invitation codes per client (see guess_limiter.hpp).
#include "app/guess_limiter.hpp"

#include "util/client_key.hpp"
#include "util/digest.hpp"
#include "util/random.hpp"

namespace lyssna::app {

GuessLimiter::GuessLimiter(Limits limits) : limits_(limits), salt_(16, '\0') {
  random::fill(salt_.data(), salt_.size());
}

std::string GuessLimiter::key_of(const std::string& address) const {
  // A per-process salt: the table cannot be turned back into addresses.
  return sha256_hex(salt_ + client_key(address)).substr(0, 32);
}

void GuessLimiter::forget(std::unordered_map<std::string, Window>::iterator it) {
  by_start_.erase({it->second.start, it->first});
  clients_.erase(it);
}

std::optional<int64_t> GuessLimiter::blocked_for(const std::string& address, int64_t now) {
  std::lock_guard lock(mutex_);
  auto it = clients_.find(key_of(address));
  if (it == clients_.end()) return std::nullopt;
  const int64_t ends = it->second.start + limits_.window_seconds;
  if (now >= ends) {
    forget(it);
    return std::nullopt;
  }
  if (it->second.failures < limits_.max_failures) return std::nullopt;
  return ends - now;
}

void GuessLimiter::failed(const std::string& address, int64_t now) {
  std::lock_guard lock(mutex_);
  const std::string key = key_of(address);
  auto it = clients_.find(key);
  if (it != clients_.end() && now >= it->second.start + limits_.window_seconds) {
    forget(it);  // its window is over: a new one begins
    it = clients_.end();
  }
  if (it == clients_.end()) {
    make_room(now);
    it = clients_.emplace(key, Window{now, 0}).first;
    by_start_.emplace(now, key);
  }
  ++it->second.failures;
}

void GuessLimiter::make_room(int64_t now) {
  // Windows that are over first, then (a flood from many addresses) the
  // oldest: the others keep their counts, so a flood resets no one else.
  while (!by_start_.empty() && (now >= by_start_.begin()->first + limits_.window_seconds ||
                                clients_.size() >= limits_.max_clients)) {
    forget(clients_.find(by_start_.begin()->second));
  }
}

}  // namespace lyssna::app
