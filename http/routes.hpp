// Route registration, one file each. A handler parses the request, calls
// the application layer (app/) and renders what it returns; errors are
// exceptions, turned into responses in one place (status_table.cpp).
#pragma once

#include <string_view>

#include "app/services.hpp"
#include "http/connection_stream.hpp"
#include "http/server.hpp"

namespace lyssna::http {

// A survey id in a route (the regex group of req.matches[1]).
inline constexpr std::string_view survey_id_pattern = "([a-z0-9][a-z0-9_-]{0,63})";

void register_form_routes(HttpServer& server, app::Services& app, const ServerOptions& options);
void register_api_routes(HttpServer& server, app::Services& app, const ServerOptions& options);
void register_static_routes(HttpServer& server, app::Services& app);
void register_analysis_routes(HttpServer& server, app::Services& app, const ServerOptions& options);

}  // namespace lyssna::http
