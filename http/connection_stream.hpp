// The socket stream the server reads requests from and writes responses to:
// one per connection, buffered both ways, so a response leaves in one send
// and a pipelined request stays in the buffer for the next round. Also the
// server's connection loop over it (HttpServer).
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "http/connection_framing.hpp"
#include "http/tls_session.hpp"

namespace lyssna::http {

class ConnectionThreads;

// How long a request's body may take. It must keep up with `min_rate`
// bytes a second on average once `grace` has passed, so that a body of N
// bytes has grace + N / min_rate in all: a slow mobile link uploads the
// largest form, a client sending a byte a second is cut off after the grace.
// While accepted connections wait for a request thread, a body arriving
// slower than `shed_rate` (after its first second) gives its thread up.
struct BodyRules {
  std::chrono::milliseconds grace{10000};
  size_t min_rate = 2 * 1024;
  size_t shed_rate = 16 * 1024;
  ConnectionThreads* threads = nullptr;  // whom to ask whether others wait; none: never shed
};

// The answer to a request refused at the connection level (400, 408, 431,
// 503): plain text, `Connection: close`.
std::string refusal_response(int status, std::string_view why);

// Reads and writes an accepted, blocking socket whose SO_RCVTIMEO and
// SO_SNDTIMEO (set by the library at accept) bound every wait. Writes are
// kept until flush(), until the buffer is large, or until the stream must
// wait for the peer (a `100 Continue` has to reach the client before its body
// can arrive). Does not own the socket. Not thread-safe: one thread at a
// time uses it (the connection waiter, then a request thread, and so on).
class ConnectionStream : public httplib::Stream {
 public:
  // The most a request head may take; the input buffer holds that much.
  static constexpr size_t max_head = 16 * 1024;

  // `read_timeout_ms` bounds is_readable(), as SO_RCVTIMEO bounds read().
  ConnectionStream(socket_t sock, int read_timeout_ms);

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  using httplib::Stream::write;  // and the library's write(std::string)
  // Asked once per connection, not once per request as the library does.
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return sock_; }
  // The peer's address as accept() or getpeername() gave it, to spare the
  // stream asking again.
  void set_remote(const sockaddr_storage& peer, socklen_t length);

  // Sends what write() kept. False once the peer is gone or a send timed out.
  bool flush();
  // Bytes received and not yet read (a pipelined next request).
  bool has_buffered_input() const { return in_pos_ < in_len_; }
  std::string_view buffered() const { return {in_.get() + in_pos_, in_len_ - in_pos_}; }
  // Receives, without waiting, what the socket holds and the buffer has room
  // for. The bytes received; 0 when the peer has closed or the buffer is
  // full; -1 with errno (EAGAIN: nothing yet).
  ssize_t fill();
  // Gives the input buffer's memory back when it holds nothing: an idle
  // connection costs a socket, not a buffer.
  void release_idle_buffer();

  // Speaks TLS from now on (before the first byte is read): every read and
  // write goes through `ctx`'s session, the handshake within the first
  // fill(). Throws Error when OpenSSL cannot make the session.
  void start_tls(SSL_CTX* ctx);
  // Bytes TLS holds that the socket no longer shows as readable: fill()
  // takes them before anyone waits on the socket.
  bool tls_pending() const { return tls_ && tls_->pending(); }
  // Sends a refusal (refusal_response) now, without waiting: on a TLS
  // connection only once its handshake is done (before it, nothing can be
  // said), then the close_notify alert.
  void send_refusal(const std::string& response);
  // Before the socket's write side is shut: TLS's close_notify, if TLS.
  void end_tls();

  // Starts a request whose head, examined and found sound, is buffered.
  // Until the next begin_request() a wait for the body obeys `rules`; when
  // it runs out the stream answers 408 itself and fails.
  void begin_request(const RequestHead& head, const BodyRules& rules);
  // Whether the connection may carry another request after this one: only
  // when it is known where the next one begins. The stream has not failed,
  // the head and the declared body were read whole (what is left unread
  // would be taken for the next request), the body was not chunked, and the
  // response did not say `Connection: close`.
  bool reusable() const;
  // The status the stream answered itself (408), else 0.
  int refused() const { return refused_; }

  // Counts of the sends and receives made, for the tests.
  size_t sends() const { return sends_; }
  size_t receives() const { return receives_; }

 private:
  ssize_t receive(char* ptr, size_t size);
  // The socket, or TLS over it: as recv() (`wait`: within SO_RCVTIMEO) and
  // send() (all of it, or -1).
  ssize_t transport_receive(char* ptr, size_t size, bool wait);
  ssize_t transport_send(const char* ptr, size_t size);
  // Waits until the socket is readable within the body rules; false when
  // the body is late or its thread is needed elsewhere.
  bool wait_for_body() const;
  void answer_timeout();
  void note_response_head(std::string_view data);

  socket_t sock_;
  int read_timeout_ms_;
  std::unique_ptr<char[]> in_;  // max_head bytes, allocated when first needed
  size_t in_pos_ = 0, in_len_ = 0;
  std::string out_;
  bool failed_ = false;
  int refused_ = 0;
  size_t sends_ = 0, receives_ = 0;
  std::unique_ptr<TlsSession> tls_;

  // The request under way, since begin_request().
  struct Request {
    bool active = false;
    size_t head_left = 0;  // head bytes the library has still to read
    std::optional<uint64_t> content_length;
    bool chunked = false;
    uint64_t body_read = 0;      // body bytes handed to the library
    uint64_t body_received = 0;  // body bytes received (read or buffered)
    std::chrono::steady_clock::time_point body_began;
    BodyRules rules;
    bool awaiting_response_head = true;
    bool response_closes = false;
  } request_;

  // An end's address, asked of the kernel once (getpeername, getsockname).
  struct Address {
    using NameOf = int (*)(int, sockaddr*, socklen_t*);
    static Address of(socket_t sock, NameOf name_of);
    static Address of(const sockaddr_storage& addr, socklen_t length);
    bool known = false;
    std::string ip;
    int port = 0;
  };
  mutable Address remote_, local_;
};

struct Connection;
class ConnectionWaiter;

// What a connection may take: the deadlines and the per-client cap (see
// docs/api.md, Connections).
struct ConnectionLimits {
  // A request head must be whole this long after its first byte arrived
  // (else 408); a body has this long plus its size at the minimum rate.
  std::chrono::milliseconds request_timeout{10000};
  size_t body_min_rate = BodyRules{}.min_rate;
  size_t body_shed_rate = BodyRules{}.shed_rate;
  // Open connections per client address (IPv6: per /64); 0 for no cap.
  size_t per_client = 64;
};

// httplib::Server with its connection loop replaced: the same parsing,
// routing and handlers, over a ConnectionStream. cpp-httplib 0.11's loop
// polls before every read and write, probes the peer before every write and
// asks the kernel for both addresses on every request: about eleven system
// calls a request, where this loop makes three (poll, recv, send).
// A connection gets one of `threads` request threads only once a request
// head has arrived whole: until then the connection waiter holds it (one
// thread for all), so clients that send slowly hold no request thread.
// Between requests the thread keeps the connection while no other waits for
// a thread (a browser's next request comes within milliseconds, and the
// next round costs no hand-over), and gives it back to the waiter when one
// does or when part of a head arrives. Heads with ambiguous framing are
// refused before the library sees them.
class HttpServer : public httplib::Server {
 public:
  explicit HttpServer(size_t threads);
  // Before listening.
  void set_connection_limits(const ConnectionLimits& limits) { limits_ = limits; }
  // Before listening: every connection speaks TLS with `ctx` (which must
  // outlive the server); the handshake is made on the connection waiter's
  // thread, as the first bytes arrive, within the idle time of a new
  // connection.
  void set_tls(SSL_CTX* ctx) { tls_ = ctx; }

 private:
  class Connections;
  // Called by the library's accept loop for each accepted socket (through
  // Connections, the task queue it is given, which runs it at once): hands
  // the connection to the waiter. The name is the library's.
  bool process_and_close_socket(socket_t sock) override;
  // On a request thread: answers the requests of a connection whose next
  // head is buffered whole, until it must wait for the peer again.
  void serve(const std::shared_ptr<Connection>& connection);
  // Between requests: true when the next head is whole (in the connection's
  // `head`); false when the connection went to the waiter or was closed.
  bool await_request(const std::shared_ptr<Connection>& connection);

  const size_t threads_count_;
  ConnectionLimits limits_;
  SSL_CTX* tls_ = nullptr;
  // Those of the current listen(): created by the library through
  // new_task_queue, which also deletes them after the last connection.
  std::atomic<Connections*> connections_{nullptr};
};

}  // namespace lyssna::http
