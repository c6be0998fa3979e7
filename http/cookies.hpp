// The workspace's one cookie: the session id, set at sign-in and cleared at
// sign-out or when the session has ended. Nothing else sets a cookie: the
// residents' pages never do.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <httplib.h>

namespace lyssna::http {

// The session cookie's name: "__Host-lyssna_session" under TLS (a browser
// then takes it only with Secure, Path=/ and no Domain, so a neighbouring
// subdomain or a plain-HTTP page cannot plant one), else "lyssna_session".
std::string session_cookie_name(bool secure);
// The value of the cookie `name` in the request's Cookie headers; the
// first when there are several.
std::optional<std::string> cookie_value(const httplib::Request& req, std::string_view name);
// `Set-Cookie` values: a session cookie (no Max-Age: the browser forgets
// it when it closes; the server's timeouts end it in any case) that
// scripts cannot read (HttpOnly), sent on same-site requests only
// (SameSite=Strict), for the whole server (Path=/), Secure under TLS; and
// one that clears it.
std::string session_cookie(bool secure, std::string_view value);
std::string clearing_cookie(bool secure);

}  // namespace lyssna::http
