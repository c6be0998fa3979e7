// Unit tests of the failed-login rules (app/login_throttle): the growing
// delay, the lock and its end, forgetting old failures, the in-memory table.
#include <catch2/catch.hpp>

#include "app/login_throttle.hpp"

using namespace lyssna::app;

namespace {

ThrottlePolicy policy() {
  ThrottlePolicy p;
  p.free_failures = 3;
  p.first_delay = 1;
  p.max_delay = 60;
  p.lock_after = 10;
  p.lock_seconds = 3600;
  p.forget_after = 86400;
  return p;
}

}  // namespace

TEST_CASE("the delay grows by doubling after the free failures, up to its cap", "[login]") {
  const auto p = policy();
  const int64_t expected[] = {0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60};
  for (int64_t failures = 0; failures <= 12; ++failures) {
    INFO(failures);
    CHECK(delay_after(failures, p) == expected[failures]);
  }
  ThrottlePolicy none = p;
  none.first_delay = 0;
  CHECK(delay_after(9, none) == 0);
}

TEST_CASE("an attempt waits out the delay of the failures before it", "[login]") {
  const auto p = policy();
  const int64_t t0 = 1'000'000;
  FailureState s;
  for (int i = 0; i < 3; ++i) {
    CHECK(judge(s, p, t0).kind == ThrottleVerdict::Kind::allowed);
    s = after_failure(s, p, t0);
  }
  CHECK(judge(s, p, t0).kind == ThrottleVerdict::Kind::allowed);  // three are free
  s = after_failure(s, p, t0);                                    // the fourth: 1 s
  auto v = judge(s, p, t0);
  CHECK(v.kind == ThrottleVerdict::Kind::wait);
  CHECK(v.retry_after == 1);
  CHECK(judge(s, p, t0 + 1).kind == ThrottleVerdict::Kind::allowed);
  s = after_failure(s, p, t0 + 1);  // the fifth: 2 s
  v = judge(s, p, t0 + 2);
  CHECK(v.kind == ThrottleVerdict::Kind::wait);
  CHECK(v.retry_after == 1);
  CHECK(judge(s, p, t0 + 3).kind == ThrottleVerdict::Kind::allowed);
}

TEST_CASE("ten failures in a row lock until the lock's time is over", "[login]") {
  const auto p = policy();
  int64_t t = 1'000'000;
  FailureState s;
  bool locked_now = false;
  for (int i = 1; i <= 10; ++i) {
    s = after_failure(s, p, t, &locked_now);
    CHECK(locked_now == (i == 10));
    t += 100;  // past every delay
  }
  REQUIRE(s.locked_at);
  auto v = judge(s, p, *s.locked_at + 10);
  CHECK(v.kind == ThrottleVerdict::Kind::locked);
  CHECK(v.retry_after == 3590);
  CHECK(judge(s, p, *s.locked_at + 3600).kind == ThrottleVerdict::Kind::allowed);
  // After the lock, a failure starts a new run: the first of it is free.
  s = after_failure(s, p, *s.locked_at + 3600, &locked_now);
  CHECK_FALSE(locked_now);
  CHECK(s.failures == 1);
  CHECK_FALSE(s.locked_at);
}

TEST_CASE("a lock without an end lasts until lifted", "[login]") {
  auto p = policy();
  p.lock_seconds = 0;
  p.lock_after = 2;
  FailureState s = after_failure(after_failure({}, p, 10), p, 11);
  REQUIRE(s.locked_at);
  CHECK(judge(s, p, 11 + 365 * 86400).kind == ThrottleVerdict::Kind::locked);
  CHECK(judge(FailureState{}, p, 12).kind ==
        ThrottleVerdict::Kind::allowed);  // lifted: a fresh state
}

TEST_CASE("failures older than a day no longer count toward the run", "[login]") {
  const auto p = policy();
  FailureState s;
  for (int i = 0; i < 9; ++i) s = after_failure(s, p, 1000 + i * 100);
  CHECK(s.failures == 9);
  s = after_failure(s, p, 1800 + 86400);
  CHECK(s.failures == 1);
  CHECK_FALSE(s.locked_at);
}

TEST_CASE("the in-memory throttle counts per key and stays bounded", "[login]") {
  auto p = policy();
  p.lock_after = 3;
  LoginThrottle t(p, 10);
  for (int i = 0; i < 3; ++i) t.failed("a", 100);
  CHECK(t.judge("a", 101).kind == ThrottleVerdict::Kind::locked);
  CHECK(t.judge("b", 101).kind == ThrottleVerdict::Kind::allowed);
  t.clear("a");
  CHECK(t.judge("a", 101).kind == ThrottleVerdict::Kind::allowed);
  for (int i = 0; i < 3; ++i) t.failed("a", 200);
  for (int k = 0; k < 50; ++k) t.failed("key" + std::to_string(k), 300 + k);
  // "a" was touched longest ago: forgotten to make room, as the bound asks.
  CHECK(t.judge("a", 400).kind == ThrottleVerdict::Kind::allowed);
  CHECK(t.failed("key49", 400).kind == ThrottleVerdict::Kind::allowed);
}
