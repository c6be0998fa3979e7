// The JSON API (shapes documented in docs/api.md). Routes:
//   GET  /healthz                          {"status": "ok", ...}
//   GET  /api/v1/surveys                   {"surveys": [...]}
//   GET  /api/v1/surveys/<id>              the survey's definition
//   POST /api/v1/surveys/<id>/responses    one record of the contract;
//        201 stored, 200 duplicate; errors by the status table
//        (status_table.cpp): 400 unreadable JSON, 422 a rule broken (the
//        field is named), 401 a channel other than online without the
//        server's token, 403 closed or invitation code refused, 404 no such
//        survey, 409 another record has the id, 413 too large, 429 too many
//        wrong codes from this client.
#include <httplib.h>

#include "app/submission.hpp"
#include "app/surveys.hpp"
#include "collector/questionnaire/definition.hpp"
#include "http/requests.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"
#include "util/clock.hpp"
#include "util/version.hpp"

namespace lyssna::http {
namespace {

using nlohmann::json;

json survey_summary(const questionnaire::Questionnaire& q) {
  json title = json::object();
  for (const auto& [lang, text] : q.title) title[lang] = text;
  return {{"id", q.id},
          {"title", title},
          {"template", q.template_id.empty() ? json() : json(q.template_id)},
          {"languages", q.languages},
          {"requires_code", q.requires_code},
          {"opens_at", q.opens_at ? json(clock::format_rfc3339(*q.opens_at)) : json()},
          {"closes_at", q.closes_at ? json(clock::format_rfc3339(*q.closes_at)) : json()},
          {"form", "/s/" + q.id}};
}

}  // namespace

void register_api_routes(HttpServer& server, app::Services& app, const ServerOptions& options) {
  server.Get("/healthz", [&app](const httplib::Request&, httplib::Response& res) {
    const auto stats = app.health();
    send_json(res, Outcome::ok,
              {{"status", "ok"},
               {"version", lyssna::version},
               {"commit_groups", stats.groups},
               {"records_written", stats.records}});
  });
  server.Get("/api/v1/surveys", [&app](const httplib::Request&, httplib::Response& res) {
    json list = json::array();
    for (const auto& q : app.surveys().all()) list.push_back(survey_summary(*q));
    send_json(res, Outcome::ok, {{"surveys", list}});
  });
  const std::string survey = "/api/v1/surveys/" + std::string(survey_id_pattern);
  server.Get(survey, [&app](const httplib::Request& req, httplib::Response& res) {
    send_json(res, Outcome::ok, questionnaire::to_json(*app::require_survey(app, req.matches[1])));
  });
  server.Post(survey + "/responses", [&app, &options](const httplib::Request& req,
                                                      httplib::Response& res,
                                                      const httplib::ContentReader& reader) {
    const app::Access access = app.authenticate(bearer_token(req));
    app::Submission s;
    s.record =
        app::record_from_body(app, read_body(req, reader, options.max_api_body), req.matches[1]);
    s.code = req.get_header_value("Lyssna-Invitation-Code");
    s.code_field = "Lyssna-Invitation-Code";
    s.client = client_address(req, options.behind_proxy);
    const auto done = app::submit_response(app, access, std::move(s));
    send_json(res, done.outcome,
              {{"id", done.id},
               {"survey", std::string(req.matches[1])},
               {"status", done.outcome == Outcome::created ? "stored" : "duplicate"}});
  });
}

}  // namespace lyssna::http
