// What the connection loop relies on in cpp-httplib (the list at the top of
// http/connection_stream.cpp): the pinned version, and process_request's
// behaviour over a ConnectionStream. When one of these fails after an
// upgrade, re-check that whole list before changing LYSSNA_HTTPLIB_VERSION.
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>

#include "http/connection_stream.hpp"

using namespace lyssna::http;

namespace {

// process_request is protected: the loop calls it as a subclass does.
struct Library : httplib::Server {
  using httplib::Server::process_request;
};

// A request sent from a socket pair's far end and taken into a stream's
// buffer, as the connection waiter does, then answered by process_request.
struct Exchange {
  int fds[2];
  std::unique_ptr<ConnectionStream> stream;
  std::string answer;
  Exchange(Library& library, const std::string& request) {
    REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    timeval tv{2, 0};
    setsockopt(fds[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fds[1], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    stream = std::make_unique<ConnectionStream>(fds[0], 2000);
    REQUIRE(send(fds[1], request.data(), request.size(), 0) ==
            static_cast<ssize_t>(request.size()));
    REQUIRE(stream->fill() == static_cast<ssize_t>(request.size()));
    const auto head = examine_request_head(stream->buffered(), ConnectionStream::max_head);
    REQUIRE(head.verdict == RequestHead::Verdict::ok);
    stream->begin_request(head, BodyRules{});
    bool closed = false;
    CHECK(library.process_request(*stream, false, closed, nullptr));
    REQUIRE(stream->flush());
    char buf[65536];
    const ssize_t n = recv(fds[1], buf, sizeof buf, MSG_DONTWAIT);
    if (n > 0) answer.assign(buf, static_cast<size_t>(n));
  }
  ~Exchange() {
    close(fds[0]);
    close(fds[1]);
  }
};

}  // namespace

TEST_CASE("cpp-httplib is the version the connection loop was written for", "[http]") {
  INFO("cpp-httplib " CPPHTTPLIB_VERSION " is not " LYSSNA_HTTPLIB_VERSION
       ": re-check what http/connection_stream.cpp relies on (listed at its top)");
  CHECK(std::string(CPPHTTPLIB_VERSION) == LYSSNA_HTTPLIB_VERSION);
}

TEST_CASE("process_request reads its own request and not the next", "[http]") {
  Library library;
  library.Get("/a", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("a", "text/plain");
  });
  library.Post("/b", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.body, "text/plain");
  });
  const std::string next = "GET /a HTTP/1.1\r\n\r\n";
  Exchange get(library, "GET /a HTTP/1.1\r\nHost: t\r\n\r\n" + next);
  CHECK(get.answer.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
  CHECK(get.stream->buffered() == next);
  CHECK(get.stream->reusable());

  Exchange post(library, "POST /b HTTP/1.1\r\nContent-Length: 3\r\n\r\nxyz" + next);
  CHECK(post.answer.substr(post.answer.size() - 3) == "xyz");
  CHECK(post.stream->buffered() == next);
  CHECK(post.stream->reusable());
}

TEST_CASE("a GET's body is left unread, so its connection cannot go on", "[http]") {
  Library library;
  library.Get("/a", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("a", "text/plain");
  });
  Exchange get(library, "GET /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello");
  CHECK(get.answer.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
  CHECK(get.stream->buffered() == "hello");
  CHECK_FALSE(get.stream->reusable());
}

TEST_CASE("a handler's Connection: close is seen in the response head", "[http]") {
  // The library writes the head in one piece and keeps the connection
  // itself: the stream has to notice.
  Library library;
  library.Get("/close", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Connection", "close");
    res.set_content("bye", "text/plain");
  });
  library.Get("/stay", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("hi", "text/plain");
  });
  Exchange closing(library, "GET /close HTTP/1.1\r\n\r\n");
  CHECK(closing.answer.find("Connection: close\r\n") != std::string::npos);
  CHECK_FALSE(closing.stream->reusable());
  Exchange staying(library, "GET /stay HTTP/1.1\r\n\r\n");
  CHECK(staying.stream->reusable());
}

TEST_CASE("a head the library cannot parse is not read whole, so its connection ends", "[http]") {
  Library library;
  Exchange bad(library, "BAD\r\nHost: t\r\n\r\n");
  CHECK(bad.answer.rfind("HTTP/1.1 400", 0) == 0);
  CHECK_FALSE(bad.stream->reusable());
}
