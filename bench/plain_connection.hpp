// A keep-alive HTTP/1.1 connection over a plain socket, for the load
// drivers: one send per request and a recv per response, so that on a small
// machine the driver takes as little of the CPU it shares with the server
// as it can (a full client library spends several system calls a request).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>

namespace lyssna::bench {

// One keep-alive connection to the server, closed when it goes.
class Connection {
 public:
  explicit Connection(int port, int timeout_seconds = 30) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    int yes = 1;
    setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    timeval tv{timeout_seconds, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok_ = fd_ >= 0 && connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~Connection() {
    if (fd_ >= 0) close(fd_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  bool ok() const { return ok_; }
  bool closing() const { return closing_; }

  // Sends one request and reads its response; returns the status, or -1
  // when the connection failed. `body` receives the response body.
  // closing() tells afterwards whether the server ends the connection.
  int exchange(const std::string& request, std::string& body) {
    for (size_t sent = 0; sent < request.size();) {
      ssize_t n = send(fd_, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return -1;
      sent += static_cast<size_t>(n);
    }
    while (true) {
      const size_t end = buffer_.find("\r\n\r\n");
      if (end != std::string::npos) {
        const std::string head = buffer_.substr(0, end);
        const size_t length = content_length(head);
        if (buffer_.size() >= end + 4 + length) {
          closing_ = head.find("Connection: close") != std::string::npos;
          const int status = std::atoi(buffer_.c_str() + 9);  // "HTTP/1.1 201 ..."
          body = buffer_.substr(end + 4, length);
          buffer_.erase(0, end + 4 + length);
          return status;
        }
      }
      char chunk[16384];
      ssize_t n = recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) return -1;
      buffer_.append(chunk, static_cast<size_t>(n));
    }
  }
  int exchange(const std::string& request) {
    std::string body;
    return exchange(request, body);
  }

 private:
  static size_t content_length(const std::string& head) {
    for (const char* name : {"Content-Length:", "content-length:"}) {
      auto at = head.find(name);
      if (at != std::string::npos)
        return std::strtoul(head.c_str() + at + std::strlen(name), nullptr, 10);
    }
    return 0;
  }
  int fd_;
  bool ok_ = false;
  bool closing_ = false;
  std::string buffer_;
};

}  // namespace lyssna::bench
