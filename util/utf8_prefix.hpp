// Cutting UTF-8 text to a file format's limit without splitting a
// character (XLSX cells count characters, SPSS and Stata strings bytes).
#pragma once

#include <cstddef>
#include <string_view>

namespace lyssna::util {

// The longest prefix of `text` of at most `max_chars` code points.
std::string_view utf8_prefix_chars(std::string_view text, size_t max_chars);
// The longest prefix of at most `max_bytes` bytes that ends between characters.
std::string_view utf8_prefix_bytes(std::string_view text, size_t max_bytes);

}  // namespace lyssna::util
