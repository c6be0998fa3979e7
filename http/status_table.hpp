// The one table from the application's outcomes to HTTP statuses, and the
// one place where an exception becomes an HTTP error (JSON for the API,
// a page in the browser's language for people).
#pragma once

#include <exception>

#include <httplib.h>

#include "util/errors.hpp"

namespace lyssna::http {

int status_of(Outcome outcome);

// Answers `req` with the error `error` stands for: its status, its message
// (an internal or storage error's detail goes to stderr, not to the
// client), `Retry-After` and `WWW-Authenticate` where they apply.
void send_failure(const httplib::Request& req, httplib::Response& res, std::exception_ptr error);
// For statuses the library sets itself (no route, a body too large to read).
void send_library_error(const httplib::Request& req, httplib::Response& res);

}  // namespace lyssna::http
