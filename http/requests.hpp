// Reading requests: bodies within a limit, the client's address (for the
// invitation code limit, memory only), the bearer token, parameters.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace lyssna::http {

// Reads a request body of at most `limit` bytes. Throws TooLarge when it is
// larger (the connection then closes, since the rest is never read),
// BadInput when the client stops sending.
std::string read_body(const httplib::Request& req, const httplib::ContentReader& reader,
                      size_t limit);
// A body that must be a JSON object (empty: an empty object). Throws BadInput.
nlohmann::json read_json_object(const httplib::Request& req, const httplib::ContentReader& reader,
                                size_t limit);

// The address wrong invitation codes are counted against: the peer, or
// behind a reverse proxy the last X-Forwarded-For entry (the proxy's own).
std::string client_address(const httplib::Request& req, bool behind_proxy);
// The token of `Authorization: Bearer <token>`; nullopt without one.
// Throws Unauthorized for another kind of Authorization header.
std::optional<std::string_view> bearer_token(const httplib::Request& req);

// Query parameters. Each throws BadInput naming the parameter.
std::optional<std::string> optional_param(const httplib::Request& req, const char* name);
std::vector<std::string> list_param(const httplib::Request& req, const char* name);
int64_t number_param(const httplib::Request& req, const char* name, int64_t fallback, int64_t min,
                     int64_t max);
// A date (2026-03-01, at the day's end when `end_of_day`) or an RFC 3339 timestamp.
std::optional<int64_t> date_param(const httplib::Request& req, const char* name, bool end_of_day);
bool flag_param(const httplib::Request& req, const char* name);

// A whole number in [min, max] from the field `name` of a JSON body, or
// `fallback` when the body has no such field. Throws Invalid naming the
// field for anything else: another type, a fraction, a value out of range.
int64_t number_field(const nlohmann::json& body, const char* name, int64_t fallback, int64_t min,
                     int64_t max);

}  // namespace lyssna::http
