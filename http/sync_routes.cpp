// The central server's sync API (docs/api.md, docs/sync.md), for laptops
// that present a sync token (`lyssna token new`) as Authorization: Bearer.
// Routes:
//   GET  /api/v1/sync/surveys[?survey=ID&survey=ID...]
//        {"surveys": [bundle...], "sessions": [session line...]}: the
//        surveys' bundles (app/survey_bundle.hpp) and their sessions not
//        yet closed; 401 no, a wrong or a revoked token; 404 a survey not here.
//   POST /api/v1/sync/lines   a batch of the contract's JSON Lines
//        (records, sessions, votes), stored in one transaction and answered
//        200 {"lines": [{"line", "kind", "status", "field", "reason"}...],
//        "counts": {...}} only once durable; 401 as above (nothing read or
//        stored); 413 over 16 MiB or 20,000 lines; 503 the transaction failed.
#include <httplib.h>

#include "app/sync_central.hpp"
#include "app/sync_tokens.hpp"
#include "http/requests.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"

namespace lyssna::http {

void register_sync_routes(HttpServer& server, app::Services& app) {
  server.Get("/api/v1/sync/surveys", [&app](const httplib::Request& req, httplib::Response& res) {
    app::authenticate_sync(app, bearer_token(req));
    send_json(res, Outcome::ok, app::sync_offer(app, list_param(req, "survey")));
  });
  server.Post("/api/v1/sync/lines", [&app](const httplib::Request& req, httplib::Response& res,
                                           const httplib::ContentReader& reader) {
    // The token before the body: a stranger's batch is never read.
    const std::string token = app::authenticate_sync(app, bearer_token(req));
    const std::string body = read_body(req, reader, app::max_sync_batch_bytes);
    send_json(res, Outcome::ok, app::received_json(app::receive_sync_lines(app, token, body)));
  });
}

}  // namespace lyssna::http
