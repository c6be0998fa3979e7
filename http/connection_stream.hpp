// The socket stream the server reads requests from and writes responses to:
// one per connection, buffered both ways, so a response leaves in one send
// and a pipelined request stays in the buffer for the next round.
#pragma once

#include <httplib.h>

#include <atomic>
#include <string>
#include <vector>

namespace lyssna::http {

// Reads and writes an accepted, blocking socket whose SO_RCVTIMEO and
// SO_SNDTIMEO (set by the library at accept) bound every wait. Writes are
// kept until flush(), until the buffer is large, or until the stream must
// wait for the peer (a `100 Continue` has to reach the client before its body
// can arrive). Does not own the socket. Not thread-safe: one connection's
// thread uses it.
class ConnectionStream : public httplib::Stream {
 public:
  // `read_timeout_ms` bounds is_readable(), as SO_RCVTIMEO bounds read().
  ConnectionStream(socket_t sock, int read_timeout_ms);

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  // Asked once per connection, not once per request as the library does.
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return sock_; }

  // Sends what write() kept. False once the peer is gone or a send timed out.
  bool flush();
  // Bytes received and not yet read (a pipelined next request).
  bool has_buffered_input() const { return in_pos_ < in_len_; }
  // Counts of the sends and receives made, for the tests.
  size_t sends() const { return sends_; }
  size_t receives() const { return receives_; }

 private:
  ssize_t receive(char* ptr, size_t size);

  socket_t sock_;
  int read_timeout_ms_;
  std::vector<char> in_;
  size_t in_pos_ = 0, in_len_ = 0;
  std::string out_;
  bool failed_ = false;
  size_t sends_ = 0, receives_ = 0;
  // An end's address, asked of the kernel once (getpeername, getsockname).
  struct Address {
    using NameOf = int (*)(int, sockaddr*, socklen_t*);
    static Address of(socket_t sock, NameOf name_of);
    bool known = false;
    std::string ip;
    int port = 0;
  };
  mutable Address remote_, local_;
};

// httplib::Server with its connection loop replaced: the same parsing,
// routing and handlers, over a ConnectionStream. cpp-httplib 0.11's loop
// polls before every read and write, probes the peer before every write and
// asks the kernel for both addresses on every request: about eleven system
// calls a request, where this loop makes three (poll, recv, send).
// Each connection holds one of `threads` request threads while it lasts; a
// connection that sits idle gives its thread up when others wait for one.
class ConnectionThreads;
class HttpServer : public httplib::Server {
 public:
  explicit HttpServer(size_t threads);

 private:
  bool process_and_close_socket(socket_t sock) override;
  // Waits for the next request on a kept-alive connection; false when the
  // peer leaves, the keep-alive time runs out or the server stops.
  bool wait_for_request(const ConnectionStream& stream) const;

  // The pool of the current listen(): created by the library through
  // new_task_queue, which also deletes it after the last connection.
  std::atomic<ConnectionThreads*> threads_{nullptr};
};

}  // namespace lyssna::http
