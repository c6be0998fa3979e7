// The addresses of this machine that other devices on its networks can
// reach (a facilitator's laptop on a hotspot: the phones in the room), and
// the choice of the one a dialogue's join address shows.
#pragma once

#include <string>
#include <vector>

namespace lyssna::net {

// The machine's interface addresses, loopback and link-local left out:
// IPv4 first (a phone types them more easily), then IPv6, each group in the
// system's order. Empty when there are none or getifaddrs fails.
std::vector<std::string> reachable_addresses();

// Whether `host` (an address or name as in a Host header, without port;
// IPv6 with or without brackets) is this machine's loopback.
bool is_loopback_host(const std::string& host);

// "http://192.168.1.23:8080" for the join address and its QR code, no
// slash at the end: `public_url` when set (a hotspot's name, a reverse
// proxy); else the address the facilitator's browser reached the server by
// (`host_header`, "host:port") unless that is loopback; else the first of
// `addresses` with `port`; else `host_header` as it is.
std::string join_base(const std::string& public_url, const std::string& scheme,
                      const std::string& host_header, const std::vector<std::string>& addresses,
                      int port);

}  // namespace lyssna::net
