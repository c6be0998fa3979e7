// Response helpers (see responses.hpp).
#include "http/responses.hpp"

#include "http/status_table.hpp"

namespace lyssna::http {

void set_security_headers(httplib::Response& res, Audience audience) {
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                 "form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
  res.set_header("X-Content-Type-Options", "nosniff");
  if (audience == Audience::residents) {
    res.set_header("Referrer-Policy", "no-referrer");
    return;
  }
  res.set_header("Referrer-Policy", "same-origin");
  res.set_header("Cross-Origin-Opener-Policy", "same-origin");
  res.set_header("Cross-Origin-Resource-Policy", "same-origin");
  res.set_header("X-Frame-Options", "DENY");
}

void send_html(httplib::Response& res, int status, const std::string& html, Audience audience) {
  res.status = status;
  set_security_headers(res, audience);
  res.set_header("Cache-Control", "no-store");
  res.set_content(html, "text/html; charset=utf-8");
}

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  set_security_headers(res);
  res.set_header("Cache-Control", "no-store");
  res.set_content(body.dump(), "application/json");
}

void send_json(httplib::Response& res, Outcome outcome, const nlohmann::json& body) {
  send_json(res, status_of(outcome), body);
}

void send_redirect(httplib::Response& res, const std::string& location, Audience audience) {
  res.status = 303;
  set_security_headers(res, audience);
  res.set_header("Cache-Control", "no-store");
  res.set_header("Location", location);
}

}  // namespace lyssna::http
