// When a workspace session ends: after `idle_seconds` without a request, or
// `absolute_seconds` after signing in, whichever comes first. Pure rules,
// tested with a clock of their own; app/sessions.hpp applies them.
#pragma once

#include <cstdint>

namespace lyssna::app {

struct SessionPolicy {
  int64_t idle_seconds = 30 * 60;
  int64_t absolute_seconds = 12 * 3600;
};

enum class SessionState { live, idle_expired, absolute_expired };

SessionState session_state(int64_t created_at, int64_t seen_at, const SessionPolicy& policy,
                           int64_t now);
// When a live session ends if nothing more is asked of it.
int64_t session_ends_at(int64_t created_at, int64_t seen_at, const SessionPolicy& policy);
// How often a session's last request is written down: a request more than
// this after the last one written moves `seen_at`. Writing every request
// would cost a durable commit per page; the idle timeout is then counted
// from at most this long before the last request (a tenth of it, from one
// second to one minute).
int64_t touch_interval(const SessionPolicy& policy);

}  // namespace lyssna::app
