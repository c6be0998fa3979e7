// Outcomes to statuses, exceptions to error responses (see status_table.hpp).
#include "http/status_table.hpp"

#include <cstdio>

#include "app/failure.hpp"
#include "collector/form/form_view.hpp"
#include "http/language.hpp"
#include "http/responses.hpp"
#include "http/workspace_view.hpp"
#include "render/template_engine.hpp"

namespace lyssna::http {
namespace {

bool wants_json(const httplib::Request& req) {
  return req.path.rfind("/api/", 0) == 0 || req.path == "/healthz";
}

bool in_workspace(const httplib::Request& req) {
  return req.path == "/workspace" || req.path.rfind("/workspace/", 0) == 0;
}

// A workspace error page in Swedish or English, without the session (the
// error may be that there is none to find).
void send_workspace_error_page(const httplib::Request& req, httplib::Response& res, int status) {
  const std::string lang =
      choose_language(workspace_languages(), "", req.get_header_value("Accept-Language"));
  const char* key = status == 403   ? "ws.error.forbidden"
                    : status == 404 ? "ws.error.not_found"
                    : status < 500  ? "ws.error.bad_request"
                                    : "ws.error.server";
  send_html(res, status, render_workspace_message(lang, key, nullptr), Audience::workspace);
}

// An error page in the language the browser prefers among the catalogs.
void send_error_page(const httplib::Request& req, httplib::Response& res, int status) {
  if (in_workspace(req)) return send_workspace_error_page(req, res, status);
  std::string lang = "en";
  if (auto accept = req.get_header_value("Accept-Language"); !accept.empty()) {
    lang = choose_language({"en", "sv", "ar", "so", "fi", "fa"}, "", accept);
  }
  const char* key = status == 413   ? "error.too_large"
                    : status == 404 ? "error.not_found"
                    : status < 500  ? "error.bad_request"
                                    : "error.server";
  auto view =
      form::message_view(lang, std::string(key) + "_title", std::string(key) + "_body", {}, "");
  send_html(res, status, render::get_template("message").render(view));
}

}  // namespace

int status_of(Outcome outcome) {
  switch (outcome) {
    case Outcome::ok:
      return 200;
    case Outcome::created:
      return 201;
    case Outcome::duplicate:
      return 200;
    case Outcome::malformed:
      return 400;
    case Outcome::invalid:
      return 422;
    case Outcome::too_large:
      return 413;
    case Outcome::not_found:
      return 404;
    case Outcome::conflict:
      return 409;
    case Outcome::closed:
      return 403;
    case Outcome::code_refused:
      return 403;
    case Outcome::too_many_attempts:
      return 429;
    case Outcome::unauthorized:
      return 401;
    case Outcome::forbidden:
      return 403;
    case Outcome::unavailable:
      return 503;
    case Outcome::internal:
      return 500;
  }
  return 500;
}

void send_failure(const httplib::Request& req, httplib::Response& res, std::exception_ptr error) {
  const app::Failure f = app::failure_of(error);
  if (f.public_message != f.message) {
    std::fprintf(stderr, "lyssna: %s on %s %s: %s\n", std::string(outcome_name(f.outcome)).c_str(),
                 req.method.c_str(), req.path.c_str(), f.message.c_str());
  }
  const int status = status_of(f.outcome);
  res.body.clear();
  if (f.outcome == Outcome::too_large)
    res.set_header("Connection", "close");  // the rest is never read
  if (f.outcome == Outcome::unauthorized && !in_workspace(req))
    res.set_header("WWW-Authenticate", "Bearer");
  if (f.retry_after > 0) res.set_header("Retry-After", std::to_string(f.retry_after));
  if (!wants_json(req)) return send_error_page(req, res, status);
  nlohmann::json body = {{"status", status}, {"message", f.public_message}};
  if (!f.field.empty()) body["field"] = f.field;
  if (!f.problems.empty()) {
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& [field, message] : f.problems)
      problems.push_back({{"field", field}, {"message", message}});
    body["problems"] = problems;
  }
  send_json(res, status, {{"error", body}});
}

void send_library_error(const httplib::Request& req, httplib::Response& res) {
  if (wants_json(req)) {
    send_json(res, res.status,
              {{"error",
                {{"status", res.status},
                 {"message", res.status == 404 ? "no such resource" : "request refused"}}}});
  } else {
    send_error_page(req, res, res.status);
  }
}

}  // namespace lyssna::http
