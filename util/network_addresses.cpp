// This machine's reachable addresses (see network_addresses.hpp).
#include "util/network_addresses.hpp"

#include <memory>

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>

namespace lyssna::net {
namespace {

struct IfaddrsFree {
  void operator()(ifaddrs* list) const { freeifaddrs(list); }
};

}  // namespace

std::vector<std::string> reachable_addresses() {
  ifaddrs* raw = nullptr;
  if (getifaddrs(&raw) != 0) return {};
  const std::unique_ptr<ifaddrs, IfaddrsFree> list(raw);
  std::vector<std::string> v4, v6;
  for (const ifaddrs* i = list.get(); i; i = i->ifa_next) {
    if (!i->ifa_addr || !(i->ifa_flags & IFF_UP) || (i->ifa_flags & IFF_LOOPBACK)) continue;
    char text[INET6_ADDRSTRLEN] = {};
    if (i->ifa_addr->sa_family == AF_INET) {
      const auto* a = reinterpret_cast<const sockaddr_in*>(i->ifa_addr);
      if ((ntohl(a->sin_addr.s_addr) >> 24) == 127) continue;
      if (inet_ntop(AF_INET, &a->sin_addr, text, sizeof text)) v4.emplace_back(text);
    } else if (i->ifa_addr->sa_family == AF_INET6) {
      const auto* a = reinterpret_cast<const sockaddr_in6*>(i->ifa_addr);
      // Link-local addresses need a zone a phone's browser cannot take.
      if (IN6_IS_ADDR_LINKLOCAL(&a->sin6_addr) || IN6_IS_ADDR_LOOPBACK(&a->sin6_addr)) continue;
      if (inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof text)) v6.emplace_back(text);
    }
  }
  v4.insert(v4.end(), v6.begin(), v6.end());
  return v4;
}

bool is_loopback_host(const std::string& host) {
  std::string h = host;
  if (h.size() > 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  if (h == "localhost" || h == "::1") return true;
  in_addr a{};
  return inet_pton(AF_INET, h.c_str(), &a) == 1 && (ntohl(a.s_addr) >> 24) == 127;
}

std::string join_base(const std::string& public_url, const std::string& scheme,
                      const std::string& host_header, const std::vector<std::string>& addresses,
                      int port) {
  if (!public_url.empty()) {
    std::string u = public_url;
    while (!u.empty() && u.back() == '/') u.pop_back();
    return u;
  }
  // The Host header's host: "[::1]:8080" -> "[::1]", "10.0.0.2:8080" -> "10.0.0.2".
  std::string host = host_header;
  if (!host.empty() && host.front() == '[') {
    host = host.substr(0, host.find(']') + 1);
  } else if (auto colon = host.rfind(':'); colon != std::string::npos) {
    host = host.substr(0, colon);
  }
  if (!host.empty() && !is_loopback_host(host)) return scheme + "://" + host_header;
  if (!addresses.empty()) {
    const std::string& a = addresses.front();
    const std::string shown = a.find(':') != std::string::npos ? "[" + a + "]" : a;
    return scheme + "://" + shown + ":" + std::to_string(port);
  }
  return scheme + "://" + host_header;
}

}  // namespace lyssna::net
