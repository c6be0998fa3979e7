// URL-encoded form decoding (see form_body.hpp).
#include "http/form_body.hpp"

#include "util/errors.hpp"

namespace lyssna::http {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A name or value of the body: '+' is a space, %XX a byte.
std::string form_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%') {
      int hi = i + 1 < s.size() ? hex_value(s[i + 1]) : -1;
      int lo = i + 2 < s.size() ? hex_value(s[i + 2]) : -1;
      if (hi < 0 || lo < 0) throw BadInput("the form data has a malformed %-escape");
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

form::FormFields parse_urlencoded(std::string_view body, size_t max_fields) {
  form::FormFields fields;
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('&', start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view pair = body.substr(start, end - start);
    if (!pair.empty()) {
      if (fields.size() >= max_fields) throw TooLarge("the form has too many fields");
      size_t eq = pair.find('=');
      std::string name = form_decode(pair.substr(0, eq));
      std::string value =
          eq == std::string_view::npos ? std::string() : form_decode(pair.substr(eq + 1));
      fields.emplace(std::move(name), std::move(value));
    }
    start = end + 1;
  }
  return fields;
}

}  // namespace lyssna::http
