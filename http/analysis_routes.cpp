// The analysis API: the same reports as the CLI (docs/analysis.md) under
// /api/v1/surveys/<id>/. Free text and quotes are personal data, so every
// route needs `Authorization: Bearer <token>` with the token given to
// `lyssna serve --token`; without a token the routes are off. Routes:
//   GET  .../themes[?area=A&per_response=1]      theme counts, or per response
//   GET  .../search?q=Q[&area=&lang=&channel=&theme=&from=&to=&limit=&offset=]
//   GET  .../discover[?candidates=N]             candidate new themes
//   POST .../code  {"id": RECORD, "add": [..], "remove": [..]}   manual coding
//   GET  .../indicators[?by=area&min_n=5]        POST with {"margins": {...}} to weight
//   GET  .../priorities[?area=A]                 POST with {"area", "margins"} to weight
//   GET  .../trend?against=EARLIER
#include <httplib.h>

#include "analysis/index/text_index.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"
#include "http/app_state.hpp"
#include "collector/interchange/json_reader.hpp"
#include "reports/reports.hpp"
#include "collector/storage/analysis_store.hpp"
#include "collector/storage/response_store.hpp"
#include "indexing/language_data.hpp"

namespace lyssna::http {
namespace {

using nlohmann::json;

// Constant-time comparison: the time taken says nothing about the token.
bool same_secret(const std::string& a, const std::string& b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i % (b.size() ? b.size() : 1)]);
  return diff == 0;
}

bool authorized(const Server::State& s, const httplib::Request& req, httplib::Response& res) {
  if (s.options.api_token.empty()) {
    send_json_error(res, 404, "the analysis API is off: start the server with --token to use it");
    return false;
  }
  const std::string header = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  if (header.rfind(prefix, 0) != 0 || !same_secret(header.substr(prefix.size()), s.options.api_token)) {
    res.set_header("WWW-Authenticate", "Bearer");
    send_json_error(res, 401, "a valid bearer token is required");
    return false;
  }
  return true;
}

void send_report(httplib::Response& res, const json& document) {
  res.status = 200;
  res.set_header("Cache-Control", "no-store");
  res.set_content(document.dump(), "application/json");
}

std::vector<std::string> list_param(const httplib::Request& req, const char* name) {
  std::vector<std::string> out;
  for (const auto& item : text::split(req.get_param_value(name), ',')) {
    std::string t = text::trim(item);
    if (!t.empty()) out.push_back(t);
  }
  return out;
}

std::optional<std::string> optional_param(const httplib::Request& req, const char* name) {
  if (!req.has_param(name) || req.get_param_value(name).empty()) return std::nullopt;
  return req.get_param_value(name);
}

int64_t number_param(const httplib::Request& req, const char* name, int64_t fallback, int64_t min, int64_t max) {
  if (!req.has_param(name)) return fallback;
  try {
    int64_t v = std::stoll(req.get_param_value(name));
    if (v >= min && v <= max) return v;
  } catch (const std::exception&) {
  }
  throw BadInput(std::string("parameter '") + name + "' must be a whole number from " + std::to_string(min) + " to " +
                     std::to_string(max),
                 name);
}

std::optional<int64_t> date_param(const httplib::Request& req, const char* name, bool end_of_day) {
  auto v = optional_param(req, name);
  if (!v) return std::nullopt;
  auto t = clock::parse_date_or_timestamp(*v);
  if (!t) throw BadInput(std::string("parameter '") + name + "' must be a date or an RFC 3339 timestamp", name);
  if (end_of_day && v->size() == 10) *t += 86399;
  return t;
}

json body_json(Server::State& s, const httplib::Request& req, httplib::Response& res,
               const httplib::ContentReader& reader) {
  const std::string body = read_body(req, res, reader, s.options.max_api_body);
  if (text::trim(body).empty()) return json::object();
  json j = interchange::parse_json(body);
  if (!j.is_object()) throw BadInput("the body must be a JSON object");
  return j;
}

std::vector<analysis::Margin> margins_of(const json& body) {
  if (!body.contains("margins")) return {};
  return analysis::parse_margins(body);
}

// Runs `make` with a survey context over a pooled connection and a
// read-only view of the index.
template <class Make>
void with_context(Server::State& s, const httplib::Request& req, httplib::Response& res, Make make) {
  if (!authorized(s, req, res)) return;
  const std::string survey = req.matches[1];
  auto db = s.readers.acquire();
  analysis::TextIndex index(analysis::index_path_for(s.options.db_path), analysis::TextIndex::Mode::read_only);
  reports::SurveyContext ctx(*db, index, survey);
  send_report(res, make(ctx).document);
}

}  // namespace

void register_analysis_routes(Server::State& s) {
  const std::string base = "/api/v1/surveys/([a-z0-9][a-z0-9_-]{0,63})";
  s.server.Get(base + "/themes", [&s](const httplib::Request& req, httplib::Response& res) {
    with_context(s, req, res, [&](const reports::SurveyContext& ctx) {
      reports::ThemeOptions o;
      o.area = optional_param(req, "area");
      o.per_response = req.get_param_value("per_response") == "1" || req.get_param_value("per_response") == "true";
      return reports::theme_report(ctx, o);
    });
  });
  s.server.Get(base + "/search", [&s](const httplib::Request& req, httplib::Response& res) {
    with_context(s, req, res, [&](const reports::SurveyContext& ctx) {
      reports::SearchOptions o;
      o.query = req.get_param_value("q");
      o.areas = list_param(req, "area");
      o.languages = list_param(req, "lang");
      o.channels = list_param(req, "channel");
      o.theme = optional_param(req, "theme");
      o.from = date_param(req, "from", false);
      o.to = date_param(req, "to", true);
      o.limit = static_cast<size_t>(number_param(req, "limit", 20, 1, 1000));
      o.offset = static_cast<size_t>(number_param(req, "offset", 0, 0, 10000000));
      return reports::search_report(ctx, o);
    });
  });
  s.server.Get(base + "/discover", [&s](const httplib::Request& req, httplib::Response& res) {
    with_context(s, req, res, [&](const reports::SurveyContext& ctx) {
      reports::DiscoverOptions o;
      o.candidates = static_cast<size_t>(number_param(req, "candidates", 8, 1, 100));
      return reports::discover_report(ctx, o);
    });
  });
  auto indicators = [&s](const httplib::Request& req, httplib::Response& res, const json& body) {
    with_context(s, req, res, [&](const reports::SurveyContext& ctx) {
      reports::IndicatorOptions o;
      o.table_by = req.has_param("by") ? req.get_param_value("by") : "area";
      o.margins = margins_of(body);
      o.small.suppress_below = number_param(req, "min_n", body.value("min_n", int64_t{5}), 1, 1000000);
      o.small.uncertain_below = std::max<int64_t>(o.small.suppress_below, 30);
      return reports::indicator_report(ctx, o);
    });
  };
  s.server.Get(base + "/indicators", [indicators](const httplib::Request& req, httplib::Response& res) {
    indicators(req, res, json::object());
  });
  s.server.Post(base + "/indicators", [&s, indicators](const httplib::Request& req, httplib::Response& res,
                                                       const httplib::ContentReader& reader) {
    if (!authorized(s, req, res)) return;
    indicators(req, res, body_json(s, req, res, reader));
  });
  auto priorities = [&s](const httplib::Request& req, httplib::Response& res, const json& body) {
    with_context(s, req, res, [&](const reports::SurveyContext& ctx) {
      reports::PriorityOptions o;
      o.area = optional_param(req, "area");
      if (body.contains("area") && body["area"].is_string()) o.area = body["area"].get<std::string>();
      o.margins = margins_of(body);
      return reports::priority_report(ctx, o);
    });
  };
  s.server.Get(base + "/priorities", [priorities](const httplib::Request& req, httplib::Response& res) {
    priorities(req, res, json::object());
  });
  s.server.Post(base + "/priorities", [&s, priorities](const httplib::Request& req, httplib::Response& res,
                                                       const httplib::ContentReader& reader) {
    if (!authorized(s, req, res)) return;
    priorities(req, res, body_json(s, req, res, reader));
  });
  s.server.Get(base + "/trend", [&s](const httplib::Request& req, httplib::Response& res) {
    if (!authorized(s, req, res)) return;
    auto against = optional_param(req, "against");
    if (!against) throw BadInput("parameter 'against' (the earlier survey) is required", "against");
    auto db = s.readers.acquire();
    analysis::TextIndex index(analysis::index_path_for(s.options.db_path), analysis::TextIndex::Mode::read_only);
    reports::SurveyContext later(*db, index, req.matches[1]);
    reports::SurveyContext earlier(*db, index, *against);
    send_report(res, reports::trend_report(later, earlier, {}).document);
  });
  s.server.Post(base + "/code", [&s](const httplib::Request& req, httplib::Response& res,
                                     const httplib::ContentReader& reader) {
    if (!authorized(s, req, res)) return;
    const std::string survey = req.matches[1];
    json body = body_json(s, req, res, reader);
    if (!body.contains("id") || !body["id"].is_string()) throw BadInput("field 'id' (the response) is required", "id");
    const std::string id = body["id"].get<std::string>();
    auto db = s.readers.acquire();
    if (!storage::find_response(*db, survey, id)) throw NotFound("survey '" + survey + "' has no response '" + id + "'");
    const auto codebook = indexing::codebook_for(*db, survey);
    std::vector<std::pair<std::string, bool>> codes;
    for (const char* field : {"add", "remove"}) {
      if (!body.contains(field)) continue;
      if (!body[field].is_array()) throw BadInput(std::string("field '") + field + "' must be a list of themes", field);
      for (const auto& t : body[field]) {
        if (!t.is_string() || codebook.resolve(t.get<std::string>()).empty()) {
          throw BadInput(std::string("field '") + field + "' names a theme the codebook does not have", field);
        }
        codes.emplace_back(t.get<std::string>(), std::string(field) == "add");
      }
    }
    if (codes.empty()) throw BadInput("give 'add' and/or 'remove'", "add");
    for (const auto& [theme, add] : codes) storage::add_manual_code(*db, survey, {id, theme, add, 0});
    send_report(res, {{"id", id}, {"coded", codes.size()}});
  });
}

}  // namespace lyssna::http
