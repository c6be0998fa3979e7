// Connections counted per client: the cap, slots that give their place back,
// addresses forgotten with their last connection, IPv6 counted per /64.
#include "http/connection_clients.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <catch2/catch.hpp>

using lyssna::http::ClientConnections;
using lyssna::http::ClientSlot;

namespace {

sockaddr_storage v4(const char* text) {
  sockaddr_storage s{};
  auto& a = reinterpret_cast<sockaddr_in&>(s);
  a.sin_family = AF_INET;
  REQUIRE(inet_pton(AF_INET, text, &a.sin_addr) == 1);
  return s;
}

sockaddr_storage v6(const char* text) {
  sockaddr_storage s{};
  auto& a = reinterpret_cast<sockaddr_in6&>(s);
  a.sin6_family = AF_INET6;
  REQUIRE(inet_pton(AF_INET6, text, &a.sin6_addr) == 1);
  return s;
}

}  // namespace

TEST_CASE("a client holds at most the cap, and a closed connection gives its place back",
          "[http]") {
  ClientConnections counts(2);
  const auto a = ClientConnections::client_of(v4("192.0.2.1"));
  const auto b = ClientConnections::client_of(v4("192.0.2.2"));
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
  const auto a = ClientConnections::client_of(v4("192.0.2.1"));
  std::vector<ClientSlot> slots(1000);
  for (auto& s : slots) CHECK(counts.try_add(a, s));
  CHECK(counts.count(a) == 1000);
}

TEST_CASE("an IPv6 client is its /64, and IPv4-mapped addresses count as IPv4", "[http]") {
  const auto one = ClientConnections::client_of(v6("2001:db8:1:2::1"));
  const auto same_prefix = ClientConnections::client_of(v6("2001:db8:1:2:ffff:eeee:dddd:cccc"));
  const auto next_prefix = ClientConnections::client_of(v6("2001:db8:1:3::1"));
  CHECK(one == same_prefix);
  CHECK(one != next_prefix);
  CHECK(ClientConnections::client_of(v6("::ffff:192.0.2.7")) ==
        ClientConnections::client_of(v4("192.0.2.7")));
  CHECK(ClientConnections::client_of(v4("192.0.2.7")) !=
        ClientConnections::client_of(v4("192.0.2.8")));
}
