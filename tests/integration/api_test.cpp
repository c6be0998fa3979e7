// Integration tests of the JSON API and of durability across kill -9.
#include <chrono>
#include <ctime>
#include <sstream>

#include "server_fixture.hpp"

using namespace lyssna::test;
using nlohmann::json;

namespace {

const std::string token = "a-token-for-the-tests-0123456789";

httplib::Result post_record(ServerFixture& f, const std::string& body) {
  return f.client->Post("/api/v1/surveys/trygghet-2026/responses", body, "application/json");
}

httplib::Result post_with_token(ServerFixture& f, const std::string& body,
                                const std::string& bearer = token) {
  return f.client->Post("/api/v1/surveys/trygghet-2026/responses",
                        {{"Authorization", "Bearer " + bearer}}, body, "application/json");
}

// The stored record with this id (from `lyssna export`).
json stored_record(ServerFixture& f, const std::string& id) {
  std::istringstream lines(f.export_jsonl());
  for (std::string line; std::getline(lines, line);) {
    auto j = json::parse(line);
    if (j["id"] == id) return j;
  }
  return nullptr;
}

json error_of(const httplib::Result& res) {
  return json::parse(res->body)["error"];
}

}  // namespace

TEST_CASE("health and the list of surveys", "[api]") {
  ServerFixture f;
  auto health = f.client->Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);
  CHECK(json::parse(health->body)["status"] == "ok");
  auto list = json::parse(f.client->Get("/api/v1/surveys")->body);
  REQUIRE(list["surveys"].size() == 1);
  CHECK(list["surveys"][0]["id"] == "trygghet-2026");
  CHECK(list["surveys"][0]["languages"].size() == 6);
  CHECK(list["surveys"][0]["form"] == "/s/trygghet-2026");
  auto definition = json::parse(f.client->Get("/api/v1/surveys/trygghet-2026")->body);
  CHECK(definition["pages"].size() == 5);
  CHECK(f.client->Get("/api/v1/surveys/nope")->status == 404);
  CHECK(f.client->Get("/api/v1/nothing")->status == 404);
}

TEST_CASE("every JSON response carries nosniff, a strict CSP and no caching", "[api][security]") {
  ServerFixture f;
  f.start({"--token", token});
  std::vector<httplib::Result> responses;
  responses.push_back(f.client->Get("/healthz"));
  responses.push_back(f.client->Get("/api/v1/surveys"));
  responses.push_back(f.client->Get("/api/v1/surveys/nope"));  // an error
  responses.push_back(f.client->Get("/api/v1/nothing"));       // no route: the library's 404
  responses.push_back(post_record(f, "{not json"));
  responses.push_back(f.client->Get("/api/v1/surveys/trygghet-2026/themes",
                                    {{"Authorization", "Bearer " + token}}));
  for (const auto& res : responses) {
    REQUIRE(res);
    INFO(res->status << " " << res->body.substr(0, 80));
    CHECK_THAT(res->get_header_value("Content-Type"), Catch::StartsWith("application/json"));
    CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK_THAT(res->get_header_value("Content-Security-Policy"),
               Catch::Contains("default-src 'none'"));
    CHECK_THAT(res->get_header_value("Content-Security-Policy"),
               Catch::Contains("frame-ancestors 'none'"));
    CHECK(res->get_header_value("Cache-Control") == "no-store");
  }
}

TEST_CASE("a record is stored once, and the same id with other content is a conflict", "[api]") {
  ServerFixture f;
  auto first = post_record(f, record_json("api-1", R"(,"safe_night":"very_unsafe")"));
  REQUIRE(first);
  CHECK(first->status == 201);
  CHECK(json::parse(first->body)["status"] == "stored");
  auto again = post_record(f, record_json("api-1", R"(,"safe_night":"very_unsafe")"));
  CHECK(again->status == 200);
  CHECK(json::parse(again->body)["status"] == "duplicate");
  auto changed = post_record(f, record_json("api-1", R"(,"safe_night":"very_safe")"));
  CHECK(changed->status == 409);
  CHECK(error_of(changed)["field"] == "id");
  CHECK(f.stored() == 1);
}

TEST_CASE("the public API takes online records only, other channels need the token",
          "[api][security]") {
  ServerFixture f;
  f.start({"--token", token});
  for (const std::string channel : {"paper", "dialogue", "kiosk"}) {
    INFO(channel);
    auto anonymous = post_record(f, record_json("c-" + channel, "", channel));
    CHECK(anonymous->status == 401);
    CHECK(anonymous->get_header_value("WWW-Authenticate") == "Bearer");
    CHECK(post_with_token(f, record_json("c-" + channel, "", channel), "not-the-token-0123456789")
              ->status == 401);
  }
  CHECK(f.stored() == 0);
  auto dialogue = post_with_token(f, record_json("api-2", R"(,"free_text":"Mörkt")", "dialogue"));
  CHECK(dialogue->status == 201);
  // A trusted client keeps its own timestamp, like an import.
  CHECK(stored_record(f, "api-2")["submitted_at"] == "2026-03-04T18:22:05Z");
  // Without --token no channel but online is taken at all.
  ServerFixture tokenless;
  CHECK(post_record(tokenless, record_json("p", "", "paper"))->status == 401);
  CHECK(tokenless.stored() == 0);
}

TEST_CASE("public submissions carry the server's time, whatever the client says",
          "[api][security]") {
  ServerFixture f;
  const auto before = std::chrono::system_clock::now();
  for (const std::string when : {"1970-01-01T00:00:00Z", "2099-12-31T23:59:59Z"}) {
    std::string body = record_json("t-" + when.substr(0, 4));
    body.replace(body.find("2026-03-04T18:22:05Z"), 20, when);
    REQUIRE(post_record(f, body)->status == 201);
    // A retry of the same record is a duplicate although its time differs.
    CHECK(post_record(f, body)->status == 200);
    const std::string stored = stored_record(f, "t-" + when.substr(0, 4))["submitted_at"];
    INFO(stored);
    CHECK(stored.substr(0, 4) != when.substr(0, 4));
    auto t = std::chrono::system_clock::to_time_t(before);
    char year[8];
    std::strftime(year, sizeof year, "%Y", std::gmtime(&t));
    CHECK(stored.substr(0, 4) == year);
  }
}

TEST_CASE("API errors are JSON and name the field", "[api]") {
  ServerFixture f;
  struct Case {
    std::string body;
    int status;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"{not json", 400, ""},
      {record_json("e1", R"(,"colour":"red")"), 422, "answers.colour"},
      {record_json("e2", R"(,"safe_night":"so-so")"), 422, "answers.safe_night"},
      {record_json("e3", R"(,"victim_theft":["yes"])"), 422, "answers.victim_theft"},
      {record_json("e4", R"(,"free_text":")" + std::string(4001, 'a') + "\""), 422,
       "answers.free_text"},
      {R"({"id":"e5","survey":"trygghet-2026","lang":"sv","channel":"online","submitted_at":"nope","answers":{}})",
       422, "submitted_at"},
      {R"({"id":"e6","survey":"other","lang":"sv","channel":"online","submitted_at":"2026-03-04T18:22:05Z"})",
       422, "survey"},
      {R"({"survey":"trygghet-2026","lang":"sv","channel":"online","submitted_at":"2026-03-04T18:22:05Z"})",
       422, "id"},
  };
  for (const auto& c : cases) {
    INFO(c.body.substr(0, 120));
    auto res = post_record(f, c.body);
    REQUIRE(res);
    CHECK(res->status == c.status);
    CHECK_THAT(res->get_header_value("Content-Type"), Catch::StartsWith("application/json"));
    auto error = error_of(res);
    CHECK(error["message"].is_string());
    if (!c.field.empty()) CHECK(error["field"] == c.field);
  }
  auto wrong_survey =
      f.client->Post("/api/v1/surveys/nope/responses", record_json("x"), "application/json");
  CHECK(wrong_survey->status == 404);
  CHECK(f.stored() == 0);
}

TEST_CASE("online records respect the survey's dates and codes", "[api]") {
  ServerFixture closed({"--closes", "2020-01-01"});
  closed.start({"--token", token});
  auto late = post_record(closed, record_json("late"));
  CHECK(late->status == 403);
  CHECK(error_of(late)["message"].get<std::string>().find("closed") != std::string::npos);
  // A paper record, brought by whoever scanned it, arrives after the close by design.
  auto paper = post_with_token(closed, record_json("paper-1", "", "paper"));
  CHECK(paper->status == 201);

  ServerFixture sampled({"--require-code"});
  CHECK(post_record(sampled, record_json("no-code"))->status == 403);
  auto codes =
      run_lyssna({"--db", sampled.db, "codes", "--survey", "trygghet-2026", "--count", "1"});
  std::string code = codes.out.substr(6, 19);
  auto with_code = sampled.client->Post("/api/v1/surveys/trygghet-2026/responses",
                                        {{"Lyssna-Invitation-Code", code}}, record_json("coded"),
                                        "application/json");
  CHECK(with_code->status == 201);
  // The same submission again (a retry) is a duplicate, not a refused code.
  auto retry = sampled.client->Post("/api/v1/surveys/trygghet-2026/responses",
                                    {{"Lyssna-Invitation-Code", code}}, record_json("coded"),
                                    "application/json");
  CHECK(retry->status == 200);
  auto reused = sampled.client->Post("/api/v1/surveys/trygghet-2026/responses",
                                     {{"Lyssna-Invitation-Code", code}}, record_json("coded-2"),
                                     "application/json");
  CHECK(reused->status == 403);
  CHECK(error_of(reused)["field"] == "Lyssna-Invitation-Code");
}

TEST_CASE("kill -9 right after acknowledged answers loses nothing", "[api][durability]") {
  ServerFixture f;
  std::vector<std::thread> clients;
  std::atomic<int> acknowledged{0};
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&, t] {
      httplib::Client c("127.0.0.1", f.server->port());
      for (int i = 0; i < 25; ++i) {
        auto res = c.Post("/api/v1/surveys/trygghet-2026/responses",
                          record_json("k" + std::to_string(t) + "-" + std::to_string(i)),
                          "application/json");
        if (res && res->status == 201) ++acknowledged;
      }
    });
  }
  for (auto& t : clients) t.join();
  // And one form submission, acknowledged by its redirect.
  auto form = f.post_form({{"_rid", "form-1"},
                           {"_lang", "sv"},
                           {"_page", "4"},
                           {"area", "handen"},
                           {"_action", "submit"}});
  REQUIRE(form->status == 303);
  f.server->stop(SIGKILL);
  CHECK(acknowledged == 200);
  CHECK(f.stored() == 201);
  // The database opens cleanly afterwards and the server starts again.
  f.start();
  CHECK(f.client->Get("/healthz")->status == 200);
}

TEST_CASE("a number out of range is a 400 naming it, a formula id a 422 naming the field",
          "[api]") {
  ServerFixture f;
  auto huge = post_record(f, record_json("n1", R"(,"safe_night":1e9999991)"));
  REQUIRE(huge);
  CHECK(huge->status == 400);
  CHECK_THAT(error_of(huge)["message"].get<std::string>(),
             Catch::Contains("1e9999991 is out of range"));
  auto formula = post_record(f, record_json("=HYPERLINK(\\\"http://evil\\\")"));
  REQUIRE(formula);
  CHECK(formula->status == 422);
  CHECK(error_of(formula)["field"] == "id");
  CHECK(f.stored() == 0);
}
