// Who counts as one client for the limits per client: an IPv4 address, an
// IPv6 /64, the same from a socket address and from text.
#include "util/client_key.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <catch2/catch.hpp>

using lyssna::client_key;

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

TEST_CASE("an IPv6 client is its /64, and IPv4-mapped addresses count as IPv4", "[http][codes]") {
  const auto one = client_key(v6("2001:db8:1:2::1"));
  CHECK(one == client_key(v6("2001:db8:1:2:ffff:eeee:dddd:cccc")));
  CHECK(one != client_key(v6("2001:db8:1:3::1")));
  CHECK(client_key(v6("::ffff:192.0.2.7")) == client_key(v4("192.0.2.7")));
  CHECK(client_key(v4("192.0.2.7")) != client_key(v4("192.0.2.8")));
}

TEST_CASE("an address in text has the key of the same socket address", "[http][codes]") {
  for (const char* a : {"192.0.2.7", "2001:db8:1:2::1", "::ffff:192.0.2.7", "::1"}) {
    INFO(a);
    const bool is_v4 = std::string(a).find(':') == std::string::npos;
    CHECK(client_key(std::string_view(a)) == client_key(is_v4 ? v4(a) : v6(a)));
  }
  CHECK(client_key(std::string_view("2001:db8:1:2::1")) ==
        client_key(std::string_view("2001:db8:1:2:aaaa::9")));
  CHECK(client_key(std::string_view("::ffff:192.0.2.7")) ==
        client_key(std::string_view("192.0.2.7")));
  // Text that is no address is a client of its own, apart from every address.
  CHECK(client_key(std::string_view("unknown")) == client_key(std::string_view("unknown")));
  CHECK(client_key(std::string_view("unknown")) != client_key(std::string_view("192.0.2.7")));
  CHECK(client_key(std::string_view("")) != client_key(sockaddr_storage{}));
}
