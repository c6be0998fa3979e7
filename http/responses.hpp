// Writing responses: every one carries the security headers (one place for
// them), and nothing that carries answers, analyses or workspace pages is
// cached.
#pragma once

#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "util/errors.hpp"

namespace lyssna::http {

// Whose pages: the residents' (the form, the front page, the JSON API) or
// the staff's workspace (signed in, free text on its pages).
enum class Audience { residents, workspace };

// On every response: a strict content security policy (everything is
// served from this binary: no inline script or style, no framing, forms
// post only here), nosniff. Residents' pages send no referrer at all; the
// workspace's send it to itself only (same-origin), so that a browser
// names the workspace as the Origin of its own form posts (a request's
// Origin is "null" under no-referrer), which the CSRF check compares; and
// the workspace is also kept out of other sites' windows and embeds
// (Cross-Origin-Opener-Policy, Cross-Origin-Resource-Policy, X-Frame-Options).
void set_security_headers(httplib::Response& res, Audience audience = Audience::residents);
void send_html(httplib::Response& res, int status, const std::string& html,
               Audience audience = Audience::residents);
void send_json(httplib::Response& res, int status, const nlohmann::json& body);
// The status of `outcome` (status_table.hpp).
void send_json(httplib::Response& res, Outcome outcome, const nlohmann::json& body);
// 303 See Other to a path of this server, not cached, with the headers.
void send_redirect(httplib::Response& res, const std::string& location,
                   Audience audience = Audience::residents);

}  // namespace lyssna::http
