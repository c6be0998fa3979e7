// Route registration, one file each. A handler parses the request, calls
// the application layer (app/) and renders what it returns; errors are
// exceptions, turned into responses in one place (status_table.cpp).
#pragma once

#include <string>

#include "app/services.hpp"
#include "collector/questionnaire/survey_id.hpp"
#include "http/connection_stream.hpp"
#include "http/server.hpp"

namespace lyssna::http {

// A survey id in a route (the regex group of req.matches[1]): the rule of
// questionnaire::is_survey_id, so a route never takes an id no survey has.
inline const std::string survey_id_pattern = "(" + questionnaire::survey_id_regex() + ")";

void register_form_routes(HttpServer& server, app::Services& app, const ServerOptions& options);
void register_api_routes(HttpServer& server, app::Services& app, const ServerOptions& options);
void register_static_routes(HttpServer& server, app::Services& app);
void register_analysis_routes(HttpServer& server, app::Services& app, const ServerOptions& options);
// The promises as JSON, /api/v1/promises (promise_api_routes.cpp).
void register_promise_api_routes(HttpServer& server, app::Services& app);
// The public citizen promise pages and their Atom feeds (public_promise_routes.cpp).
void register_public_promise_routes(HttpServer& server, app::Services& app);
// The central server's sync API for laptops, /api/v1/sync (sync_routes.cpp).
void register_sync_routes(HttpServer& server, app::Services& app);
// A dialogue's ballots: /d/<code>/vote and /kiosk/<id>/vote (room_vote_routes.cpp).
void register_room_vote_routes(HttpServer& server, app::Services& app,
                               const ServerOptions& options);
// Phones joining a dialogue session by its code, /d and /d/<code> (join_routes.cpp).
void register_join_routes(HttpServer& server, app::Services& app, const ServerOptions& options);

}  // namespace lyssna::http
