// UTF-8 checks and small string helpers shared by the collector.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lyssna::text {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool is_valid_utf8(std::string_view s);
// Number of code points; `s` must be valid UTF-8.
size_t code_points(std::string_view s);
// Replaces CR LF and lone CR by LF and drops control characters other than
// tab and newline, which browsers and scanners sometimes leave in free text.
std::string normalize_free_text(std::string_view s);
// True when `s` holds a control character other than tab, CR or LF.
bool has_control_characters(std::string_view s);
std::string trim(std::string_view s);
std::vector<std::string> split(std::string_view s, char separator);
// "a, b,,c" -> {"a", "b", "c"}: a comma-separated list, items trimmed, empty ones dropped.
std::vector<std::string> split_list(std::string_view s);
std::string join(const std::vector<std::string>& parts, std::string_view separator);
std::string to_lower_ascii(std::string_view s);
// Lower-case ASCII letters and digits plus the characters in `extra`,
// 1 to `max_length` bytes: the shape of survey, question and option ids.
bool is_identifier(std::string_view s, std::string_view extra = "_-", size_t max_length = 64);

}  // namespace lyssna::text
