// The connection waiter over socket pairs: a whole head is handed on, a
// head that does not finish gets 408, a silent connection is closed
// quietly, refused framing gets 400, and the per-client cap refuses (503)
// or makes an idle connection of the same client step aside.
#include "http/connection_waiter.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <set>

using namespace lyssna::http;
using namespace std::chrono_literals;

namespace {

// What the waiter hands on, for the test to wait for.
struct Handed {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::shared_ptr<Connection>> connections;
  void add(std::shared_ptr<Connection> c) {
    std::lock_guard lock(mutex);
    connections.push_back(std::move(c));
    changed.notify_all();
  }
  bool wait_for(size_t n) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, 5s, [&] { return connections.size() >= n; });
  }
};

// The client's end of a connection whose server end goes to the waiter.
struct Client {
  int fd = -1;
  std::shared_ptr<Connection> server_end;
  Client() {
    int fds[2];
    REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    fd = fds[1];
    server_end = std::make_shared<Connection>(fds[0], 2000, 100);
    server_end->client = "one address";  // socket pairs have none: all count as one client
  }
  ~Client() { close(fd); }
  void send_text(const std::string& text) {
    REQUIRE(::send(fd, text.data(), text.size(), MSG_NOSIGNAL) ==
            static_cast<ssize_t>(text.size()));
  }
  // Everything the server sends until it closes (at most 5 seconds).
  std::string read_to_close() {
    std::string out;
    char buf[4096];
    pollfd p{fd, POLLIN, 0};
    while (poll(&p, 1, 5000) == 1) {
      const ssize_t n = recv(fd, buf, sizeof buf, 0);
      if (n <= 0) return out + "<closed>";
      out.append(buf, static_cast<size_t>(n));
    }
    return out + "<open>";
  }
  bool closed_within(int ms) {
    pollfd p{fd, POLLIN, 0};
    char c;
    return poll(&p, 1, ms) == 1 && recv(fd, &c, 1, MSG_DONTWAIT) == 0;
  }
};

const WaitRules quick{300ms, 300ms, 300ms};

// The process's epoll descriptors (to find the one a waiter made).
std::set<int> epoll_descriptors() {
  std::set<int> out;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    std::error_code error;
    if (std::filesystem::read_symlink(entry.path(), error) == "anon_inode:[eventpoll]")
      out.insert(std::stoi(entry.path().filename().string()));
  }
  return out;
}

}  // namespace

TEST_CASE("a connection whose head is whole is handed on, with the head examined", "[http]") {
  ClientConnections clients(0);
  Handed handed;
  ConnectionWaiter waiter(quick, clients, [&](auto c) { handed.add(std::move(c)); });
  Client client;
  waiter.admit(client.server_end);
  client.send_text("POST /x HTTP/1.1\r\nContent-");  // in two pieces: the first is not enough
  std::this_thread::sleep_for(50ms);
  client.send_text("Length: 3\r\n\r\nabc");
  REQUIRE(handed.wait_for(1));
  auto& c = *handed.connections[0];
  CHECK(c.head.verdict == RequestHead::Verdict::ok);
  CHECK(c.head.content_length == 3u);
  CHECK(c.stream.buffered().substr(c.head.length) == "abc");  // the body came along
  CHECK(clients.count("one address") == 1);                   // counted while it lives
  handed.connections.clear();
  client.server_end.reset();
  CHECK(clients.count("one address") == 0);
}

TEST_CASE("a head that does not arrive whole in time is answered 408 and closed", "[http]") {
  ClientConnections clients(0);
  Handed handed;
  ConnectionWaiter waiter(quick, clients, [&](auto c) { handed.add(std::move(c)); });
  Client client;
  waiter.admit(std::move(client.server_end));
  client.send_text("GET / HTTP/1.1\r\nHost: t\r\n");
  const std::string answer = client.read_to_close();
  CHECK(answer.rfind("HTTP/1.1 408 Request Timeout\r\n", 0) == 0);
  CHECK(answer.find("Connection: close\r\n") != std::string::npos);
  CHECK(answer.substr(answer.size() - 8) == "<closed>");
  CHECK(handed.connections.empty());
}

TEST_CASE("a connection that sends nothing is closed quietly after the idle time", "[http]") {
  ClientConnections clients(0);
  Handed handed;
  ConnectionWaiter waiter(quick, clients, [&](auto c) { handed.add(std::move(c)); });
  Client client;
  waiter.admit(std::move(client.server_end));
  CHECK(client.read_to_close() == "<closed>");
  CHECK(clients.count("one address") == 0);
}

TEST_CASE("a head with ambiguous framing is answered 400 and closed, the rest unread", "[http]") {
  ClientConnections clients(0);
  Handed handed;
  ConnectionWaiter waiter(quick, clients, [&](auto c) { handed.add(std::move(c)); });
  Client client;
  waiter.admit(std::move(client.server_end));
  client.send_text(
      "POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
      "0\r\n\r\nGET /hidden HTTP/1.1\r\n\r\n");
  const std::string answer = client.read_to_close();
  CHECK(answer.rfind("HTTP/1.1 400 Bad Request\r\n", 0) == 0);
  CHECK(answer.find("both Content-Length and Transfer-Encoding") != std::string::npos);
  CHECK(answer.find("HTTP/1.1", 1) == std::string::npos);  // one answer only
  CHECK(handed.connections.empty());
}

TEST_CASE("at the cap a client's idle connection makes room, and with none idle the answer is 503",
          "[http]") {
  ClientConnections clients(2);
  Handed handed;
  ConnectionWaiter waiter(WaitRules{5s, 5s, 300ms}, clients,
                          [&](auto c) { handed.add(std::move(c)); });
  Client idle, busy;
  waiter.admit(idle.server_end);
  idle.server_end.reset();
  waiter.admit(busy.server_end);
  busy.server_end.reset();
  busy.send_text("GET / HTTP/1.1\r\n");  // under way: it keeps its place
  std::this_thread::sleep_for(100ms);

  Client third;
  waiter.admit(third.server_end);
  third.server_end.reset();
  CHECK(idle.closed_within(2000));  // the idle one stepped aside
  CHECK_FALSE(busy.closed_within(200));
  third.send_text("GET / HTTP/1.1\r\n\r\n");
  REQUIRE(handed.wait_for(1));  // and the newcomer is served

  Client fourth;  // two under way (busy, and third being served): no room
  waiter.admit(fourth.server_end);
  fourth.server_end.reset();
  const std::string answer = fourth.read_to_close();
  CHECK(answer.rfind("HTTP/1.1 503 Service Unavailable\r\n", 0) == 0);
  CHECK(answer.substr(answer.size() - 8) == "<closed>");
}

TEST_CASE("at the cap a newcomer waits a moment for a connection coming back idle", "[http]") {
  // A request thread hands a keep-alive connection back just after its
  // client read the answer, and the client's next connection may come first.
  ClientConnections clients(1);
  Handed handed;
  ConnectionWaiter waiter(WaitRules{5s, 5s, 300ms, 2s}, clients,
                          [&](auto c) { handed.add(std::move(c)); });
  Client first;
  waiter.admit(first.server_end);
  first.server_end.reset();
  first.send_text("GET / HTTP/1.1\r\n\r\n");
  REQUIRE(handed.wait_for(1));  // with a "thread" now, not idle in the waiter

  Client second;
  waiter.admit(second.server_end);
  second.server_end.reset();
  CHECK_FALSE(second.closed_within(300));  // no 503 while the first may come back
  auto back = std::move(handed.connections[0]);
  handed.connections.clear();
  char request[64];  // the "thread" reads the request as the library would
  REQUIRE(back->stream.read(request, sizeof request) == 18);
  back->idle_since = std::chrono::steady_clock::now();
  waiter.wait_for_request(std::move(back));  // the answer sent: idle again
  CHECK(first.closed_within(2000));          // it steps aside
  second.send_text("GET / HTTP/1.1\r\n\r\n");
  REQUIRE(handed.wait_for(1));  // and the newcomer is served
}

TEST_CASE("a connection closed softly gets its response and not a reset", "[http]") {
  ClientConnections clients(0);
  Handed handed;
  ConnectionWaiter waiter(quick, clients, [&](auto c) { handed.add(std::move(c)); });
  Client client;
  const std::string response = "HTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\n\r\n";
  REQUIRE(::send(client.server_end->sock, response.data(), response.size(), 0) ==
          static_cast<ssize_t>(response.size()));
  client.send_text(std::string(100000, 'x'));  // a body nobody reads
  waiter.close_softly(std::move(client.server_end));
  CHECK(client.read_to_close() == response + "<closed>");
}

TEST_CASE("a stopping waiter closes what it holds, and what is handed in after", "[http]") {
  ClientConnections clients(0);
  Handed handed;
  auto waiter = std::make_unique<ConnectionWaiter>(WaitRules{5s, 5s, 5s}, clients,
                                                   [&](auto c) { handed.add(std::move(c)); });
  Client partial;
  waiter->admit(std::move(partial.server_end));
  partial.send_text("GET / HTTP/1.1\r\n");
  std::this_thread::sleep_for(100ms);
  waiter->stop();
  CHECK(partial.closed_within(2000));
  Client late;
  waiter->wait_for_request(std::move(late.server_end));  // after stop: closed at once
  CHECK(late.closed_within(2000));
  CHECK(handed.connections.empty());
}

TEST_CASE("a waiter whose wait fails closes what is handed in after, never queues it", "[http]") {
  ClientConnections clients(0);
  Handed handed;
  const auto before = epoll_descriptors();
  ConnectionWaiter waiter(WaitRules{5s, 5s, 5s}, clients,
                          [&](auto c) { handed.add(std::move(c)); });
  std::vector<int> made;
  for (int fd : epoll_descriptors())
    if (!before.count(fd)) made.push_back(fd);
  REQUIRE(made.size() == 1);
  Client held;
  waiter.admit(std::move(held.server_end));
  held.send_text("GET / HTTP/1.1\r\n");
  std::this_thread::sleep_for(100ms);
  // Its epoll descriptor becomes something else: epoll_wait fails (EINVAL).
  const int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
  REQUIRE(dup2(null, made[0]) == made[0]);
  close(null);
  CHECK(held.closed_within(2000));
  std::this_thread::sleep_for(300ms);  // past the wait under way when it was swapped
  Client late;
  waiter.wait_for_request(std::move(late.server_end));
  CHECK(late.closed_within(2000));
  CHECK(handed.connections.empty());
}
