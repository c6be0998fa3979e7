// The buffered connection stream and the server's connection loop.
#include "http/connection_stream.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>

#include "http/connection_threads.hpp"

namespace lyssna::http {
namespace {

constexpr size_t input_buffer_size = 16 * 1024;
// Past this much kept output the stream sends, so a large body streams out
// instead of growing in memory.
constexpr size_t output_flush_size = 64 * 1024;
// How often a thread waiting on an idle connection looks whether the server
// is stopping or other connections wait for a thread.
constexpr int idle_check_ms = 50;
// Lingering close: how long to wait for more of what a client still sends,
// and for how long in all.
constexpr int linger_wait_ms = 500;
constexpr auto linger_at_most = std::chrono::seconds(2);

// Closes a connection whose client may still be sending (a body refused
// unread, a request cut off by the keep-alive limit). Closing a socket with
// unread input makes the kernel answer with a reset, which can destroy the
// response before the client has read it; so stop sending, read and discard
// what still arrives until the client closes its side (or a short while),
// then close.
void close_lingering(socket_t sock) {
  ::shutdown(sock, SHUT_WR);
  const auto deadline = std::chrono::steady_clock::now() + linger_at_most;
  char sink[16 * 1024];
  pollfd pfd{sock, POLLIN, 0};
  while (std::chrono::steady_clock::now() < deadline && poll(&pfd, 1, linger_wait_ms) > 0) {
    if (::recv(sock, sink, sizeof sink, MSG_DONTWAIT) <= 0) break;  // closed by the client, or gone
  }
  ::close(sock);
}

}  // namespace

ConnectionStream::Address ConnectionStream::Address::of(socket_t sock, NameOf name_of) {
  Address a;
  a.known = true;
  sockaddr_storage addr{};
  socklen_t length = sizeof addr;
  if (name_of(sock, reinterpret_cast<sockaddr*>(&addr), &length) != 0) return a;
  char host[NI_MAXHOST] = "";
  if (getnameinfo(reinterpret_cast<const sockaddr*>(&addr), length, host, sizeof host, nullptr, 0,
                  NI_NUMERICHOST) == 0) {
    a.ip = host;
  }
  if (addr.ss_family == AF_INET) {
    a.port = ntohs(reinterpret_cast<const sockaddr_in&>(addr).sin_port);
  } else if (addr.ss_family == AF_INET6) {
    a.port = ntohs(reinterpret_cast<const sockaddr_in6&>(addr).sin6_port);
  }
  return a;
}

ConnectionStream::ConnectionStream(socket_t sock, int read_timeout_ms)
    : sock_(sock), read_timeout_ms_(read_timeout_ms), in_(input_buffer_size) {}

bool ConnectionStream::is_readable() const {
  if (has_buffered_input()) return true;
  pollfd pfd{sock_, POLLIN, 0};
  return poll(&pfd, 1, read_timeout_ms_) > 0;
}

bool ConnectionStream::is_writable() const {
  return !failed_;
}

ssize_t ConnectionStream::receive(char* ptr, size_t size) {
  // Whatever waits in the output must reach the peer before we wait for it.
  if (!out_.empty() && !flush()) return -1;
  while (true) {
    ++receives_;
    const ssize_t n = ::recv(sock_, ptr, size, 0);  // SO_RCVTIMEO bounds the wait
    if (n >= 0 || errno != EINTR) return n;
  }
}

ssize_t ConnectionStream::read(char* ptr, size_t size) {
  if (size == 0) return 0;
  if (!has_buffered_input()) {
    // A large read goes straight to the caller; a small one fills the buffer.
    if (size >= in_.size()) return receive(ptr, size);
    const ssize_t n = receive(in_.data(), in_.size());
    if (n <= 0) return n;
    in_pos_ = 0;
    in_len_ = static_cast<size_t>(n);
  }
  const size_t n = std::min(size, in_len_ - in_pos_);
  std::memcpy(ptr, in_.data() + in_pos_, n);
  in_pos_ += n;
  return static_cast<ssize_t>(n);
}

ssize_t ConnectionStream::write(const char* ptr, size_t size) {
  if (failed_) return -1;
  out_.append(ptr, size);
  if (out_.size() >= output_flush_size && !flush()) return -1;
  return static_cast<ssize_t>(size);
}

bool ConnectionStream::flush() {
  size_t sent = 0;
  while (!failed_ && sent < out_.size()) {
    ++sends_;
    // MSG_NOSIGNAL: a peer that left must not kill the server with SIGPIPE.
    const ssize_t n = ::send(sock_, out_.data() + sent, out_.size() - sent, MSG_NOSIGNAL);
    if (n > 0) {
      sent += static_cast<size_t>(n);
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      failed_ = true;  // gone, or SO_SNDTIMEO ran out
    }
  }
  out_.clear();
  return !failed_;
}

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  if (!remote_.known) remote_ = Address::of(sock_, getpeername);
  ip = remote_.ip;
  port = remote_.port;
}

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
  if (!local_.known) local_ = Address::of(sock_, getsockname);
  ip = local_.ip;
  port = local_.port;
}

HttpServer::HttpServer(size_t threads) {
  new_task_queue = [this, threads] {
    auto* pool = new ConnectionThreads(threads);
    threads_ = pool;
    return pool;
  };
}

bool HttpServer::wait_for_request(const ConnectionStream& stream) const {
  if (stream.has_buffered_input()) return true;
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(keep_alive_timeout_sec_);
  while (true) {
    // A stopping server still answers a request that has arrived.
    const bool stopping = svr_sock_ == INVALID_SOCKET;
    pollfd pfd{stream.socket(), POLLIN, 0};
    const int ready = poll(&pfd, 1, stopping ? 0 : idle_check_ms);
    if (ready > 0) return true;  // a request, or the peer's close (recv then says 0)
    if ((ready < 0 && errno != EINTR) || stopping) return false;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    // Browsers keep idle connections open (and open some they never use):
    // when accepted connections wait for a thread, an idle one steps aside.
    // Clients reopen a closed keep-alive connection as a matter of course.
    ConnectionThreads* pool = threads_;
    if (pool && pool->waiting() > 0 && pool->should_make_room()) return false;
  }
}

bool HttpServer::process_and_close_socket(socket_t sock) {
  ConnectionStream stream(sock,
                          static_cast<int>(read_timeout_sec_ * 1000 + read_timeout_usec_ / 1000));
  bool ok = false;
  bool idle = false;  // ended waiting, with nothing sent to us: no need to linger
  for (size_t left = keep_alive_max_count_; left > 0; --left) {
    if (!wait_for_request(stream)) {
      idle = true;
      break;
    }
    bool closed_by_client = false;
    ok = process_request(stream, left == 1, closed_by_client, nullptr);
    ok = stream.flush() && ok;  // each response leaves whole, before the next wait
    if (!ok || closed_by_client) break;
  }
  if (idle) {
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
  } else {
    close_lingering(sock);
  }
  return ok;
}

}  // namespace lyssna::http
