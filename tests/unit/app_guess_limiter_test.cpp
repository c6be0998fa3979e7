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

TEST_CASE("an IPv6 client is counted by its /64, as the cap on connections counts it",
          "[codes][limits]") {
  GuessLimiter limiter({3, 900, 100});
  const int64_t t0 = 1'000'000;
  // Rotating through the addresses of one /64 is one client.
  for (int i = 1; i <= 3; ++i) limiter.failed("2001:db8:1:2::" + std::to_string(i), t0);
  CHECK(limiter.blocked_for("2001:db8:1:2:ffff::9", t0 + 1));
  CHECK_FALSE(limiter.blocked_for("2001:db8:1:3::1", t0 + 1));  // the next /64 is another
  // An IPv4 client written as an IPv4-mapped address is the same client.
  for (int i = 0; i < 3; ++i) limiter.failed("192.0.2.5", t0);
  CHECK(limiter.blocked_for("::ffff:192.0.2.5", t0 + 1));
}

TEST_CASE("at its bound the limiter forgets the oldest client, not everyone", "[codes][limits]") {
  GuessLimiter limiter({2, 900, 3});
  const int64_t t0 = 1'000'000;
  limiter.failed("192.0.2.1", t0);
  limiter.failed("192.0.2.1", t0);
  limiter.failed("192.0.2.2", t0 + 1);
  limiter.failed("192.0.2.3", t0 + 2);
  REQUIRE(limiter.blocked_for("192.0.2.1", t0 + 3));
  limiter.failed("192.0.2.4", t0 + 3);  // a fourth: the oldest (192.0.2.1) makes room
  CHECK_FALSE(limiter.blocked_for("192.0.2.1", t0 + 3));
  // The others kept their counts: one more wrong code blocks each.
  for (const char* a : {"192.0.2.2", "192.0.2.3"}) {
    INFO(a);
    limiter.failed(a, t0 + 4);
    CHECK(limiter.blocked_for(a, t0 + 4));
  }
}
