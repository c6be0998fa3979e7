#include "app/guess_limiter.hpp"

#include "util/digest.hpp"
#include "util/random.hpp"

namespace lyssna::app {

GuessLimiter::GuessLimiter(Limits limits) : limits_(limits), salt_(16, '\0') {
  random::fill(salt_.data(), salt_.size());
}

std::string GuessLimiter::key_of(const std::string& address) const {
  // A per-process salt: the table cannot be turned back into addresses.
  return sha256_hex(salt_ + address).substr(0, 32);
}

std::optional<int64_t> GuessLimiter::blocked_for(const std::string& address, int64_t now) {
  std::lock_guard lock(mutex_);
  auto it = clients_.find(key_of(address));
  if (it == clients_.end()) return std::nullopt;
  const int64_t ends = it->second.start + limits_.window_seconds;
  if (now >= ends) {
    clients_.erase(it);
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
    it->second = Window{now, 0};
  }
  if (it == clients_.end()) {
    make_room(now);
    it = clients_.emplace(key, Window{now, 0}).first;
  }
  ++it->second.failures;
}

void GuessLimiter::make_room(int64_t now) {
  if (clients_.size() < limits_.max_clients) return;
  std::erase_if(clients_, [&](const auto& entry) {
    return now >= entry.second.start + limits_.window_seconds;
  });
  // Still full: a flood from many addresses. Forgetting them all is the
  // bounded choice; each address still gets only max_failures per window.
  if (clients_.size() >= limits_.max_clients) clients_.clear();
}

}  // namespace lyssna::app
