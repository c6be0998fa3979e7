// Integration tests of the server's connection loop over a raw socket:
// keep-alive, pipelined requests, `Expect: 100-continue`, a client that
// leaves mid-request.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "server_fixture.hpp"

using namespace lyssna::test;

namespace {

// A plain TCP connection to the test server, closed when it goes.
class RawConnection {
 public:
  explicit RawConnection(int port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    REQUIRE(fd_ >= 0);
    timeval tv{10, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  }
  ~RawConnection() { close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  void send_text(const std::string& text) {
    REQUIRE(::send(fd_, text.data(), text.size(), MSG_NOSIGNAL) ==
            static_cast<ssize_t>(text.size()));
  }
  // Reads until `count` complete responses (headers and Content-Length body)
  // have arrived, or the server closes or goes quiet.
  std::vector<std::string> read_responses(size_t count) {
    std::vector<std::string> out;
    while (out.size() < count) {
      auto end = buffer_.find("\r\n\r\n");
      if (end != std::string::npos) {
        const std::string head = buffer_.substr(0, end + 4);
        size_t length = 0;
        std::smatch m;
        if (std::regex_search(head, m, std::regex("Content-Length: ([0-9]+)", std::regex::icase))) {
          length = std::stoul(m[1]);
        }
        if (buffer_.size() >= end + 4 + length) {
          out.push_back(buffer_.substr(0, end + 4 + length));
          buffer_.erase(0, end + 4 + length);
          continue;
        }
      }
      char chunk[65536];
      ssize_t n = recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) break;
      buffer_.append(chunk, static_cast<size_t>(n));
    }
    return out;
  }
  bool closed_by_server() {
    char c;
    return recv(fd_, &c, 1, 0) == 0;
  }
  // Waits (at most 10 seconds) until the server has sent something.
  bool wait_readable() {
    pollfd p{fd_, POLLIN, 0};
    return poll(&p, 1, 10000) == 1;
  }
  // Whether the server has closed the connection already (does not wait).
  bool closed_now() {
    char c;
    return recv(fd_, &c, 1, MSG_DONTWAIT) == 0;
  }

 private:
  int fd_;
  std::string buffer_;
};

std::string api_post(const std::string& body, const std::string& extra_headers = "") {
  return "POST /api/v1/surveys/trygghet-2026/responses HTTP/1.1\r\nHost: t\r\n"
         "Content-Type: application/json\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n" + extra_headers + "\r\n";
}

}  // namespace

TEST_CASE("requests pipelined on one connection are all answered, in order", "[http]") {
  ServerFixture f;
  RawConnection conn(f.server->port());
  const std::string record = record_json("pipe-1");
  conn.send_text("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n" + api_post(record) + record +
                 "GET /s/trygghet-2026?lang=en HTTP/1.1\r\nHost: t\r\n\r\n");
  auto responses = conn.read_responses(3);
  REQUIRE(responses.size() == 3);
  CHECK(responses[0].rfind("HTTP/1.1 200", 0) == 0);
  CHECK(count_occurrences(responses[0], "\"status\":\"ok\"") == 1);
  CHECK(responses[1].rfind("HTTP/1.1 201", 0) == 0);
  CHECK(responses[2].rfind("HTTP/1.1 200", 0) == 0);
  CHECK(count_occurrences(responses[2], "lang=\"en\"") >= 1);
  // Still open for more.
  conn.send_text("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
  CHECK(conn.read_responses(1).size() == 1);
  CHECK(f.stored() == 1);
}

TEST_CASE("a request that asks to close gets its answer, then the close", "[http]") {
  ServerFixture f;
  RawConnection conn(f.server->port());
  conn.send_text("GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  auto responses = conn.read_responses(1);
  REQUIRE(responses.size() == 1);
  CHECK(count_occurrences(responses[0], "Connection: close") == 1);
  CHECK(conn.closed_by_server());
}

TEST_CASE("Expect: 100-continue gets the interim answer before the body is sent", "[http]") {
  ServerFixture f;
  RawConnection conn(f.server->port());
  const std::string record = record_json("continue-1");
  conn.send_text(api_post(record, "Expect: 100-continue\r\n"));
  // The body is held back until the server has said to go on.
  auto interim = conn.read_responses(1);
  REQUIRE(interim.size() == 1);
  CHECK(interim[0].rfind("HTTP/1.1 100 Continue", 0) == 0);
  conn.send_text(record);
  auto final_answer = conn.read_responses(1);
  REQUIRE(final_answer.size() == 1);
  CHECK(final_answer[0].rfind("HTTP/1.1 201", 0) == 0);
  CHECK(f.stored() == 1);
}

TEST_CASE("a client that leaves in the middle of a body stores nothing and harms no one",
          "[http]") {
  ServerFixture f;
  {
    RawConnection conn(f.server->port());
    const std::string record = record_json("left-1");
    conn.send_text(api_post(record) + record.substr(0, record.size() / 2));
  }
  auto health = f.client->Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);
  CHECK(f.stored() == 0);
}

TEST_CASE("an idle keep-alive connection makes room when others wait for a thread", "[http]") {
  // Two request threads, both held by idle keep-alive connections (as
  // browsers leave them): a third resident is served at once, by one of
  // them closing; without that it would wait out the keep-alive time, and
  // both idle connections would be closed by then.
  ServerFixture f;
  f.start({"--threads", "2"});
  RawConnection idle_a(f.server->port()), idle_b(f.server->port());
  for (auto* c : {&idle_a, &idle_b}) {
    c->send_text("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
    REQUIRE(c->read_responses(1).size() == 1);
  }
  RawConnection third(f.server->port());
  third.send_text("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
  REQUIRE(third.read_responses(1).size() == 1);
  const int closed = (idle_a.closed_now() ? 1 : 0) + (idle_b.closed_now() ? 1 : 0);
  CHECK(closed == 1);
}

TEST_CASE("a refused body still being sent gets its 413 and not a reset", "[http][limits]") {
  // The server answers from the headers, before the body. Closing with the
  // body arriving unread would make the kernel reset the connection, and a
  // reset throws away the answer the client has not read yet.
  ServerFixture f;
  RawConnection conn(f.server->port());
  const std::string body(4 * 1024 * 1024, 'a');  // more than the socket buffers hold
  conn.send_text(
      "POST /s/trygghet-2026 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
      "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n");
  REQUIRE(conn.wait_readable());  // the answer is on its way; now the body follows
  conn.send_text(body);
  auto responses = conn.read_responses(1);
  REQUIRE(responses.size() == 1);
  CHECK(responses[0].rfind("HTTP/1.1 413", 0) == 0);
  CHECK(f.stored() == 0);
}
