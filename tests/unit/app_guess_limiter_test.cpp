#include <catch2/catch.hpp>

#include "app/guess_limiter.hpp"

using lyssna::app::GuessLimiter;

TEST_CASE("wrong codes block a client for the rest of its window", "[codes][limits]") {
  GuessLimiter limiter({3, 900, 100});
  const int64_t t0 = 1'000'000;
  for (int i = 0; i < 3; ++i) {
    CHECK_FALSE(limiter.blocked_for("192.0.2.1", t0 + i));
    limiter.failed("192.0.2.1", t0 + i);
  }
  REQUIRE(limiter.blocked_for("192.0.2.1", t0 + 10));
  CHECK(*limiter.blocked_for("192.0.2.1", t0 + 10) == 890);
  CHECK_FALSE(limiter.blocked_for("192.0.2.2", t0 + 10));   // others are not affected
  CHECK_FALSE(limiter.blocked_for("192.0.2.1", t0 + 900));  // the window is over
  limiter.failed("192.0.2.1", t0 + 901);                    // and counting starts again
  CHECK_FALSE(limiter.blocked_for("192.0.2.1", t0 + 902));
}

TEST_CASE("the limiter's memory stays bounded under many addresses", "[codes][limits]") {
  GuessLimiter limiter({2, 900, 50});
  const int64_t t0 = 1'000'000;
  limiter.failed("198.51.100.1", t0);
  limiter.failed("198.51.100.1", t0);
  REQUIRE(limiter.blocked_for("198.51.100.1", t0));
  // Expired entries make room first.
  for (int i = 0; i < 49; ++i) limiter.failed("203.0.113." + std::to_string(i), t0 + 1000);
  CHECK_FALSE(limiter.blocked_for("198.51.100.1", t0 + 1000));
  // A flood beyond the bound is forgotten rather than grown without end.
  for (int i = 0; i < 200; ++i) limiter.failed("10.0.0." + std::to_string(i), t0 + 1001);
  int still_counted = 0;
  for (int i = 0; i < 200; ++i) {
    limiter.failed("10.0.0." + std::to_string(i), t0 + 1002);
    if (limiter.blocked_for("10.0.0." + std::to_string(i), t0 + 1002)) ++still_counted;
  }
  CHECK(still_counted <= 50);
}
