// The session cookie (see cookies.hpp).
#include "http/cookies.hpp"

#include "util/text.hpp"

namespace lyssna::http {
namespace {

std::string cookie_attributes(bool secure) {
  return std::string("; Path=/; HttpOnly; SameSite=Strict") + (secure ? "; Secure" : "");
}

}  // namespace

std::string session_cookie_name(bool secure) {
  return secure ? "__Host-lyssna_session" : "lyssna_session";
}

std::optional<std::string> cookie_value(const httplib::Request& req, std::string_view name) {
  auto range = req.headers.equal_range("Cookie");
  for (auto it = range.first; it != range.second; ++it) {
    for (const std::string& pair : text::split(it->second, ';')) {
      const std::string trimmed = text::trim(pair);
      const auto eq = trimmed.find('=');
      if (eq == std::string::npos) continue;
      if (std::string_view(trimmed).substr(0, eq) != name) continue;
      std::string value = trimmed.substr(eq + 1);
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
        value = value.substr(1, value.size() - 2);
      return value;
    }
  }
  return std::nullopt;
}

std::string session_cookie(bool secure, std::string_view value) {
  return session_cookie_name(secure) + "=" + std::string(value) + cookie_attributes(secure);
}

std::string clearing_cookie(bool secure) {
  return session_cookie_name(secure) + "=" + cookie_attributes(secure) +
         "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT";
}

}  // namespace lyssna::http
