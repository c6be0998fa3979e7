// Failed-login rules and the in-memory throttle (see login_throttle.hpp).
#include "app/login_throttle.hpp"

#include <algorithm>

#include "util/digest.hpp"
#include "util/random.hpp"

namespace lyssna::app {
namespace {

bool lock_over(const FailureState& state, const ThrottlePolicy& policy, int64_t now) {
  return state.locked_at && policy.lock_seconds > 0 &&
         now >= *state.locked_at + policy.lock_seconds;
}

}  // namespace

int64_t delay_after(int64_t failures, const ThrottlePolicy& policy) {
  if (failures <= policy.free_failures || policy.first_delay <= 0) return 0;
  int64_t delay = policy.first_delay;
  for (int64_t i = policy.free_failures + 1; i < failures && delay < policy.max_delay; ++i)
    delay *= 2;
  return std::min(delay, std::max(policy.max_delay, policy.first_delay));
}

ThrottleVerdict judge(const FailureState& state, const ThrottlePolicy& policy, int64_t now) {
  if (state.locked_at) {
    if (lock_over(state, policy, now)) return {};
    if (policy.lock_seconds == 0) return {ThrottleVerdict::Kind::locked, 0};
    return {ThrottleVerdict::Kind::locked, *state.locked_at + policy.lock_seconds - now};
  }
  if (!state.last_failure || now - *state.last_failure >= policy.forget_after) return {};
  const int64_t until = *state.last_failure + delay_after(state.failures, policy);
  if (now < until) return {ThrottleVerdict::Kind::wait, until - now};
  return {};
}

FailureState after_failure(FailureState state, const ThrottlePolicy& policy, int64_t now,
                           bool* locked_now) {
  if (locked_now) *locked_now = false;
  if (lock_over(state, policy, now) || (!state.locked_at && state.last_failure &&
                                        now - *state.last_failure >= policy.forget_after)) {
    state = {};
  }
  ++state.failures;
  state.last_failure = now;
  if (!state.locked_at && policy.lock_after > 0 && state.failures >= policy.lock_after) {
    state.locked_at = now;
    if (locked_now) *locked_now = true;
  }
  return state;
}

LoginThrottle::LoginThrottle(ThrottlePolicy policy, size_t max_entries)
    : policy_(policy), max_entries_(max_entries), salt_(16, '\0') {
  random::fill(salt_.data(), salt_.size());
}

std::string LoginThrottle::hashed(const std::string& key) const {
  return sha256_hex(salt_ + key).substr(0, 32);
}

ThrottleVerdict LoginThrottle::judge(const std::string& key, int64_t now) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(hashed(key));
  if (it == entries_.end()) return {};
  return app::judge(it->second.state, policy_, now);
}

ThrottleVerdict LoginThrottle::failed(const std::string& key, int64_t now, bool* locked_now) {
  std::lock_guard lock(mutex_);
  const std::string h = hashed(key);
  auto it = entries_.find(h);
  if (it == entries_.end()) {
    make_room();
    it = entries_.emplace(h, Entry{}).first;
  } else {
    by_touch_.erase({it->second.touched, h});
  }
  it->second.state = after_failure(it->second.state, policy_, now, locked_now);
  it->second.touched = now;
  by_touch_.emplace(now, h);
  return app::judge(it->second.state, policy_, now);
}

void LoginThrottle::clear(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(hashed(key));
  if (it == entries_.end()) return;
  by_touch_.erase({it->second.touched, it->first});
  entries_.erase(it);
}

void LoginThrottle::make_room() {
  while (!by_touch_.empty() && entries_.size() >= max_entries_) {
    entries_.erase(by_touch_.begin()->second);
    by_touch_.erase(by_touch_.begin());
  }
}

}  // namespace lyssna::app
