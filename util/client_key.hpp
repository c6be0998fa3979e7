// Who a client is, for the limits counted per client (connections at once,
// wrong invitation codes): an IPv4 address, or the /64 prefix of an IPv6
// address (what one subscriber of a mobile or home network gets, so that
// rotating through its addresses counts as one). One rule for both limits.
#pragma once

#include <sys/socket.h>

#include <string>
#include <string_view>

namespace lyssna {

// The key of a peer. IPv4-mapped IPv6 addresses count as their IPv4
// address; a Unix socket or an unknown family is one client for all. Raw
// bytes: for memory only, never to be shown, logged or stored.
std::string client_key(const sockaddr_storage& peer);
// The same for an address in text ("192.0.2.1", "2001:db8::1", as a peer
// or an X-Forwarded-For entry gives it). Text that is no address counts as
// itself, apart from every address's key.
std::string client_key(std::string_view address);

}  // namespace lyssna
