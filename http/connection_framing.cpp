// The request head check (see connection_framing.hpp).
#include "http/connection_framing.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

namespace lyssna::http {
namespace {

bool is_token_char(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c != 0 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr);
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x >= 'A' && x <= 'Z' ? x + 32 : x) == (y >= 'A' && y <= 'Z' ? y + 32 : y);
         });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A Content-Length value: one number, or the same number repeated as a
// list ("42, 42", which RFC 9110 §8.6 lets us read as 42). Eighteen digits
// at most, so it cannot overflow.
std::optional<uint64_t> parse_content_length(std::string_view value) {
  std::optional<uint64_t> result;
  while (true) {
    const size_t comma = value.find(',');
    const std::string_view element = trim(value.substr(0, comma));
    if (element.empty() || element.size() > 18 ||
        !std::all_of(element.begin(), element.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return std::nullopt;
    }
    uint64_t n = 0;
    for (char c : element) n = n * 10 + static_cast<uint64_t>(c - '0');
    if (result && *result != n) return std::nullopt;
    result = n;
    if (comma == std::string_view::npos) return result;
    value.remove_prefix(comma + 1);
  }
}

RequestHead refuse(RequestHead head, const char* problem) {
  head.verdict = RequestHead::Verdict::refused;
  head.problem = problem;
  return head;
}

}  // namespace

RequestHead examine_request_head(std::string_view buffered, size_t max_head) {
  RequestHead head;
  const std::string_view window = buffered.substr(0, std::min(buffered.size(), max_head));
  // Lines end at LF; the head ends at the first empty line. A line that
  // does not end in CRLF is noted: cpp-httplib skips such header lines,
  // where a proxy may have read them.
  std::vector<std::string_view> lines;
  bool bare_lf = false;
  size_t pos = 0;
  while (true) {
    const size_t lf = window.find('\n', pos);
    if (lf == std::string_view::npos) {
      head.verdict = buffered.size() >= max_head ? RequestHead::Verdict::too_large
                                                 : RequestHead::Verdict::incomplete;
      return head;
    }
    std::string_view line = window.substr(pos, lf - pos);
    if (line.empty() || line.back() != '\r') {
      bare_lf = true;
    } else {
      line.remove_suffix(1);
    }
    pos = lf + 1;
    if (line.empty()) break;
    lines.push_back(line);
  }
  head.length = pos;
  if (bare_lf) return refuse(std::move(head), "a line of the head ends in a bare LF");
  if (lines.empty()) return refuse(std::move(head), "the request line is missing");
  const std::string_view request_line = lines.front();
  if (request_line.find('\r') != std::string_view::npos) {
    return refuse(std::move(head), "the request line holds a bare CR");
  }
  const bool http_1_0 =
      request_line.size() >= 8 && request_line.substr(request_line.size() - 8) == "HTTP/1.0";

  bool transfer_encoding = false;
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    if (line.front() == ' ' || line.front() == '\t') {
      return refuse(std::move(head), "a header line is folded (obs-fold)");
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos)
      return refuse(std::move(head), "a header line has no colon");
    const std::string_view name = line.substr(0, colon);
    for (unsigned char c : name) {
      if (c == ' ' || c == '\t')
        return refuse(std::move(head), "a header name is followed by a space");
      if (!is_token_char(c)) return refuse(std::move(head), "a header name is not a token");
    }
    if (name.empty()) return refuse(std::move(head), "a header name is empty");
    const std::string_view value = trim(line.substr(colon + 1));
    for (unsigned char c : value) {
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return refuse(std::move(head), "a header value holds a control character");
      }
    }
    if (iequals(name, "Content-Length")) {
      const auto length = parse_content_length(value);
      if (!length) return refuse(std::move(head), "Content-Length is not a number");
      if (head.content_length && *head.content_length != *length) {
        return refuse(std::move(head), "Content-Length values differ");
      }
      head.content_length = length;
    } else if (iequals(name, "Transfer-Encoding")) {
      if (transfer_encoding) return refuse(std::move(head), "Transfer-Encoding is repeated");
      transfer_encoding = true;
      if (!iequals(value, "chunked"))
        return refuse(std::move(head), "Transfer-Encoding is not chunked");
      head.chunked = true;
    }
  }
  if (head.chunked && head.content_length) {
    return refuse(std::move(head), "both Content-Length and Transfer-Encoding");
  }
  if (head.chunked && http_1_0) return refuse(std::move(head), "Transfer-Encoding in HTTP/1.0");
  head.verdict = RequestHead::Verdict::ok;
  return head;
}

}  // namespace lyssna::http
