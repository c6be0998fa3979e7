// The JSON API (shapes documented in docs/api.md). Routes:
//   GET  /healthz                          {"status": "ok", ...}
//   GET  /api/v1/surveys                   {"surveys": [...]}
//   GET  /api/v1/surveys/<id>              the survey's definition
//   POST /api/v1/surveys/<id>/responses    one record of the contract;
//        201 stored, 200 duplicate (same record again), 409 another record
//        has the id, 422 a rule broken (the field is named), 403 closed or
//        invitation code refused, 429 too many wrong codes from this client,
//        413 too large, 404 no such survey.
#include <httplib.h>

#include "collector/codes/invitation_codes.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"
#include "http/app_state.hpp"
#include "collector/interchange/json_reader.hpp"
#include "collector/interchange/record.hpp"
#include "collector/questionnaire/answers.hpp"
#include "collector/questionnaire/definition.hpp"
#include "util/version.hpp"

namespace lyssna::http {
namespace {

using nlohmann::json;

void send_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(body.dump(), "application/json");
}

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

void post_response(Server::State& s, const httplib::Request& req, httplib::Response& res,
                   const httplib::ContentReader& reader) {
  const std::string survey_id = req.matches[1];
  const std::string body = read_body(req, res, reader, s.options.max_api_body);
  auto q = s.surveys.find(survey_id);
  if (!q) return send_json_error(res, 404, "no survey '" + survey_id + "'", "survey");
  json parsed;
  try {
    parsed = interchange::parse_json(body);  // the same strict reader as `lyssna import`
  } catch (const BadInput& e) {
    return send_json_error(res, 400, e.what());
  }
  interchange::Record record;
  try {
    record = interchange::record_from_json(parsed);
  } catch (const BadInput& e) {
    return send_json_error(res, 422, e.what(), e.field());
  }
  if (record.survey != survey_id) {
    return send_json_error(res, 422, "field 'survey' is '" + record.survey + "' but the URL names '" + survey_id + "'",
                           "survey");
  }
  auto problems = questionnaire::check_answers(*q, record.answers);
  if (!problems.empty()) {
    const auto& p = problems.front();
    json all = json::array();
    for (const auto& pr : problems) all.push_back({{"field", "answers." + pr.question}, {"message", pr.message}});
    res.status = 422;
    res.set_header("Cache-Control", "no-store");
    res.set_content(json{{"error", {{"status", 422},
                                    {"message", p.message},
                                    {"field", p.question.empty() ? "answers" : "answers." + p.question},
                                    {"problems", all}}}}.dump(),
                    "application/json");
    return;
  }
  storage::InsertRequest request{std::move(record), std::nullopt, false};
  // Online answers are bound by the survey's dates and codes; dialogue, kiosk
  // and paper records were collected elsewhere and arrive later by design.
  if (request.record.channel == "online") {
    const int64_t now = clock::now_seconds();
    if ((q->opens_at && now < *q->opens_at) || (q->closes_at && now >= *q->closes_at)) {
      return send_json_error(res, 403, "survey '" + survey_id + "' is not open for online answers now");
    }
    if (q->requires_code) {
      if (auto wait = s.code_guesses.blocked_for(client_address(s, req), now)) {
        res.set_header("Retry-After", std::to_string(*wait));
        return send_json_error(res, 429, "too many wrong invitation codes from this client; try again later",
                               "Lyssna-Invitation-Code");
      }
      auto code = codes::normalize_code(req.get_header_value("Lyssna-Invitation-Code"));
      if (!code) {
        s.code_guesses.failed(client_address(s, req), now);
        return send_json_error(res, 403, "this survey needs a valid invitation code in the Lyssna-Invitation-Code header",
                               "Lyssna-Invitation-Code");
      }
      request.code_hash = codes::hash_code(*code);
    }
  }
  const std::string id = request.record.id;
  switch (s.writer.submit(std::move(request))) {
    case storage::InsertStatus::stored:
      return send_json(res, 201, {{"id", id}, {"survey", survey_id}, {"status", "stored"}});
    case storage::InsertStatus::duplicate:
      return send_json(res, 200, {{"id", id}, {"survey", survey_id}, {"status", "duplicate"}});
    case storage::InsertStatus::conflict:
      return send_json_error(res, 409, "a different record with id '" + id + "' exists already", "id");
    case storage::InsertStatus::code_unknown:
      s.code_guesses.failed(client_address(s, req), clock::now_seconds());
      return send_json_error(res, 403, "the invitation code is not one of this survey's", "Lyssna-Invitation-Code");
    case storage::InsertStatus::code_used:
      return send_json_error(res, 403, "the invitation code has already answered", "Lyssna-Invitation-Code");
  }
}

}  // namespace

void register_api_routes(Server::State& s) {
  s.server.Get("/healthz", [&s](const httplib::Request&, httplib::Response& res) {
    auto db = s.readers.acquire();
    db->exec("SELECT 1");
    auto stats = s.writer.stats();
    send_json(res, 200, {{"status", "ok"},
                         {"version", lyssna::version},
                         {"commit_groups", stats.groups},
                         {"records_written", stats.records}});
  });
  s.server.Get("/api/v1/surveys", [&s](const httplib::Request&, httplib::Response& res) {
    json list = json::array();
    for (const auto& q : s.surveys.all()) list.push_back(survey_summary(*q));
    send_json(res, 200, {{"surveys", list}});
  });
  const std::string id = "([a-z0-9][a-z0-9_-]{0,63})";
  s.server.Get("/api/v1/surveys/" + id, [&s](const httplib::Request& req, httplib::Response& res) {
    auto q = s.surveys.find(req.matches[1]);
    if (!q) return send_json_error(res, 404, "no survey '" + std::string(req.matches[1]) + "'", "survey");
    send_json(res, 200, questionnaire::to_json(*q));
  });
  s.server.Post("/api/v1/surveys/" + id + "/responses",
                [&s](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
                  post_response(s, req, res, reader);
                });
}

}  // namespace lyssna::http
