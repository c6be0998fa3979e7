// Integration tests of the server's connection loop over a raw socket:
// keep-alive, pipelined requests, `Expect: 100-continue`, a client that
// leaves mid-request; slow clients (deadlines, the per-client cap, threads
// kept for complete requests) and request framing that could smuggle a
// request past a proxy.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

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
  // Whether the server sends something (or closes) within `ms` milliseconds.
  bool readable_within(int ms) {
    if (!buffer_.empty()) return true;
    pollfd p{fd_, POLLIN, 0};
    return poll(&p, 1, ms) == 1;
  }
  // Whether the server has neither sent anything nor closed (does not wait).
  bool quiet_now() {
    char c;
    return recv(fd_, &c, 1, MSG_DONTWAIT | MSG_PEEK) < 0 &&
           (errno == EAGAIN || errno == EWOULDBLOCK);
  }
  // Everything the server sends until it closes ("<closed>" at the end), a
  // reset ("<reset>") or 10 seconds of silence ("<silent>").
  std::string read_to_close() {
    std::string out = std::move(buffer_);
    buffer_.clear();
    char chunk[65536];
    while (true) {
      const ssize_t n = recv(fd_, chunk, sizeof chunk, 0);
      if (n == 0) return out + "<closed>";
      if (n < 0) return out + (errno == ECONNRESET ? "<reset>" : "<silent>");
      out.append(chunk, static_cast<size_t>(n));
    }
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

TEST_CASE("idle keep-alive connections step aside, still open, when others need a thread",
          "[http]") {
  // Two request threads and four connections left open after a request,
  // as browsers leave them: a fifth resident is served at once, and the
  // idle ones are still there to be used (they wait with the waiter).
  ServerFixture f;
  f.start({"--threads", "2", "--max-connections-per-client", "0"});  // all from one address
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 4; ++i) {
    idle.push_back(std::make_unique<RawConnection>(f.server->port()));
    idle.back()->send_text("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
    REQUIRE(idle.back()->read_responses(1).size() == 1);
  }
  RawConnection fifth(f.server->port());
  fifth.send_text("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
  REQUIRE(fifth.read_responses(1).size() == 1);
  for (auto& c : idle) {
    CHECK_FALSE(c->closed_now());
    c->send_text("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
    CHECK(c->read_responses(1).size() == 1);
  }
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

namespace {

const std::string healthz = "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n";

// A connection that has sent the start of a request head and stops there.
std::unique_ptr<RawConnection> slow_client(int port) {
  auto c = std::make_unique<RawConnection>(port);
  c->send_text("GET /s/trygghet-2026 HTTP/1.1\r\nHost: t\r\nX-Slow: a");
  return c;
}

}  // namespace

TEST_CASE("with more slow clients than threads, the form is still served", "[http][slow]") {
  // Each request thread used to be held by a connection still sending its
  // head, for as long as it kept sending (the timeout was per read).
  ServerFixture f;
  f.start({"--threads", "2", "--max-connections-per-client", "0"});  // all from one address
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 8; ++i) slow.push_back(slow_client(f.server->port()));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  for (auto& c : slow) c->send_text("a");  // still coming, a byte at a time
  auto page = f.client->Get("/s/trygghet-2026");
  REQUIRE(page);
  CHECK(page->status == 200);
  auto posted = f.client->Post("/api/v1/surveys/trygghet-2026/responses", record_json("slow-1"),
                               "application/json");
  REQUIRE(posted);
  CHECK(posted->status == 201);
  for (auto& c : slow) CHECK(c->quiet_now());  // within their time, they wait on
}

TEST_CASE("a head not whole within the request timeout is answered 408 and closed",
          "[http][slow]") {
  ServerFixture f;
  f.start({"--request-timeout", "1"});
  auto slow = slow_client(f.server->port());
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  slow->send_text("a");  // sending, but too slowly
  const std::string answer = slow->read_to_close();
  CHECK(answer.rfind("HTTP/1.1 408 Request Timeout\r\n", 0) == 0);
  CHECK(count_occurrences(answer, "Connection: close\r\n") == 1);
  CHECK(answer.substr(answer.size() - 8) == "<closed>");
}

TEST_CASE("a body that stops arriving is answered 408 and closed, nothing stored", "[http][slow]") {
  ServerFixture f;
  f.start({"--request-timeout", "1"});
  RawConnection conn(f.server->port());
  const std::string record = record_json("stalled-1");
  conn.send_text(api_post(record) + record.substr(0, 10));
  const std::string answer = conn.read_to_close();
  CHECK(answer.rfind("HTTP/1.1 408 Request Timeout\r\n", 0) == 0);
  CHECK(count_occurrences(answer, "HTTP/1.1 ") == 1);
  CHECK(answer.substr(answer.size() - 8) == "<closed>");
  CHECK(f.stored() == 0);
}

TEST_CASE("a slow body gives its thread up to a request waiting for one", "[http][slow]") {
  // Both threads read bodies that come a byte at a time, well within their
  // (long) time: the resident who comes next is served all the same.
  ServerFixture f;
  f.start({"--threads", "2", "--request-timeout", "60", "--max-connections-per-client", "0"});
  RawConnection slow_a(f.server->port()), slow_b(f.server->port());
  const std::string record = record_json("slow-body");
  for (auto* c : {&slow_a, &slow_b}) c->send_text(api_post(record) + "{");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // both on their threads
  auto health = f.client->Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);
  // One of them made room (the other may still be reading its body).
  int shed = 0;
  for (auto* c : {&slow_a, &slow_b}) {
    if (c->readable_within(1000) && c->read_to_close().rfind("HTTP/1.1 408", 0) == 0) ++shed;
  }
  CHECK(shed >= 1);
  CHECK(f.stored() == 0);
}

TEST_CASE("a client may hold --max-connections-per-client connections under way, not more",
          "[http][slow]") {
  ServerFixture f;
  f.start({"--max-connections-per-client", "2"});
  auto a = slow_client(f.server->port());
  auto b = slow_client(f.server->port());
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  RawConnection third(f.server->port());
  const std::string refused = third.read_to_close();
  CHECK(refused.rfind("HTTP/1.1 503 Service Unavailable\r\n", 0) == 0);
  CHECK(count_occurrences(refused, "Connection: close\r\n") == 1);
  CHECK(refused.substr(refused.size() - 8) == "<closed>");
  a.reset();  // one leaves: there is room again
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  RawConnection fourth(f.server->port());
  fourth.send_text(healthz);
  auto answer = fourth.read_responses(1);
  REQUIRE(answer.size() == 1);
  CHECK(answer[0].rfind("HTTP/1.1 200", 0) == 0);
}

TEST_CASE("a cap per client not below the threads is refused, and the server does not start",
          "[http]") {
  ServerFixture f;
  const std::vector<std::string> too_many = {"--threads", "4", "--max-connections-per-client", "4"};
  REQUIRE_THROWS(ServerProcess(f.db, too_many));  // it does not start
  std::vector<std::string> args = {"--db", f.db, "serve", "--port", "0"};
  args.insert(args.end(), too_many.begin(), too_many.end());
  auto refused = run_lyssna(args);
  CHECK(refused.status == 2);
  CHECK_THAT(refused.err, Catch::Contains("must be less than --threads (4)") &&
                              Catch::Contains("--max-connections-per-client"));
  // The default that fits is tested with the options (serve_options_test).
}

TEST_CASE("at the cap, a client's idle connection makes way for its new one", "[http][slow]") {
  // A school's NAT: many browsers, one address, most connections idle.
  ServerFixture f;
  f.start({"--max-connections-per-client", "2"});
  RawConnection idle_a(f.server->port()), idle_b(f.server->port());
  for (auto* c : {&idle_a, &idle_b}) {
    c->send_text(healthz);
    REQUIRE(c->read_responses(1).size() == 1);
  }
  RawConnection third(f.server->port());
  third.send_text(healthz);
  auto answer = third.read_responses(1);
  REQUIRE(answer.size() == 1);
  CHECK(answer[0].rfind("HTTP/1.1 200", 0) == 0);
  const int closed = (idle_a.closed_now() ? 1 : 0) + (idle_b.closed_now() ? 1 : 0);
  CHECK(closed == 1);
}

TEST_CASE("behind a proxy there is no cap per address unless asked for", "[http][slow]") {
  // Every connection comes from the proxy's address.
  ServerFixture f;
  f.start({"--behind-proxy"});
  std::vector<std::unique_ptr<RawConnection>> many;
  for (int i = 0; i < 40; ++i) many.push_back(slow_client(f.server->port()));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // all of them under way
  RawConnection one_more(f.server->port());
  one_more.send_text(healthz);
  auto answer = one_more.read_responses(1);
  REQUIRE(answer.size() == 1);
  CHECK(answer[0].rfind("HTTP/1.1 200", 0) == 0);
  for (auto& c : many) CHECK(c->quiet_now());  // none refused
}

TEST_CASE("ambiguous framing is answered 400 and closed, and the request hidden in it never is",
          "[http][framing]") {
  // Each head declares its body in a way a proxy in front could read
  // differently; what follows it is a second request, /healthz, that a
  // desynchronised reading would answer.
  const std::string post =
      "POST /api/v1/surveys/trygghet-2026/responses HTTP/1.1\r\nHost: t\r\n"
      "Content-Type: application/json\r\n";
  const std::vector<std::string> heads = {
      post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      post + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n",
      post + "Content-Length: 0\r\nContent-Length: 5\r\n\r\n",
      post + "Content-Length: 0x5\r\n\r\n",
      post + "Content-Length: abc\r\n\r\n",
      post + "Transfer-Encoding: xchunked\r\n\r\n",
      post + "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n",
      post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      post + "X-Padding: a\r\n Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      post + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n",
      post + "Transfer-Encoding: chunked\n\r\n0\r\n\r\n",
  };
  ServerFixture f;
  for (const auto& head : heads) {
    INFO(head);
    RawConnection conn(f.server->port());
    conn.send_text(head + healthz);
    const std::string answer = conn.read_to_close();
    CHECK(answer.rfind("HTTP/1.1 400 Bad Request\r\n", 0) == 0);
    CHECK(count_occurrences(answer, "Connection: close\r\n") == 1);
    CHECK(count_occurrences(answer, "HTTP/1.1 ") == 1);  // the hidden request got no answer
    CHECK(answer.substr(answer.size() - 8) == "<closed>");
  }
  CHECK(f.stored() == 0);
}

TEST_CASE("a body the server leaves unread is never taken for the next request",
          "[http][framing]") {
  ServerFixture f;
  SECTION("a GET with a body") {
    const std::string hidden = healthz;
    RawConnection conn(f.server->port());
    conn.send_text("GET /s/trygghet-2026 HTTP/1.1\r\nHost: t\r\nContent-Length: " +
                   std::to_string(hidden.size()) + "\r\n\r\n" + hidden);
    const std::string answer = conn.read_to_close();
    CHECK(answer.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
    CHECK(count_occurrences(answer, "HTTP/1.1 ") == 1);
    CHECK(answer.substr(answer.size() - 8) == "<closed>");
  }
  SECTION("a body refused from its headers (413), whose answer says Connection: close") {
    RawConnection conn(f.server->port());
    conn.send_text(
        "POST /s/trygghet-2026 HTTP/1.1\r\nHost: t\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 9000000\r\n\r\n" +
        healthz);
    const std::string answer = conn.read_to_close();
    CHECK(answer.rfind("HTTP/1.1 413", 0) == 0);
    CHECK(count_occurrences(answer, "HTTP/1.1 ") == 1);
    CHECK(answer.substr(answer.size() - 8) == "<closed>");
  }
}

TEST_CASE("a POST without Content-Length or Transfer-Encoding has no body", "[http][framing]") {
  // RFC 9112 §6.3: cpp-httplib would read it to the end of the connection.
  ServerFixture f;
  RawConnection conn(f.server->port());
  conn.send_text("POST /api/v1/surveys/trygghet-2026/responses HTTP/1.1\r\nHost: t\r\n\r\n" +
                 healthz);
  auto responses = conn.read_responses(2);
  REQUIRE(responses.size() == 2);
  CHECK(responses[0].rfind("HTTP/1.1 400", 0) == 0);  // an empty record
  CHECK(responses[1].rfind("HTTP/1.1 200", 0) == 0);
}
