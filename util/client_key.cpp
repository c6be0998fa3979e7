// Client keys (see client_key.hpp).
#include "util/client_key.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

namespace lyssna {
namespace {

// Tagged, so that the kinds never meet: four bytes of IPv4, eight of an
// IPv6 prefix, or text.
std::string ipv4_key(const in_addr& a) {
  return "4" + std::string(reinterpret_cast<const char*>(&a), 4);
}

std::string ipv6_key(const in6_addr& a) {
  const auto* bytes = reinterpret_cast<const char*>(&a);
  if (IN6_IS_ADDR_V4MAPPED(&a)) return "4" + std::string(bytes + 12, 4);
  return "6" + std::string(bytes, 8);
}

}  // namespace

std::string client_key(const sockaddr_storage& peer) {
  if (peer.ss_family == AF_INET)
    return ipv4_key(reinterpret_cast<const sockaddr_in&>(peer).sin_addr);
  if (peer.ss_family == AF_INET6)
    return ipv6_key(reinterpret_cast<const sockaddr_in6&>(peer).sin6_addr);
  return {};
}

std::string client_key(std::string_view address) {
  const std::string text(address);
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) return ipv4_key(v4);
  in6_addr v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) return ipv6_key(v6);
  return "t" + text;
}

}  // namespace lyssna
