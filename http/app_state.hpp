// What the route handlers share: options, the writer, read connections,
// the survey cache and the cache of rendered first pages.
#pragma once

#include <httplib.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "http/connection_stream.hpp"
#include "http/guess_limiter.hpp"
#include "http/server.hpp"
#include "http/survey_cache.hpp"
#include "collector/storage/connection_pool.hpp"
#include "collector/storage/group_commit_writer.hpp"
#include "indexing/background_indexer.hpp"

namespace lyssna::http {

// Rendered pages that differ only by their record id: stored as the text
// before and after it, so serving one costs two copies and a fresh UUID.
class PageCache {
 public:
  struct Parts {
    std::string before, after;
  };
  using Render = std::function<std::string(const std::string& marker)>;
  // The page for `key`, rendering it once with a marker where the id goes.
  std::shared_ptr<const Parts> get(const std::string& key, const Render& render);
  static constexpr const char* marker = "\x01record-id\x01";

 private:
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const Parts>> pages_;
};

struct Server::State {
  explicit State(ServerOptions o);
  ServerOptions options;
  storage::ConnectionPool readers;
  SurveyCache surveys;
  storage::GroupCommitWriter writer;
  PageCache first_pages;
  GuessLimiter code_guesses;
  std::unique_ptr<indexing::BackgroundIndexer> indexer;
  HttpServer server;
  std::atomic<bool> run_returned{false};
};

// Headers every response carries: no caching of answers, a strict content
// security policy (everything is served from this binary), no referrer.
void set_security_headers(httplib::Response& res);
// The address wrong invitation codes are counted against (never stored).
std::string client_address(const Server::State& state, const httplib::Request& req);
void send_html(httplib::Response& res, int status, const std::string& html);
// {"error": {"status": 422, "message": "...", "field": "answers.x"}}
void send_json_error(httplib::Response& res, int status, const std::string& message,
                     const std::string& field = {});

// Reads a request body of at most `limit` bytes. Throws TooLarge (and asks
// for the connection to close, since the rest is never read) when it is
// larger, BadInput when the client stops sending.
std::string read_body(const httplib::Request& req, httplib::Response& res,
                      const httplib::ContentReader& reader, size_t limit);

// Route registration, one file each.
void register_form_routes(Server::State& state);
void register_api_routes(Server::State& state);
void register_static_routes(Server::State& state);
void register_analysis_routes(Server::State& state);

}  // namespace lyssna::http
