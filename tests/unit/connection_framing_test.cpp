// The request head check: where a head ends, what framing it declares, and
// every ambiguous framing refused (RFC 9112 §6.3, §5.1, §5.2, §2.2).
#include "http/connection_framing.hpp"

#include <catch2/catch.hpp>

using lyssna::http::examine_request_head;
using lyssna::http::RequestHead;
using Verdict = RequestHead::Verdict;

namespace {

constexpr size_t limit = 16 * 1024;

RequestHead examine(const std::string& text) {
  return examine_request_head(text, limit);
}

}  // namespace

TEST_CASE("a head ends at its blank line, and what follows is not part of it", "[http][framing]") {
  const std::string head = "POST /s/x HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\n";
  auto h = examine(head + "a=b&cGET / HTTP/1.1\r\n");
  REQUIRE(h.verdict == Verdict::ok);
  CHECK(h.length == head.size());
  CHECK(h.content_length == 5u);
  CHECK_FALSE(h.chunked);

  auto chunked = examine("POST /x HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n");
  REQUIRE(chunked.verdict == Verdict::ok);
  CHECK(chunked.chunked);
  CHECK_FALSE(chunked.content_length);

  auto bodiless = examine("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
  REQUIRE(bodiless.verdict == Verdict::ok);
  CHECK_FALSE(bodiless.content_length);
}

TEST_CASE("a head not yet whole waits, and one larger than the limit is too large",
          "[http][framing]") {
  CHECK(examine("").verdict == Verdict::incomplete);
  CHECK(examine("GET / HTTP/1.1\r\nHost: t\r\n").verdict == Verdict::incomplete);
  CHECK(examine("GET / HTTP/1.1\r\nHost: t\r\n\r").verdict == Verdict::incomplete);
  const std::string huge = "GET / HTTP/1.1\r\nX: " + std::string(limit, 'a');
  CHECK(examine(huge).verdict == Verdict::too_large);
  // The limit counts the head, not the body after it.
  const std::string head = "POST / HTTP/1.1\r\nContent-Length: 99999\r\n\r\n";
  CHECK(examine(head + std::string(limit, 'b')).verdict == Verdict::ok);
}

TEST_CASE("the same Content-Length repeated is one length", "[http][framing]") {
  auto lines = examine("POST / HTTP/1.1\r\nContent-Length: 42\r\nContent-Length: 42\r\n\r\n");
  REQUIRE(lines.verdict == Verdict::ok);
  CHECK(lines.content_length == 42u);
  auto list = examine("POST / HTTP/1.1\r\ncontent-length: 42, 42\r\n\r\n");
  REQUIRE(list.verdict == Verdict::ok);
  CHECK(list.content_length == 42u);
}

TEST_CASE("ambiguous framing is refused", "[http][framing]") {
  // Each with the reason it gives; a proxy in front of us may read any of
  // these differently from cpp-httplib, which would let a request hide in
  // another's body.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"POST / HTTP/1.1\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n",
       "both Content-Length and Transfer-Encoding"},
      {"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 6\r\n\r\n",
       "both Content-Length and Transfer-Encoding"},
      {"POST / HTTP/1.1\r\nContent-Length: 0\r\nContent-Length: 44\r\n\r\n",
       "Content-Length values differ"},
      {"POST / HTTP/1.1\r\nContent-Length: 5, 6\r\n\r\n", "Content-Length is not a number"},
      {"POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n", "Content-Length is not a number"},
      {"POST / HTTP/1.1\r\nContent-Length: +5\r\n\r\n", "Content-Length is not a number"},
      {"POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", "Content-Length is not a number"},
      {"POST / HTTP/1.1\r\nContent-Length: 0x10\r\n\r\n", "Content-Length is not a number"},
      {"POST / HTTP/1.1\r\nContent-Length: 1 2\r\n\r\n", "Content-Length is not a number"},
      {"POST / HTTP/1.1\r\nContent-Length: %34\r\n\r\n", "Content-Length is not a number"},
      {"POST / HTTP/1.1\r\nContent-Length:\r\n\r\n", "Content-Length is not a number"},
      {"POST / HTTP/1.1\r\nContent-Length: 1234567890123456789\r\n\r\n",
       "Content-Length is not a number"},
      {"POST / HTTP/1.1\r\nTransfer-Encoding: xchunked\r\n\r\n",
       "Transfer-Encoding is not chunked"},
      {"POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
       "Transfer-Encoding is not chunked"},
      {"POST / HTTP/1.1\r\nTransfer-Encoding: chunked, identity\r\n\r\n",
       "Transfer-Encoding is not chunked"},
      {"POST / HTTP/1.1\r\nTransfer-Encoding: %63hunked\r\n\r\n",
       "Transfer-Encoding is not chunked"},
      {"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
       "Transfer-Encoding is repeated"},
      {"POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", "Transfer-Encoding in HTTP/1.0"},
      {"POST / HTTP/1.1\r\nX-A: 1\r\n Transfer-Encoding: chunked\r\n\r\n",
       "a header line is folded (obs-fold)"},
      {"POST / HTTP/1.1\r\nX-A: 1\r\n\tchunked\r\n\r\n", "a header line is folded (obs-fold)"},
      {"POST / HTTP/1.1\r\nTransfer-Encoding : chunked\r\n\r\n",
       "a header name is followed by a space"},
      {"POST / HTTP/1.1\r\nTransfer-Encoding\t: chunked\r\n\r\n",
       "a header name is followed by a space"},
      {"POST / HTTP/1.1\r\nTrans(fer: x\r\n\r\n", "a header name is not a token"},
      {"POST / HTTP/1.1\r\n: x\r\n\r\n", "a header name is empty"},
      {"POST / HTTP/1.1\r\nTransfer-Encoding chunked\r\n\r\n", "a header line has no colon"},
      {"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\n\r\n",
       "a line of the head ends in a bare LF"},
      {"POST / HTTP/1.1\nContent-Length: 5\n\n", "a line of the head ends in a bare LF"},
      {"POST / HTTP/1.1\r\nX-A: 1\r2\r\n\r\n", "a header value holds a control character"},
      {std::string("POST / HTTP/1.1\r\nContent-Length: 4\0002\r\n\r\n", 40),
       "a header value holds a control character"},
      {"GET /\r HTTP/1.1\r\n\r\n", "the request line holds a bare CR"},
  };
  for (const auto& [text, problem] : cases) {
    INFO(text);
    auto h = examine(text);
    CHECK(h.verdict == Verdict::refused);
    CHECK(h.problem == problem);
    CHECK(h.length == text.size());
  }
  // An empty line first is a head of its own, without a request line.
  auto empty = examine("\r\nGET / HTTP/1.1\r\n\r\n");
  CHECK(empty.verdict == Verdict::refused);
  CHECK(empty.problem == "the request line is missing");
  CHECK(empty.length == 2);
}

TEST_CASE("header names are matched whatever their case", "[http][framing]") {
  CHECK(examine("POST / HTTP/1.1\r\nCONTENT-LENGTH: 3\r\ntransfer-encoding: chunked\r\n\r\n")
            .verdict == Verdict::refused);
  auto h = examine("POST / HTTP/1.1\r\ncontent-LENGTH: 7\r\n\r\n");
  REQUIRE(h.verdict == Verdict::ok);
  CHECK(h.content_length == 7u);
}

TEST_CASE("ordinary heads pass: browsers' and tools' own", "[http][framing]") {
  const std::vector<std::string> heads = {
      "GET /s/trygghet-demo?lang=sv HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: Mozilla/5.0 "
      "(X11; "
      "Linux x86_64)\r\nAccept: "
      "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8\r\nAccept-Language: "
      "sv-SE,sv;q=0.8,en-US;q=0.5\r\nAccept-Encoding: gzip, deflate, br\r\nConnection: "
      "keep-alive\r\n\r\n",
      "POST /s/x HTTP/1.1\r\nHost: h\r\nContent-Type: "
      "application/x-www-form-urlencoded\r\nContent-Length: "
      "0\r\nOrigin: http://h\r\nX-Empty:\r\nX-Tab:\tvalue\t\r\nX-Utf8: "
      "\xc3\xa5\xc3\xa4\xc3\xb6\r\n\r\n",
      "GET / HTTP/1.0\r\n\r\n",
  };
  for (const auto& text : heads) {
    INFO(text);
    CHECK(examine(text).verdict == Verdict::ok);
  }
}
