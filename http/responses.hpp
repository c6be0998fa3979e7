// Writing responses: every one carries the security headers, and nothing
// that carries answers or analyses is cached.
#pragma once

#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "util/errors.hpp"

namespace lyssna::http {

// A strict content security policy (everything is served from this
// binary), nosniff, no referrer, no framing. On every response.
void set_security_headers(httplib::Response& res);
void send_html(httplib::Response& res, int status, const std::string& html);
void send_json(httplib::Response& res, int status, const nlohmann::json& body);
// The status of `outcome` (status_table.hpp).
void send_json(httplib::Response& res, Outcome outcome, const nlohmann::json& body);

}  // namespace lyssna::http
