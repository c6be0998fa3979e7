// The buffered connection stream and the server's connection loop.
//
// What the loop relies on in cpp-httplib 0.11.4 (CMakeLists.txt pins it;
// re-check each on another release, tests/unit/connection_library_test.cpp
// first):
// - listen_internal() runs the TaskQueue made by new_task_queue (one per
//   listen, deleted after its shutdown()) and enqueues, for each accepted
//   socket, a job calling the virtual process_and_close_socket(sock);
// - process_request(stream, close, closed, setup) parses one request from a
//   Stream, calls `setup` once the headers are parsed, reads the head one
//   byte at a time and a Content-Length body exactly, never past its own
//   request, and never reads a body for GET or HEAD;
// - it writes each response head, and a `100 Continue`, in one write(), and
//   does not close a connection for a handler's `Connection: close`;
// - it reads a body without Content-Length or Transfer-Encoding to the end
//   of the connection (hence the `setup` that gives it a length of 0);
// - the protected keep_alive_max_count_, keep_alive_timeout_sec_,
//   read_timeout_sec_/usec_ and svr_sock_ (INVALID_SOCKET once stopping).
#include "http/connection_stream.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "http/connection.hpp"
#include "http/connection_clients.hpp"
#include "http/connection_threads.hpp"
#include "http/connection_waiter.hpp"
#include "util/client_key.hpp"

namespace lyssna::http {
namespace {

using Clock = std::chrono::steady_clock;

// Past this much kept output the stream sends, so a large body streams out
// instead of growing in memory.
constexpr size_t output_flush_size = 64 * 1024;
// How often a thread waiting for a slow body, or on an idle connection,
// looks whether others wait for a thread.
constexpr int shed_check_ms = 50;
constexpr int idle_check_ms = 50;
// A body's rate is judged only after this long: its first packets may be
// on their way.
constexpr auto shed_after = std::chrono::seconds(1);

const char* reason_of(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 408:
      return "Request Timeout";
    case 431:
      return "Request Header Fields Too Large";
    case 503:
      return "Service Unavailable";
    default:
      return "Error";
  }
}

bool iequals_prefix(std::string_view text, std::string_view lower_prefix) {
  if (text.size() < lower_prefix.size()) return false;
  for (size_t i = 0; i < lower_prefix.size(); ++i) {
    const char c = text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] + 32) : text[i];
    if (c != lower_prefix[i]) return false;
  }
  return true;
}

}  // namespace

std::string refusal_response(int status, std::string_view why) {
  const std::string body = std::string(why) + "\n";
  std::string response = "HTTP/1.1 " + std::to_string(status) + " " + reason_of(status) +
                         "\r\nContent-Type: text/plain; charset=utf-8\r\n"
                         "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n"
                         "X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n"
                         "Cache-Control: no-store\r\n";
  if (status == 503) response += "Retry-After: 5\r\n";
  response += "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n";
  return response + body;
}

ConnectionStream::Address ConnectionStream::Address::of(socket_t sock, NameOf name_of) {
  sockaddr_storage addr{};
  socklen_t length = sizeof addr;
  if (name_of(sock, reinterpret_cast<sockaddr*>(&addr), &length) != 0) {
    Address unknown;
    unknown.known = true;
    return unknown;
  }
  return of(addr, length);
}

ConnectionStream::Address ConnectionStream::Address::of(const sockaddr_storage& addr,
                                                        socklen_t length) {
  Address a;
  a.known = true;
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
    : sock_(sock), read_timeout_ms_(read_timeout_ms) {}

bool ConnectionStream::is_readable() const {
  if (has_buffered_input() || tls_pending()) return true;
  pollfd pfd{sock_, POLLIN, 0};
  return poll(&pfd, 1, read_timeout_ms_) > 0;
}

bool ConnectionStream::is_writable() const {
  return !failed_;
}

ssize_t ConnectionStream::fill() {
  if (!in_) in_ = std::make_unique<char[]>(max_head);
  if (in_pos_ == in_len_) {
    in_pos_ = in_len_ = 0;
  } else if (in_pos_ > 0) {
    std::memmove(in_.get(), in_.get() + in_pos_, in_len_ - in_pos_);
    in_len_ -= in_pos_;
    in_pos_ = 0;
  }
  if (in_len_ == max_head) {
    errno = ENOBUFS;
    return -1;
  }
  const ssize_t n = transport_receive(in_.get() + in_len_, max_head - in_len_, false);
  if (n <= 0 || !tls_) {
    if (n > 0) in_len_ += static_cast<size_t>(n);
    return n;
  }
  // TLS hands over a record at a time: take what else it holds, so that
  // nothing waits inside it while the socket shows no more to read.
  size_t total = static_cast<size_t>(n);
  in_len_ += total;
  while (in_len_ < max_head) {
    const ssize_t more = transport_receive(in_.get() + in_len_, max_head - in_len_, false);
    if (more <= 0) break;
    in_len_ += static_cast<size_t>(more);
    total += static_cast<size_t>(more);
  }
  return static_cast<ssize_t>(total);
}

ssize_t ConnectionStream::transport_receive(char* ptr, size_t size, bool wait) {
  ++receives_;
  if (tls_) return tls_->read(ptr, size, wait);
  while (true) {
    const ssize_t n = ::recv(sock_, ptr, size, wait ? 0 : MSG_DONTWAIT);
    if (n >= 0 || errno != EINTR) return n;
  }
}

ssize_t ConnectionStream::transport_send(const char* ptr, size_t size) {
  if (tls_) {
    ++sends_;
    return tls_->write(ptr, size, true);
  }
  size_t sent = 0;
  while (sent < size) {
    ++sends_;
    // MSG_NOSIGNAL: a peer that left must not kill the server with SIGPIPE.
    const ssize_t n = ::send(sock_, ptr + sent, size - sent, MSG_NOSIGNAL);
    if (n > 0) {
      sent += static_cast<size_t>(n);
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      return -1;  // gone, or SO_SNDTIMEO ran out
    }
  }
  return static_cast<ssize_t>(sent);
}

void ConnectionStream::start_tls(SSL_CTX* ctx) {
  tls_ = std::make_unique<TlsSession>(ctx, sock_);
}

void ConnectionStream::send_refusal(const std::string& response) {
  if (tls_) {
    if (tls_->established()) tls_->write(response.data(), response.size(), false);
    tls_->close_notify();
    return;
  }
  // Small enough for an empty socket buffer; if it is not empty the client
  // loses an answer it was not reading anyway.
  [[maybe_unused]] ssize_t n =
      ::send(sock_, response.data(), response.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
}

void ConnectionStream::end_tls() {
  if (tls_) tls_->close_notify();
}

void ConnectionStream::release_idle_buffer() {
  if (has_buffered_input()) return;
  in_.reset();
  in_pos_ = in_len_ = 0;
}

void ConnectionStream::begin_request(const RequestHead& head, const BodyRules& rules) {
  request_ = Request{};
  request_.active = true;
  request_.head_left = head.length;
  request_.content_length = head.content_length;
  request_.chunked = head.chunked;
  request_.body_received = in_len_ - in_pos_ > head.length ? in_len_ - in_pos_ - head.length : 0;
  request_.body_began = Clock::now();
  request_.rules = rules;
}

bool ConnectionStream::reusable() const {
  if (failed_ || request_.chunked || request_.response_closes || request_.awaiting_response_head) {
    return false;
  }
  // The library stops reading a head it cannot parse: the rest of it would
  // be read as the next request.
  if (request_.head_left > 0) return false;
  return !request_.content_length || request_.body_read >= *request_.content_length;
}

bool ConnectionStream::wait_for_body() const {
  const auto& r = request_.rules;
  const auto read_limit = Clock::now() + std::chrono::milliseconds(read_timeout_ms_);
  while (true) {
    const auto now = Clock::now();
    // The body must keep up: what has come so far buys this much time.
    const auto earned = std::chrono::milliseconds(
        r.min_rate > 0 ? request_.body_received * 1000 / r.min_rate : read_timeout_ms_);
    const auto until = std::min(request_.body_began + r.grace + earned, read_limit);
    if (now >= until) return false;
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(until - now).count() + 1;
    if (r.threads) wait = std::min<decltype(wait)>(wait, shed_check_ms);
    pollfd pfd{sock_, POLLIN, 0};
    const int ready = poll(&pfd, 1, static_cast<int>(wait));
    if (ready > 0) return true;  // data, or the peer's close (recv says which)
    if (ready < 0 && errno != EINTR) return false;
    // Others wait for a thread, and this body comes slower than a slow
    // mobile link: it is the one to give its thread up.
    const auto elapsed = Clock::now() - request_.body_began;
    if (r.threads && elapsed >= shed_after && r.threads->waiting() > 0) {
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
      if (request_.body_received * 1000 / static_cast<uint64_t>(ms) < r.shed_rate &&
          r.threads->should_make_room()) {
        return false;
      }
    }
  }
}

void ConnectionStream::answer_timeout() {
  out_.clear();
  out_ = refusal_response(408, "the request body did not arrive in time");
  flush();
  failed_ = true;  // whatever the library answers now goes nowhere
  refused_ = 408;
}

ssize_t ConnectionStream::receive(char* ptr, size_t size) {
  // Whatever waits in the output must reach the peer before we wait for it.
  if (!out_.empty() && !flush()) return -1;
  if (failed_) return -1;
  if (!request_.active) return transport_receive(ptr, size, true);  // SO_RCVTIMEO bounds the wait
  // Within a request, past its head: the body, waited for within its rules.
  while (true) {
    const ssize_t n = transport_receive(ptr, size, false);
    if (n >= 0) {
      request_.body_received += static_cast<uint64_t>(n);
      return n;
    }
    if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
    if (!wait_for_body()) {
      answer_timeout();
      return -1;
    }
  }
}

ssize_t ConnectionStream::read(char* ptr, size_t size) {
  if (size == 0) return 0;
  ssize_t n = 0;
  if (has_buffered_input()) {
    n = static_cast<ssize_t>(std::min(size, in_len_ - in_pos_));
    std::memcpy(ptr, in_.get() + in_pos_, static_cast<size_t>(n));
    in_pos_ += static_cast<size_t>(n);
  } else if (size >= max_head) {
    n = receive(ptr, size);  // a large read goes straight to the caller
  } else {
    // A small one fills the buffer.
    if (!in_) in_ = std::make_unique<char[]>(max_head);
    const ssize_t got = receive(in_.get(), max_head);
    if (got <= 0) return got;
    in_len_ = static_cast<size_t>(got);
    n = static_cast<ssize_t>(std::min(size, in_len_));
    std::memcpy(ptr, in_.get(), static_cast<size_t>(n));
    in_pos_ = static_cast<size_t>(n);
  }
  if (n > 0 && request_.active) {
    const size_t head = std::min(request_.head_left, static_cast<size_t>(n));
    request_.head_left -= head;
    request_.body_read += static_cast<size_t>(n) - head;
  }
  return n;
}

void ConnectionStream::note_response_head(std::string_view data) {
  // cpp-httplib writes each response head, and the `100 Continue`, in one
  // write (Server::write_response_core, write_format).
  if (data.size() < 12 || data.substr(0, 9) != "HTTP/1.1 ") return;
  const std::string_view status = data.substr(9, 3);
  if (status == "100") return;  // interim: the final answer is still to come
  request_.awaiting_response_head = false;
  const std::string_view head = data.substr(0, data.find("\r\n\r\n"));
  for (size_t at = head.find("\r\n"); at != std::string_view::npos;
       at = head.find("\r\n", at + 2)) {
    if (iequals_prefix(head.substr(at + 2), "connection: close")) request_.response_closes = true;
  }
}

ssize_t ConnectionStream::write(const char* ptr, size_t size) {
  if (failed_) return -1;
  if (request_.active && request_.awaiting_response_head) note_response_head({ptr, size});
  out_.append(ptr, size);
  if (out_.size() >= output_flush_size && !flush()) return -1;
  return static_cast<ssize_t>(size);
}

bool ConnectionStream::flush() {
  if (!failed_ && !out_.empty() && transport_send(out_.data(), out_.size()) < 0) failed_ = true;
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

void ConnectionStream::set_remote(const sockaddr_storage& peer, socklen_t length) {
  remote_ = Address::of(peer, length);
}

// The waiter, the request threads and the client counts of one listen():
// the task queue the library is given. Its enqueue() runs the library's job
// (our process_and_close_socket, which only hands the socket on) at once on
// the accept thread, so a new connection never waits behind busy threads to
// be watched and counted.
class HttpServer::Connections : public httplib::TaskQueue {
 public:
  Connections(HttpServer& server, size_t threads, const ConnectionLimits& limits)
      : cap(limits.per_client),
        clients(limits.per_client),
        threads(threads),
        body_rules{limits.request_timeout, limits.body_min_rate, limits.body_shed_rate,
                   &this->threads},
        waiter(
            WaitRules{std::chrono::seconds(server.keep_alive_timeout_sec_), limits.request_timeout},
            clients, [this, &server](std::shared_ptr<Connection> c) {
              this->threads.enqueue([&server, c = std::move(c)] { server.serve(c); });
            }) {}

  void enqueue(std::function<void()> job) override { job(); }
  void shutdown() override {
    waiter.stop();       // requests that have arrived go to the threads, the rest close
    threads.shutdown();  // serves them, then joins
  }

  const size_t cap;
  ClientConnections clients;
  ConnectionThreads threads;
  const BodyRules body_rules;
  ConnectionWaiter waiter;
};

HttpServer::HttpServer(size_t threads) : threads_count_(threads) {
  new_task_queue = [this] {
    auto* connections = new Connections(*this, threads_count_, limits_);
    connections_ = connections;
    return connections;
  };
}

bool HttpServer::process_and_close_socket(socket_t sock) {
  Connections* connections = connections_;
  auto connection = std::make_shared<Connection>(
      sock, static_cast<int>(read_timeout_sec_ * 1000 + read_timeout_usec_ / 1000),
      keep_alive_max_count_);
  sockaddr_storage peer{};
  socklen_t length = sizeof peer;
  if (getpeername(sock, reinterpret_cast<sockaddr*>(&peer), &length) == 0) {
    connection->client = lyssna::client_key(peer);
    connection->stream.set_remote(peer, length);
  }
  if (tls_) {
    try {
      connection->stream.start_tls(tls_);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "lyssna: %s\n", e.what());
      return true;  // the connection closes as it goes
    }
  }
  connections->waiter.admit(std::move(connection));
  return true;
}

bool HttpServer::await_request(const std::shared_ptr<Connection>& connection) {
  Connections& connections = *connections_;
  auto& stream = connection->stream;
  const auto idle_until = connection->idle_since + std::chrono::seconds(keep_alive_timeout_sec_);
  while (true) {
    // What TLS holds shows on no poll of the socket: take it first.
    if (stream.tls_pending()) stream.fill();
    if (stream.has_buffered_input()) {
      connection->head = examine_request_head(stream.buffered(), ConnectionStream::max_head);
      if (connection->head.verdict != RequestHead::Verdict::incomplete) return true;
      break;  // part of a head: the waiter watches it arrive, not a request thread
    }
    // A client using much of its cap (a school's NAT) keeps its idle
    // connections with the waiter, which closes one when it opens another.
    if (connections.cap > 0 && connections.clients.count(connection->client) * 2 > connections.cap)
      break;
    // A stopping server still answers a request that has arrived.
    const bool stopping = svr_sock_ == INVALID_SOCKET;
    pollfd pfd{connection->sock, POLLIN, 0};
    const int ready = poll(&pfd, 1, stopping ? 0 : idle_check_ms);
    if (ready > 0) {
      const ssize_t n = stream.fill();
      if (n > 0 || (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))) continue;
      return false;  // closed by the client, or gone: nothing to linger for
    }
    if ((ready < 0 && errno != EINTR) || stopping) return false;
    if (Clock::now() >= idle_until) return false;
    if (connections.threads.waiting() > 0 && connections.threads.should_make_room()) break;
  }
  stream.release_idle_buffer();
  connections.waiter.wait_for_request(connection);
  return false;
}

void HttpServer::serve(const std::shared_ptr<Connection>& connection) {
  Connections& connections = *connections_;
  auto& stream = connection->stream;
  // cpp-httplib reads a request without Content-Length or Transfer-Encoding
  // to the end of the connection; such a request has no body (RFC 9112 §6.3).
  static const std::function<void(httplib::Request&)> no_length_no_body =
      [](httplib::Request& req) {
        if (!req.has_header("Content-Length") && !req.has_header("Transfer-Encoding")) {
          req.set_header("Content-Length", "0");
        }
      };
  while (true) {
    switch (connection->head.verdict) {
      case RequestHead::Verdict::incomplete:  // not from the waiter: after a response
        if (!await_request(connection)) return;
        continue;
      case RequestHead::Verdict::too_large:  // a pipelined head; the waiter sees to the others
        stream.write(refusal_response(431, "the request head is larger than 16 KiB"));
        stream.flush();
        connections.waiter.close_softly(connection);
        return;
      case RequestHead::Verdict::refused:
        stream.write(refusal_response(400, connection->head.problem));
        stream.flush();
        connections.waiter.close_softly(connection);
        return;
      case RequestHead::Verdict::ok:
        break;
    }
    stream.begin_request(connection->head, connections.body_rules);
    const bool last = connection->requests_left <= 1;
    bool closed_by_client = false;
    bool ok = process_request(stream, last, closed_by_client, no_length_no_body);
    ok = stream.flush() && ok;
    --connection->requests_left;
    const bool stopping = svr_sock_ == INVALID_SOCKET;
    if (!ok || closed_by_client || last || stopping || !stream.reusable()) {
      connections.waiter.close_softly(connection);
      return;
    }
    connection->idle_since = Clock::now();
    connection->head = examine_request_head(stream.buffered(), ConnectionStream::max_head);
  }
}

}  // namespace lyssna::http
