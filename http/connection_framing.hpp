// Where a buffered request head ends and how its body is framed. Refuses the
// framings a proxy in front of us could read differently (RFC 9112 §6.3):
// checked before cpp-httplib, which is lenient, ever parses the head.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lyssna::http {

struct RequestHead {
  enum class Verdict {
    incomplete,  // no blank line yet: wait for more
    too_large,   // no blank line within the limit (431)
    refused,     // ambiguous or malformed framing (400, then close)
    ok,
  };
  Verdict verdict = Verdict::incomplete;
  size_t length = 0;  // bytes of the head with its blank line (ok and refused)
  std::optional<uint64_t> content_length;
  bool chunked = false;
  std::string problem;  // why it was refused: fixed text, never the client's bytes
};

// Examines the start of `buffered` (what the client sent from the start of a
// request). Refuses: both Content-Length and Transfer-Encoding; differing or
// non-numeric Content-Length values; any Transfer-Encoding but one `chunked`,
// and any in HTTP/1.0; obs-fold (a line starting with a space or tab); a
// field name that is not a token or has space before its colon; a line
// without a colon; a bare CR or LF; control characters in a value. Pure.
RequestHead examine_request_head(std::string_view buffered, size_t max_head);

}  // namespace lyssna::http
