// Session timeouts (see session_policy.hpp).
#include "app/session_policy.hpp"

#include <algorithm>

namespace lyssna::app {

SessionState session_state(int64_t created_at, int64_t seen_at, const SessionPolicy& policy,
                           int64_t now) {
  if (now >= created_at + policy.absolute_seconds) return SessionState::absolute_expired;
  if (now >= seen_at + policy.idle_seconds) return SessionState::idle_expired;
  return SessionState::live;
}

int64_t session_ends_at(int64_t created_at, int64_t seen_at, const SessionPolicy& policy) {
  return std::min(created_at + policy.absolute_seconds, seen_at + policy.idle_seconds);
}

int64_t touch_interval(const SessionPolicy& policy) {
  return std::clamp<int64_t>(policy.idle_seconds / 10, 1, 60);
}

}  // namespace lyssna::app
