// Server setup and the one place where exceptions become HTTP errors.
#include "http/server.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include <sys/socket.h>

#include "analysis/analysis_error.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"
#include "collector/form/form_view.hpp"
#include "http/app_state.hpp"
#include "http/language.hpp"
#include "render/template_engine.hpp"
#include "collector/storage/schema.hpp"

namespace lyssna::http {
namespace {

bool wants_json(const httplib::Request& req) {
  return req.path.rfind("/api/", 0) == 0 || req.path == "/healthz";
}

// An error page in the language the browser prefers among the catalogs.
void send_error_page(const httplib::Request& req, httplib::Response& res, int status,
                     const std::string& title_key, const std::string& body_key) {
  std::string lang = "en";
  if (auto accept = req.get_header_value("Accept-Language"); !accept.empty()) {
    lang = choose_language({"en", "sv", "ar", "so", "fi", "fa"}, "", accept);
  }
  auto view = form::message_view(lang, title_key, body_key, {}, "");
  send_html(res, status, render::get_template("message").render(view));
}

}  // namespace

void set_security_headers(httplib::Response& res) {
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                 "form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
}

void send_html(httplib::Response& res, int status, const std::string& html) {
  res.status = status;
  set_security_headers(res);
  res.set_header("Cache-Control", "no-store");
  res.set_content(html, "text/html; charset=utf-8");
}

void send_json_error(httplib::Response& res, int status, const std::string& message,
                     const std::string& field) {
  nlohmann::json error = {{"status", status}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(nlohmann::json{{"error", error}}.dump(), "application/json");
}

std::string read_body(const httplib::Request& req, httplib::Response& res,
                      const httplib::ContentReader& reader, size_t limit) {
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
  if (too_large) {
    res.set_header("Connection", "close");
    throw TooLarge("the request body is larger than " + std::to_string(limit) + " bytes");
  }
  return body;
}

Server::State::State(ServerOptions o)
    : options(std::move(o)),
      readers(options.db_path),
      surveys(readers),
      writer(options.db_path),
      code_guesses(GuessLimiter::Limits{options.max_code_failures, 900, 100000}),
      server(static_cast<size_t>(options.threads)) {}

std::string client_address(const Server::State& s, const httplib::Request& req) {
  if (s.options.behind_proxy) {
    const std::string forwarded = req.get_header_value("X-Forwarded-For");
    const auto comma = forwarded.rfind(',');
    std::string last = text::trim(comma == std::string::npos ? forwarded : forwarded.substr(comma + 1));
    if (!last.empty()) return last;
  }
  return req.remote_addr;
}

Server::Server(ServerOptions options) {
  storage::open_database(options.db_path);  // creates the file and applies migrations
  state_ = std::make_unique<State>(std::move(options));
  auto& s = *state_;
  s.server.set_keep_alive_max_count(1000);
  s.server.set_read_timeout(30);
  s.server.set_write_timeout(30);
  s.server.set_payload_max_length(std::max(s.options.max_form_body, s.options.max_api_body));
  s.server.set_tcp_nodelay(true);

  // cpp-httplib tries routes in registration order, each with std::regex:
  // the resident's form, the busiest page, goes first.
  register_form_routes(s);
  register_static_routes(s);
  register_api_routes(s);
  register_analysis_routes(s);
  if (s.options.index_in_background) {
    s.indexer = std::make_unique<indexing::BackgroundIndexer>(s.options.db_path);
    s.writer.set_after_commit([&s] { s.indexer->notify(); });
  }

  s.server.set_exception_handler([](const httplib::Request& req, httplib::Response& res,
                                    std::exception_ptr ep) {
    int status = 500;
    std::string message = "internal error";
    std::string field;
    try {
      std::rethrow_exception(ep);
    } catch (const TooLarge& e) {
      status = 413, message = e.what(), field = e.field();
    } catch (const BadInput& e) {
      status = 400, message = e.what(), field = e.field();
    } catch (const NotFound& e) {
      status = 404, message = e.what();
    } catch (const Conflict& e) {
      status = 409, message = e.what();
    } catch (const Forbidden& e) {
      status = 403, message = e.what();
    } catch (const analysis::BadSpecification& e) {
      status = 400, message = e.what();
    } catch (const analysis::IndexBusy& e) {
      status = 503, message = e.what();
    } catch (const StorageError& e) {
      status = 503, message = "storage unavailable; nothing was stored";
      std::fprintf(stderr, "lyssna: storage error: %s\n", e.what());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "lyssna: error on %s %s: %s\n", req.method.c_str(), req.path.c_str(), e.what());
    }
    res.body.clear();
    if (wants_json(req)) {
      send_json_error(res, status, message, field);
    } else if (status == 413) {
      send_error_page(req, res, status, "error.too_large_title", "error.too_large_body");
    } else if (status == 400) {
      send_error_page(req, res, status, "error.bad_request_title", "error.bad_request_body");
    } else if (status == 404) {
      send_error_page(req, res, status, "error.not_found_title", "error.not_found_body");
    } else {
      send_error_page(req, res, status, "error.server_title", "error.server_body");
    }
  });
  // Statuses set by the library itself (no route, body too large) arrive
  // here without a body; responses our handlers wrote are left alone.
  s.server.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    if (wants_json(req)) {
      send_json_error(res, res.status, res.status == 404 ? "no such resource" : "request refused");
    } else if (res.status == 413) {
      send_error_page(req, res, 413, "error.too_large_title", "error.too_large_body");
    } else if (res.status == 404) {
      send_error_page(req, res, 404, "error.not_found_title", "error.not_found_body");
    } else {
      send_error_page(req, res, res.status, "error.bad_request_title", "error.bad_request_body");
    }
    return httplib::Server::HandlerResponse::Handled;
  }));
  if (s.options.access_log) {
    s.server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      // The path only: query strings can carry invitation codes.
      std::fprintf(stderr, "%s %s %d\n", req.method.c_str(), req.path.c_str(), res.status);
    });
  }
}

Server::~Server() = default;

int Server::bind() {
  auto& s = *state_;
  // The library listens with a backlog of 5: a burst of residents opening
  // the form at once would see dropped connections and one-second retries.
  // Capture the listening socket to raise it. Only SO_REUSEADDR, never
  // SO_REUSEPORT: a second server on the same port must fail, not share it.
  int listening = -1;
  s.server.set_socket_options([&listening](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listening = sock;
  });
  int port = s.options.port;
  if (port == 0) {
    port = s.server.bind_to_any_port(s.options.bind);
  } else if (!s.server.bind_to_port(s.options.bind, port)) {
    port = -1;
  }
  if (port < 0) {
    throw Error("cannot listen on " + s.options.bind + ":" + std::to_string(s.options.port) +
                " (in use, or not an address of this machine?)");
  }
  if (listening >= 0) ::listen(listening, 1024);
  return port;
}

void Server::run() {
  state_->server.listen_after_bind();
  state_->run_returned = true;
}

void Server::stop() {
  // The library's stop() does nothing until listen_after_bind() has marked
  // the server running: a SIGTERM right after start would be lost and the
  // server would serve on. Wait for that moment (or for run() to be over).
  auto& s = *state_;
  while (!s.server.is_running() && !s.run_returned) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  s.server.stop();
}

}  // namespace lyssna::http
