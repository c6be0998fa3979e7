// The server's connection stream over a socket pair: responses leave in one
// send, output is flushed before the stream waits for the peer, pipelined
// input is kept, a peer that left is an error and not a SIGPIPE; a body
// late past its time is answered 408, and a slow one makes room for others.
#include "http/connection_stream.hpp"

#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <future>
#include <thread>

#include "http/connection_threads.hpp"

using lyssna::http::ConnectionStream;

namespace {

// Both ends of a connected stream socket pair, with a receive timeout on the
// server's end (as the library sets at accept) so no test can hang.
struct SocketPair {
  int server = -1, peer = -1;
  SocketPair() {
    int fds[2];
    REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    server = fds[0], peer = fds[1];
    timeval tv{2, 0};
    setsockopt(server, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(peer, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~SocketPair() {
    if (server >= 0) close(server);
    if (peer >= 0) close(peer);
  }
  void close_peer() {
    close(peer);
    peer = -1;
  }
  std::string peer_receive_now() {
    char buf[4096];
    ssize_t n = recv(peer, buf, sizeof buf, MSG_DONTWAIT);
    return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
  }
  void peer_send(const std::string& text) {
    REQUIRE(send(peer, text.data(), text.size(), 0) == static_cast<ssize_t>(text.size()));
  }
};

std::string read_exactly(ConnectionStream& stream, size_t size) {
  std::string out(size, '\0');
  size_t got = 0;
  while (got < size) {
    ssize_t n = stream.read(out.data() + got, size - got);
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  out.resize(got);
  return out;
}

}  // namespace

TEST_CASE("a response's writes leave in one send at flush", "[http]") {
  SocketPair pair;
  ConnectionStream stream(pair.server, 2000);
  CHECK(stream.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n", 38) == 38);
  CHECK(stream.write("ok", 2) == 2);
  CHECK(pair.peer_receive_now().empty());
  CHECK(stream.sends() == 0);
  REQUIRE(stream.flush());
  CHECK(stream.sends() == 1);
  CHECK(pair.peer_receive_now() == "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
  CHECK(stream.flush());  // nothing left: no send
  CHECK(stream.sends() == 1);
}

TEST_CASE("output waiting for the peer is flushed before the stream reads", "[http]") {
  // The 100 Continue case: the client sends its body only after it has seen
  // the interim response, so the stream must not sit on it while it waits.
  SocketPair pair;
  ConnectionStream stream(pair.server, 2000);
  std::thread client([&pair] {
    char buf[64];
    ssize_t n = recv(pair.peer, buf, sizeof buf, 0);
    if (n > 0 && std::string(buf, static_cast<size_t>(n)) == "HTTP/1.1 100 Continue\r\n\r\n") {
      send(pair.peer, "body", 4, 0);
    }
  });
  stream.write("HTTP/1.1 100 Continue\r\n\r\n", 25);
  CHECK(read_exactly(stream, 4) == "body");
  client.join();
}

TEST_CASE("pipelined requests stay buffered for the next round", "[http]") {
  SocketPair pair;
  ConnectionStream stream(pair.server, 2000);
  pair.peer_send("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n");
  CHECK(read_exactly(stream, 19) == "GET /a HTTP/1.1\r\n\r\n");
  CHECK(stream.has_buffered_input());
  CHECK(stream.is_readable());
  CHECK(read_exactly(stream, 19) == "GET /b HTTP/1.1\r\n\r\n");
  CHECK_FALSE(stream.has_buffered_input());
  CHECK(stream.receives() == 1);
}

TEST_CASE("a large body streams out instead of growing in memory", "[http]") {
  SocketPair pair;
  ConnectionStream stream(pair.server, 2000);
  const std::string body(1 << 20, 'x');
  std::string received;
  std::thread client([&] {
    char buf[65536];
    while (received.size() < body.size()) {
      ssize_t n = recv(pair.peer, buf, sizeof buf, 0);
      if (n <= 0) break;
      received.append(buf, static_cast<size_t>(n));
    }
  });
  for (size_t i = 0; i < body.size(); i += 1000) {
    REQUIRE(stream.write(body.data() + i, std::min<size_t>(1000, body.size() - i)) > 0);
  }
  REQUIRE(stream.flush());
  client.join();
  CHECK(received == body);
  CHECK(stream.sends() >= 16);  // sent as it grew, not held whole
}

TEST_CASE("a peer that left makes writes fail, without a SIGPIPE", "[http]") {
  SocketPair pair;
  ConnectionStream stream(pair.server, 2000);
  pair.close_peer();
  stream.write("HTTP/1.1 200 OK\r\n\r\n", 19);
  CHECK_FALSE(stream.flush());
  CHECK_FALSE(stream.is_writable());
  CHECK(stream.write("more", 4) == -1);
  char c;
  CHECK(stream.read(&c, 1) <= 0);
}

TEST_CASE("a peer that says nothing times the read out", "[http]") {
  SocketPair pair;
  timeval tv{0, 100000};
  setsockopt(pair.server, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ConnectionStream stream(pair.server, 100);
  CHECK_FALSE(stream.is_readable());
  char c;
  CHECK(stream.read(&c, 1) < 0);
}

namespace {

// A request whose head (and `body_sent` of its body) the stream has taken
// into its buffer, as the connection waiter leaves it.
lyssna::http::RequestHead buffer_request(SocketPair& pair, ConnectionStream& stream,
                                         const std::string& text) {
  pair.peer_send(text);
  REQUIRE(stream.fill() == static_cast<ssize_t>(text.size()));
  auto head = lyssna::http::examine_request_head(stream.buffered(), ConnectionStream::max_head);
  REQUIRE(head.verdict == lyssna::http::RequestHead::Verdict::ok);
  return head;
}

}  // namespace

TEST_CASE("a body that stops arriving is answered 408 once its time is up", "[http]") {
  SocketPair pair;
  ConnectionStream stream(pair.server, 2000);
  const std::string head = "POST /x HTTP/1.1\r\nContent-Length: 10\r\n\r\n";
  auto h = buffer_request(pair, stream, head + "ab");
  lyssna::http::BodyRules rules;
  rules.grace = std::chrono::milliseconds(200);
  stream.begin_request(h, rules);
  CHECK(read_exactly(stream, head.size()) == head);
  CHECK(read_exactly(stream, 10) == "ab");  // then nothing more came
  CHECK(stream.refused() == 408);
  CHECK_FALSE(stream.is_writable());
  CHECK(pair.peer_receive_now().rfind("HTTP/1.1 408 Request Timeout\r\n", 0) == 0);
  CHECK(stream.write("HTTP/1.1 400 Bad Request\r\n\r\n", 28) ==
        -1);  // the library's answer goes nowhere
  CHECK_FALSE(stream.reusable());
}

TEST_CASE("a body that keeps up with the minimum rate is read whole, past the grace", "[http]") {
  SocketPair pair;
  ConnectionStream stream(pair.server, 2000);
  const std::string head = "POST /x HTTP/1.1\r\nContent-Length: 400\r\n\r\n";
  auto h = buffer_request(pair, stream, head);
  lyssna::http::BodyRules rules;
  rules.grace = std::chrono::milliseconds(1000);
  rules.min_rate = 100;  // bytes a second; the client sends twice that, for two seconds
  stream.begin_request(h, rules);
  std::thread client([&pair] {
    for (int i = 0; i < 20; ++i) {
      if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      send(pair.peer, "0123456789012345678@", 20, MSG_NOSIGNAL);
    }
  });
  CHECK(read_exactly(stream, head.size()) == head);
  CHECK(read_exactly(stream, 400).size() == 400);
  client.join();
  CHECK(stream.refused() == 0);
}

TEST_CASE("a slow body gives its thread up when other connections wait for one", "[http]") {
  lyssna::http::ConnectionThreads pool(1);
  std::promise<void> release;
  auto released = release.get_future().share();
  pool.enqueue([released] { released.wait(); });  // the one thread is busy
  pool.enqueue([] {});                            // and one connection waits
  SocketPair pair;
  ConnectionStream stream(pair.server, 20000);
  const std::string head = "POST /x HTTP/1.1\r\nContent-Length: 10\r\n\r\n";
  auto h = buffer_request(pair, stream, head + "a");
  lyssna::http::BodyRules rules;  // 10 seconds of grace: only the shedding can end it soon
  rules.threads = &pool;
  stream.begin_request(h, rules);
  read_exactly(stream, head.size());
  CHECK(read_exactly(stream, 10) == "a");
  CHECK(stream.refused() == 408);
  release.set_value();
}
