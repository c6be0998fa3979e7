// RFC 3339 timestamps: parsing (for records and survey dates) and
// formatting; the time now, and a way to hand another clock to rules.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace lyssna::clock {

// Seconds since the Unix epoch of an RFC 3339 timestamp such as
// "2026-03-04T18:22:05Z" or "2026-03-04T19:22:05.250+01:00"; nullopt when the
// text is not one (bad shape, day 31 in April, hour 24, ...).
std::optional<int64_t> parse_rfc3339(std::string_view text);
// Accepts a plain date "2026-03-04" (midnight UTC) as well as RFC 3339.
std::optional<int64_t> parse_date_or_timestamp(std::string_view text);
// A bound of a date range: a plain date means its first second, or its last
// when `end_of_day` ("--to 2026-03-04" includes that day); or RFC 3339.
std::optional<int64_t> parse_range_bound(std::string_view text, bool end_of_day);
// "2026-03-04T18:22:05Z".
std::string format_rfc3339(int64_t epoch_seconds);
// "2026-03-04".
std::string format_date(int64_t epoch_seconds);
int64_t now_seconds();
// A source of the time in seconds since the epoch, for rules that tests
// drive through time (session timeouts, login delays): now_seconds in the
// program, a counter the test moves in a test.
using Now = std::function<int64_t()>;

}  // namespace lyssna::clock
