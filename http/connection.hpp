// One accepted connection as it passes between the connection waiter and
// the request threads: its socket, its stream, its client's count.
#pragma once

#include <unistd.h>

#include <chrono>
#include <string>

#include "http/connection_clients.hpp"
#include "http/connection_framing.hpp"
#include "http/connection_stream.hpp"

namespace lyssna::http {

// Owns the socket (closed with the connection). Used by one thread at a
// time: whoever holds the shared_ptr at the moment (the waiter or a request
// thread) hands it on, never shares it.
struct Connection {
  Connection(socket_t socket, int read_timeout_ms, size_t requests)
      : sock(socket), stream(socket, read_timeout_ms), requests_left(requests) {}
  // The place in the count goes first: a client that sees the close may
  // open its next connection at once.
  ~Connection() {
    slot.release();
    ::close(sock);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  const socket_t sock;
  ConnectionStream stream;
  std::string client;  // client_key of the peer (util/client_key.hpp)
  ClientSlot slot;     // its place in the client's count, while it counts
  size_t requests_left;
  RequestHead head;  // the next request's, once examined
  // Since when it has waited for its next request (for the keep-alive time).
  std::chrono::steady_clock::time_point idle_since = std::chrono::steady_clock::now();
};

}  // namespace lyssna::http
