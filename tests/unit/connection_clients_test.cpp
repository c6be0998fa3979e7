// Connections counted per client: the cap, slots that give their place back,
// addresses forgotten with their last connection.
#include "http/connection_clients.hpp"

#include <catch2/catch.hpp>

#include "util/client_key.hpp"

using lyssna::client_key;
using lyssna::http::ClientConnections;
using lyssna::http::ClientSlot;

TEST_CASE("a client holds at most the cap, and a closed connection gives its place back",
          "[http]") {
  ClientConnections counts(2);
  const auto a = client_key("192.0.2.1");
  const auto b = client_key("192.0.2.2");
  ClientSlot s1, s2, s3, other;
  CHECK(counts.try_add(a, s1));
  CHECK(counts.try_add(a, s2));
  CHECK_FALSE(counts.try_add(a, s3));
  CHECK(counts.try_add(b, other));  // another address is not held back
  CHECK(counts.count(a) == 2);
  s1.release();
  CHECK(counts.count(a) == 1);
  CHECK(counts.try_add(a, s3));
  {
    ClientSlot moved = std::move(s3);  // the place moves with the slot, once
    CHECK(counts.count(a) == 2);
  }
  CHECK(counts.count(a) == 1);
  s2.release();
  s2.release();  // twice is once
  other.release();
  CHECK(counts.count(a) == 0);
  CHECK(counts.clients() == 0);  // no address kept once its connections are gone
}

TEST_CASE("a cap of 0 is no cap", "[http]") {
  ClientConnections counts(0);
  const auto a = client_key("192.0.2.1");
  std::vector<ClientSlot> slots(1000);
  for (auto& s : slots) CHECK(counts.try_add(a, s));
  CHECK(counts.count(a) == 1000);
}
