// The analysis API: the same reports as the CLI (docs/analysis.md) under
// /api/v1/surveys/<id>/. Free text and quotes are personal data, so every
// route needs `Authorization: Bearer <token>` with the token given to
// `lyssna serve --token` (401 without it); without a token the routes are
// off (404). Routes:
//   GET  .../themes[?area=A&per_response=1]      theme counts, or per response
//   GET  .../search?q=Q[&area=&lang=&channel=&theme=&from=&to=&limit=&offset=]
//   GET  .../discover[?candidates=N]             candidate new themes
//   POST .../code  {"id": RECORD, "add": [..], "remove": [..]}   manual coding
//   GET  .../indicators[?by=area&min_n=5]        POST with {"margins": {...}} to weight
//   GET  .../priorities[?area=A]                 POST with {"area", "margins"} to weight;
//                                                the survey's stored blend (app/priority_blend)
//   GET  .../priorities/marked                   the priorities marked as promises, with figures
//   GET  .../trend?against=EARLIER
#include <httplib.h>

#include "app/coding.hpp"
#include "app/priority_blend.hpp"
#include "app/priority_marks.hpp"
#include "app/survey_analysis.hpp"
#include "http/requests.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"
#include "reports/documents.hpp"
#include "reports/option_ranges.hpp"
#include "reports/reports.hpp"
#include "util/errors.hpp"

namespace lyssna::http {
namespace {

using nlohmann::json;

// A query parameter with its range and default from reports/option_ranges.hpp.
int64_t ranged_param(const httplib::Request& req, const char* name, reports::OptionRange range) {
  return number_param(req, name, range.fallback, range.min, range.max);
}

std::vector<analysis::Margin> margins_of(const json& body) {
  if (!body.contains("margins")) return {};
  return analysis::parse_margins(body);
}

// Runs `make` with the survey of the route opened for analysis, for a script
// holding the token, and sends the document of the result it makes.
template <class Make>
void send_analysis(app::Services& app, const httplib::Request& req, httplib::Response& res,
                   Make make) {
  app.require_script(app.authenticate(bearer_token(req)));
  app::SurveyAnalysis survey(app, req.matches[1]);
  send_json(res, Outcome::ok, reports::document(make(survey.context())));
}

// A report read with GET (options in the query) or POST (a JSON body, for
// weights); both run `handle`, a POST with its body and a GET with none.
// A POST's token is checked before its body is read.
template <class Handle>
void get_and_post(HttpServer& server, const std::string& path, app::Services& app,
                  const ServerOptions& options, Handle handle) {
  server.Get(path, [handle](const httplib::Request& req, httplib::Response& res) {
    handle(req, res, json::object());
  });
  server.Post(path, [&app, &options, handle](const httplib::Request& req, httplib::Response& res,
                                             const httplib::ContentReader& reader) {
    app.require_script(app.authenticate(bearer_token(req)));
    handle(req, res, read_json_object(req, reader, options.max_api_body));
  });
}

}  // namespace

void register_analysis_routes(HttpServer& server, app::Services& app,
                              const ServerOptions& options) {
  const std::string base = "/api/v1/surveys/" + std::string(survey_id_pattern);
  server.Get(base + "/themes", [&app](const httplib::Request& req, httplib::Response& res) {
    if (flag_param(req, "per_response")) {
      send_analysis(app, req, res, [&](const reports::SurveyContext& ctx) {
        return reports::themes_per_response(ctx, optional_param(req, "area"));
      });
    } else {
      send_analysis(app, req, res, [&](const reports::SurveyContext& ctx) {
        return reports::theme_summary(ctx, optional_param(req, "area"));
      });
    }
  });
  server.Get(base + "/search", [&app](const httplib::Request& req, httplib::Response& res) {
    send_analysis(app, req, res, [&](const reports::SurveyContext& ctx) {
      reports::SearchOptions o;
      o.query = req.get_param_value("q");
      o.areas = list_param(req, "area");
      o.languages = list_param(req, "lang");
      o.channels = list_param(req, "channel");
      o.theme = optional_param(req, "theme");
      o.from = date_param(req, "from", false);
      o.to = date_param(req, "to", true);
      o.limit = static_cast<size_t>(ranged_param(req, "limit", reports::search_limit));
      o.offset = static_cast<size_t>(ranged_param(req, "offset", reports::search_offset));
      return reports::search_report(ctx, o);
    });
  });
  server.Get(base + "/discover", [&app](const httplib::Request& req, httplib::Response& res) {
    send_analysis(app, req, res, [&](const reports::SurveyContext& ctx) {
      reports::DiscoverOptions o;
      o.candidates =
          static_cast<size_t>(ranged_param(req, "candidates", reports::discover_candidates));
      return reports::discover_report(ctx, o);
    });
  });
  auto indicators = [&app](const httplib::Request& req, httplib::Response& res, const json& body) {
    send_analysis(app, req, res, [&](const reports::SurveyContext& ctx) {
      reports::IndicatorOptions o;
      o.table_by =
          req.has_param("by") ? req.get_param_value("by") : reports::default_indicator_table_by;
      o.margins = margins_of(body);
      // The body's min_n is checked like the parameter's (which wins over
      // it): a threshold of 0 would show every small cell.
      const auto range = reports::indicator_min_n;
      const int64_t from_body = number_field(body, "min_n", range.fallback, range.min, range.max);
      o.small = reports::small_numbers(number_param(req, "min_n", from_body, range.min, range.max));
      return reports::indicator_report(ctx, o);
    });
  };
  get_and_post(server, base + "/indicators", app, options, indicators);
  auto priorities = [&app](const httplib::Request& req, httplib::Response& res, const json& body) {
    send_analysis(app, req, res, [&](const reports::SurveyContext& ctx) {
      auto area = optional_param(req, "area");
      if (body.contains("area") && body["area"].is_string()) area = body["area"].get<std::string>();
      return reports::priority_report(
          ctx, app::priority_options(app, req.matches[1], area, margins_of(body)));
    });
  };
  get_and_post(server, base + "/priorities", app, options, priorities);
  server.Get(
      base + "/priorities/marked", [&app](const httplib::Request& req, httplib::Response& res) {
        app.require_script(app.authenticate(bearer_token(req)));
        send_json(res, Outcome::ok, reports::document(app::marked_priorities(app, req.matches[1])));
      });
  server.Get(base + "/trend", [&app](const httplib::Request& req, httplib::Response& res) {
    app.require_script(app.authenticate(bearer_token(req)));
    auto against = optional_param(req, "against");
    if (!against) throw BadInput("parameter 'against' (the earlier survey) is required", "against");
    app::SurveyAnalysis later(app, req.matches[1]), earlier(app, *against);
    send_json(res, Outcome::ok,
              reports::document(reports::trend_report(later.context(), earlier.context(), {})));
  });
  server.Post(base + "/code", [&app, &options](const httplib::Request& req, httplib::Response& res,
                                               const httplib::ContentReader& reader) {
    app.require_script(app.authenticate(bearer_token(req)));
    const json body = read_json_object(req, reader, options.max_api_body);
    app::CodingChange change;
    if (!body.contains("id") || !body["id"].is_string())
      throw Invalid("field 'id' (the response) is required", "id");
    change.record_id = body["id"].get<std::string>();
    for (const char* name : {"add", "remove"}) {
      if (!body.contains(name)) continue;
      const auto& list = body[name];
      if (!list.is_array())
        throw Invalid(std::string("field '") + name + "' must be a list of themes", name);
      for (const auto& theme : list) {
        if (!theme.is_string())
          throw Invalid(std::string("field '") + name + "' must be a list of themes", name);
        (std::string(name) == "add" ? change.add : change.remove)
            .push_back(theme.get<std::string>());
      }
    }
    app::code_response(app, app::Actor::of(app::Access::script()), req.matches[1], change);
    send_json(res, Outcome::ok,
              {{"id", change.record_id}, {"coded", change.add.size() + change.remove.size()}});
  });
}

}  // namespace lyssna::http
