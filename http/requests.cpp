// Request helpers (see requests.hpp).
#include "http/requests.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "collector/interchange/json_reader.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace lyssna::http {

std::string read_body(const httplib::Request& req, const httplib::ContentReader& reader,
                      size_t limit) {
  const std::string declared = req.get_header_value("Content-Length");
  bool too_large = !declared.empty() && std::strtoull(declared.c_str(), nullptr, 10) > limit;
  std::string body;
  if (!too_large) {
    bool complete = reader([&](const char* data, size_t length) {
      if (body.size() + length > limit) {
        too_large = true;
        return false;
      }
      body.append(data, length);
      return true;
    });
    if (!complete && !too_large) throw BadInput("the request body could not be read");
  }
  if (too_large)
    throw TooLarge("the request body is larger than " + std::to_string(limit) + " bytes");
  return body;
}

nlohmann::json read_json_object(const httplib::Request& req, const httplib::ContentReader& reader,
                                size_t limit) {
  const std::string body = read_body(req, reader, limit);
  if (text::trim(body).empty()) return nlohmann::json::object();
  nlohmann::json j = interchange::parse_json(body);  // the strict reader of `lyssna import`
  if (!j.is_object()) throw BadInput("the body must be a JSON object");
  return j;
}

std::string client_address(const httplib::Request& req, bool behind_proxy) {
  if (behind_proxy) {
    const std::string forwarded = req.get_header_value("X-Forwarded-For");
    const auto comma = forwarded.rfind(',');
    std::string last =
        text::trim(comma == std::string::npos ? forwarded : forwarded.substr(comma + 1));
    if (!last.empty()) return last;
  }
  return req.remote_addr;
}

std::optional<std::string_view> bearer_token(const httplib::Request& req) {
  auto it = req.headers.find("Authorization");
  if (it == req.headers.end()) return std::nullopt;
  std::string_view header = it->second;
  constexpr std::string_view prefix = "Bearer ";
  if (header.substr(0, prefix.size()) != prefix)
    throw Unauthorized("a valid bearer token is required");
  return header.substr(prefix.size());
}

std::optional<std::string> optional_param(const httplib::Request& req, const char* name) {
  if (!req.has_param(name) || req.get_param_value(name).empty()) return std::nullopt;
  return req.get_param_value(name);
}

std::vector<std::string> list_param(const httplib::Request& req, const char* name) {
  return text::split_list(req.get_param_value(name));
}

int64_t number_param(const httplib::Request& req, const char* name, int64_t fallback, int64_t min,
                     int64_t max) {
  if (!req.has_param(name)) return fallback;
  const std::string v = req.get_param_value(name);
  char* end = nullptr;
  errno = 0;
  const long long n = std::strtoll(v.c_str(), &end, 10);
  if (!v.empty() && *end == '\0' && errno == 0 && n >= min && n <= max) return n;
  throw BadInput(std::string("parameter '") + name + "' must be a whole number from " +
                     std::to_string(min) + " to " + std::to_string(max),
                 name);
}

std::optional<int64_t> date_param(const httplib::Request& req, const char* name, bool end_of_day) {
  auto v = optional_param(req, name);
  if (!v) return std::nullopt;
  auto t = clock::parse_range_bound(*v, end_of_day);
  if (!t)
    throw BadInput(std::string("parameter '") + name + "' must be a date or an RFC 3339 timestamp",
                   name);
  return t;
}

bool flag_param(const httplib::Request& req, const char* name) {
  const std::string v = req.get_param_value(name);
  return v == "1" || v == "true" || v == "yes";
}

int64_t number_field(const nlohmann::json& body, const char* name, int64_t fallback, int64_t min,
                     int64_t max) {
  auto it = body.find(name);
  if (it == body.end()) return fallback;
  // Compared before any conversion: 1e30 or 2^64 do not fit an int64_t.
  if (it->is_number_unsigned()) {
    const auto n = it->get<uint64_t>();
    if (max >= 0 && n <= static_cast<uint64_t>(max) && static_cast<int64_t>(n) >= min)
      return static_cast<int64_t>(n);
  } else if (it->is_number_integer()) {
    const auto n = it->get<int64_t>();
    if (n >= min && n <= max) return n;
  } else if (it->is_number_float()) {
    const double d = it->get<double>();
    if (std::isfinite(d) && std::fabs(d) < 9e15 && std::floor(d) == d &&
        d >= static_cast<double>(min) && d <= static_cast<double>(max))
      return static_cast<int64_t>(d);
  }
  throw Invalid(std::string("field '") + name + "' must be a whole number from " +
                    std::to_string(min) + " to " + std::to_string(max),
                name);
}

}  // namespace lyssna::http
