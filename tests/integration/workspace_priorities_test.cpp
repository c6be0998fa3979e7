// Integration tests of the priority page over real HTTP against the real
// binary, on the golden survey (tests/data/analysis_golden, 72 responses)
// with its population margins stored: what a viewer and an analyst see,
// the marks and their API, the blend stored and used by the page, the API
// and the command line, CSRF, and the audit log.
#include <algorithm>

#include "../support/files.hpp"
#include "app/margins.hpp"
#include "app/priority_marks.hpp"
#include "app/services.hpp"
#include "workspace_client.hpp"

using namespace lyssna;
using namespace lyssna::test;

namespace {

const std::string golden = "tests/data/analysis_golden";
const std::string api_token = "priorities-token-0123456789";
const std::string page = "/workspace/surveys/golden-2026/priorities";

// The golden survey, weighted, beside the fixture's, and a viewer and an analyst.
struct PriorityWorkspace : Workspace {
  PriorityWorkspace() {
    const std::string source = std::string(LYSSNA_SOURCE_DIR) + "/" + golden;
    REQUIRE(lyssna({"survey", "new", "golden-2026", "--areas",
                    "handen,jordbro,vasterhaninge=Västerhaninge"})
                .status == 0);
    REQUIRE(lyssna({"import", source + "/records-2026.jsonl"}).status == 0);
    {
      app::Services services({db});
      app::set_survey_margins(services, app::Actor{"test"}, "golden-2026",
                              source_file(golden + "/margins.json"), "margins.json");
    }
    add_user("vera", "viewer");
    add_user("anna", "analyst");
    // Indexed before the server (re)starts: rankings compared across
    // requests must not see its indexer take the answers in between (under
    // the sanitizers the first request came before it had).
    server.reset();
    const auto indexed = lyssna({"reindex", "--quiet"});
    INFO(indexed.err);
    REQUIRE(indexed.status == 0);
    start({"--token", api_token});
  }
  httplib::Result api(const std::string& path) {
    return client->Get(("/api/v1/surveys/golden-2026" + path).c_str(),
                       {{"Authorization", "Bearer " + api_token}});
  }
  nlohmann::json api_json(const std::string& path) {
    auto res = api(path);
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 200);
    return nlohmann::json::parse(res->body);
  }
  // The residents' free texts of the survey: none may reach a viewer.
  std::vector<std::string> free_texts() {
    std::vector<std::string> out;
    std::istringstream in(source_file(golden + "/records-2026.jsonl"));
    for (std::string line; std::getline(in, line);) {
      const auto r = nlohmann::json::parse(line);
      if (r["answers"].contains("free_text")) out.push_back(r["answers"]["free_text"]);
    }
    return out;
  }
};

std::vector<std::string> themes_in_order(const nlohmann::json& report) {
  std::vector<std::string> out;
  for (const auto& p : report["priorities"]) out.push_back(p["theme"]);
  return out;
}

}  // namespace

TEST_CASE("the priority page: a viewer sees the ranking and not a byte of free text",
          "[workspace][priorities]") {
  PriorityWorkspace w;
  const auto texts = w.free_texts();
  REQUIRE(texts.size() > 30);
  // Logged out: to the login page, nothing of the page.
  auto out = w.get(page);
  REQUIRE(out);
  CHECK(out->status == 303);
  for (const auto& t : texts) CHECK(out->body.find(t) == std::string::npos);

  const std::string vera = w.login("vera");
  for (const std::string& path : {page, page + "?area=jordbro", page + "?weighted=0",
                                  page + "?area=handen&weighted=1&lang=sv"}) {
    INFO(path);
    auto res = w.get(path, vera);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(res->get_header_value("Cache-Control") == "no-store");
    CHECK_THAT(res->body, Catch::Contains("prio-drugs_alcohol"));
    CHECK(res->body.find("<blockquote") == std::string::npos);
    CHECK(res->body.find("/priorities/mark") == std::string::npos);
    CHECK(res->body.find("name=\"survey_weight\"") == std::string::npos);
    for (const auto& t : texts) {
      INFO(t);
      CHECK(res->body.find(t) == std::string::npos);
    }
  }
  // Weighted by default, with the rank each theme would have unweighted.
  auto weighted = w.get(page + "?lang=en", vera);
  CHECK_THAT(weighted->body, Catch::Contains("Rank unweighted"));
  CHECK_THAT(weighted->body, Catch::Contains("design effect"));
  auto plain = w.get(page + "?weighted=0", vera);
  CHECK(plain->body.find("Rank unweighted") == std::string::npos);
  // A viewer may not change anything, even with the session's token.
  const std::string token = w.csrf(vera);
  auto mark = w.post(page + "/mark", {{"_csrf", token}, {"theme", "traffic"}, {"mark", "1"}}, vera);
  CHECK(mark->status == 403);
  auto blend = w.post(page + "/blend", {{"_csrf", token}, {"survey_weight", "80"}}, vera);
  CHECK(blend->status == 403);
  CHECK(w.api_json("/priorities/marked")["marked"].empty());
  // An unknown area is named, not an empty list.
  CHECK(w.get(page + "?area=nowhere", vera)->status == 422);

  // The analyst sees the evidence quotes, escaped.
  const std::string anna = w.login("anna");
  auto analyst = w.get(page, anna);
  REQUIRE(analyst->status == 200);
  CHECK_THAT(analyst->body, Catch::Contains("<blockquote"));
  CHECK_THAT(analyst->body, Catch::Contains("/priorities/mark"));
  CHECK(analyst->body.find("<script>") == std::string::npos);
}

TEST_CASE("an analyst marks two priorities: they come back with their figures, and are audited",
          "[workspace][priorities]") {
  PriorityWorkspace w;
  const std::string anna = w.login("anna");
  const std::string token = w.csrf(anna);
  // Without the token, or with another's, nothing is marked.
  auto refused = w.post(page + "/mark", {{"theme", "traffic"}, {"mark", "1"}}, anna);
  CHECK(refused->status == 403);
  auto forged = w.post(
      page + "/mark", {{"_csrf", std::string(64, '0')}, {"theme", "traffic"}, {"mark", "1"}}, anna);
  CHECK(forged->status == 403);
  CHECK(w.api_json("/priorities/marked")["marked"].empty());

  auto whole = w.post(page + "/mark",
                      {{"_csrf", token}, {"theme", "traffic"}, {"area", ""}, {"mark", "1"}}, anna);
  REQUIRE(whole);
  CHECK(whole->status == 303);
  CHECK(whole->get_header_value("Location") == page + "?done=marked#prio-traffic");
  auto jordbro = w.post(page + "/mark",
                        {{"_csrf", token},
                         {"theme", "drugs_alcohol"},
                         {"area", "jordbro"},
                         {"weighted", "1"},
                         {"mark", "1"}},
                        anna);
  CHECK(jordbro->status == 303);
  CHECK(jordbro->get_header_value("Location") ==
        page + "?area=jordbro&weighted=1&done=marked#prio-drugs_alcohol");
  // Bad fields are named, nothing stored of them.
  CHECK(w.post(page + "/mark", {{"_csrf", token}, {"theme", "no_such"}, {"mark", "1"}}, anna)
            ->status == 422);
  CHECK(w.post(page + "/mark",
               {{"_csrf", token}, {"theme", "traffic"}, {"area", "nowhere"}, {"mark", "1"}}, anna)
            ->status == 422);
  CHECK(
      w.post(page + "/mark", {{"_csrf", token}, {"theme", "traffic\r\nX: y"}, {"mark", "0"}}, anna)
          ->status == 422);

  // The page shows them marked, in their scope.
  auto shown = w.get(page + "?area=jordbro", anna);
  CHECK_THAT(shown->body, Catch::Contains("<tr id=\"prio-drugs_alcohol\" class=\"prio-marked\">"));
  CHECK(shown->body.find("<tr id=\"prio-traffic\" class=\"prio-marked\">") == std::string::npos);

  // From the API, with the figures of their area's weighted report.
  const auto marked = w.api_json("/priorities/marked");
  REQUIRE(marked["marked"].size() == 2);
  const auto& first = marked["marked"][0];
  CHECK(first["area"].is_null());
  CHECK(first["theme"] == "traffic");
  CHECK(first["marked_by"] == "anna");
  CHECK(first["weighted"] == true);
  const auto& second = marked["marked"][1];
  CHECK(second["area"] == "jordbro");
  CHECK(second["theme"] == "drugs_alcohol");
  const auto area_report = w.api_json("/priorities?area=jordbro");  // unweighted: no margins sent
  for (const auto& p : area_report["priorities"]) {
    if (p["theme"] == "drugs_alcohol") CHECK(second["priority"]["mentions"] == p["mentions"]);
  }
  CHECK(second["priority"]["rank"].is_number());
  CHECK(second["priority"]["problem_share"].is_number());
  // The same from the application layer, which the citizen promise will call.
  {
    app::Services services({w.db});
    const auto direct = app::marked_priorities(services, "golden-2026");
    REQUIRE(direct.marked.size() == 2);
    CHECK(direct.marked[1].theme == "drugs_alcohol");
    REQUIRE(direct.marked[1].ranking);
    CHECK(direct.marked[1].ranking->rank == second["priority"]["rank"]);
  }
  // The API needs its token.
  CHECK(w.client->Get("/api/v1/surveys/golden-2026/priorities/marked")->status == 401);

  // Unmarked again: gone, and each change is in the log once.
  auto unmark = w.post(page + "/mark",
                       {{"_csrf", token}, {"theme", "traffic"}, {"area", ""}, {"mark", "0"}}, anna);
  CHECK(unmark->status == 303);
  CHECK(w.api_json("/priorities/marked")["marked"].size() == 1);
  const auto audit = w.audit();
  CHECK(count_actions(audit, "priority_marked") == 2);
  CHECK(count_actions(audit, "priority_unmarked") == 1);
  CHECK(std::any_of(audit.begin(), audit.end(), [](const nlohmann::json& e) {
    return e["action"] == "priority_marked" && e["actor"] == "anna" &&
           e["target"] == "golden-2026" && e["detail"] == "theme=drugs_alcohol area=jordbro";
  }));
}

TEST_CASE("the blend stored on the page ranks the survey everywhere: page, API and command line",
          "[workspace][priorities]") {
  PriorityWorkspace w;
  const std::string anna = w.login("anna");
  const std::string token = w.csrf(anna);
  const auto before = w.api_json("/priorities");
  CHECK(before["method"]["survey_weight"] == 0.5);

  auto survey_only = w.post(page + "/blend", {{"_csrf", token}, {"survey_weight", "100"}}, anna);
  REQUIRE(survey_only);
  CHECK(survey_only->status == 303);
  CHECK(survey_only->get_header_value("Location") == page + "?done=blend");
  const auto by_survey = w.api_json("/priorities");
  CHECK(by_survey["method"]["survey_weight"] == 1.0);
  CHECK(by_survey["method"]["dialogue_weight"] == 0.0);
  // Ranked by the survey signal now: among themes with items, problem share decides.
  double last = 2;
  for (const auto& p : by_survey["priorities"]) {
    if (p["problem_share"].is_null()) continue;
    CHECK(p["survey_signal"].get<double>() <= last);
    last = p["survey_signal"];
  }
  CHECK(w.post(page + "/blend", {{"_csrf", token}, {"survey_weight", "0"}}, anna)->status == 303);
  const auto by_dialogue = w.api_json("/priorities");
  CHECK(themes_in_order(by_dialogue) != themes_in_order(by_survey));
  // The command line ranks with the same stored blend.
  auto cli = w.lyssna({"priorities", "golden-2026", "--format", "json"});
  REQUIRE(cli.status == 0);
  const auto from_cli = nlohmann::json::parse(cli.out);
  CHECK(from_cli["method"]["survey_weight"] == 0.0);
  CHECK(themes_in_order(from_cli) == themes_in_order(by_dialogue));
  // The page says so and shows the stored weights in its form.
  auto shown = w.get(page + "?done=blend&lang=en", anna);
  CHECK_THAT(shown->body, Catch::Contains("Survey 0%, dialogue 100%."));
  CHECK_THAT(shown->body, Catch::Contains("value=\"0\" aria-describedby=\"survey-weight-help\""));

  // A weight out of range: the page again with its problem, nothing stored.
  for (const std::string bad : {"101", "-5", "abc", "", "0.5", "50%", "1e2"}) {
    INFO(bad);
    auto res = w.post(page + "/blend", {{"_csrf", token}, {"survey_weight", bad}}, anna);
    REQUIRE(res);
    CHECK(res->status == 422);
    CHECK_THAT(res->body, Catch::Contains("href=\"#survey-weight\""));
    CHECK_THAT(res->body, Catch::Contains("aria-invalid=\"true\""));
  }
  CHECK(w.api_json("/priorities")["method"]["survey_weight"] == 0.0);
  // Without the token: refused.
  CHECK(w.post(page + "/blend", {{"survey_weight", "70"}}, anna)->status == 403);

  // Back to the defaults.
  CHECK(w.post(page + "/blend", {{"_csrf", token}, {"reset", "1"}}, anna)->status == 303);
  CHECK(w.api_json("/priorities")["method"]["survey_weight"] == 0.5);
  CHECK(themes_in_order(w.api_json("/priorities")) == themes_in_order(before));
  const auto audit = w.audit();
  CHECK(count_actions(audit, "priorities_changed") == 3);
  CHECK(std::any_of(audit.begin(), audit.end(), [](const nlohmann::json& e) {
    return e["action"] == "priorities_changed" && e["actor"] == "anna" &&
           e["detail"] == "survey_weight=1 dialogue_weight=0";
  }));
}
