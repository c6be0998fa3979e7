// UTF-8 prefixes (see utf8_prefix.hpp).
#include "util/utf8_prefix.hpp"

namespace lyssna::util {
namespace {

bool continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace

std::string_view utf8_prefix_chars(std::string_view text, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (continuation(text[i])) continue;
    if (chars++ == max_chars) return text.substr(0, i);
  }
  return text;
}

std::string_view utf8_prefix_bytes(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  // Back to the first byte of the character that would be split.
  while (end > 0 && continuation(text[end])) --end;
  return text.substr(0, end);
}

}  // namespace lyssna::util
