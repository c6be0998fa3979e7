// Integration tests of the promises as JSON, over HTTP and the command line
// against the real binary: the demo's published promise, GET
// /api/v1/promises and /api/v1/promises/<id> in the public and the full
// view, 404 for what the public does not see, `lyssna promise export` →
// `import` into another database → the same document, and refusals with
// their exit codes and JSON paths.
#include <fstream>

#include "server_fixture.hpp"

using namespace lyssna::test;
using nlohmann::json;

// A namespace of its own: test files are compiled in unity batches.
namespace promise_api_test {

const std::string token = "a-token-for-the-promise-tests-0123";
const std::string internal_note = "Vendelsö flyttad";  // the demo's note, never public

httplib::Headers with_token(const std::string& bearer = token) {
  return {{"Authorization", "Bearer " + bearer}};
}

json body_of(const httplib::Result& res) {
  REQUIRE(res);
  return json::parse(res->body);
}

// The document without what differs between instances: the ids.
json without_ids(const json& j) {
  if (j.is_object()) {
    json out = json::object();
    for (const auto& [k, v] : j.items()) {
      if (k != "id") out[k] = without_ids(v);
    }
    return out;
  }
  if (j.is_array()) {
    json out = json::array();
    for (const auto& v : j) out.push_back(without_ids(v));
    return out;
  }
  return j;
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// A database with the demo survey and its promise (id 1), and a draft of
// it imported (id 2): one the public sees and one it does not.
struct DemoPromises {
  TempDir dir;
  std::string db = dir.file("demo.db");
  RunResult demo;
  DemoPromises() {
    demo = run_lyssna({"--db", db, "demo", "--responses", "300"});
    REQUIRE(demo.status == 0);
    auto full = run_lyssna({"--db", db, "promise", "export", "1", "--output", dir.file("1.json")});
    REQUIRE(full.status == 0);
    auto draft = run_lyssna({"--db", db, "promise", "import", dir.file("1.json"), "--as-draft"});
    REQUIRE(draft.status == 0);
    REQUIRE(draft.out == "2\n");
  }
};

}  // namespace promise_api_test

using namespace promise_api_test;

TEST_CASE("the demo makes a published promise with follow-ups, once", "[promise-api][cli]") {
  TempDir dir;
  const auto db = dir.file("d.db");
  auto first = run_lyssna({"--db", db, "demo", "--responses", "300"});
  REQUIRE(first.status == 0);
  CHECK_THAT(first.out, Catch::Contains("demo promise 1 of haninge, published: /promise/1"));
  const json p = json::parse(run_lyssna({"--db", db, "promise", "export", "1"}).out);
  CHECK(p["status"] == "published");
  CHECK(p["kommun"] == "haninge");
  CHECK(p["signatories"] == json({"KSF", "polis"}));
  REQUIRE(p["focus_areas"].size() == 3);  // the survey's three top priorities
  std::set<std::string> kinds, languages;
  size_t activities = 0, published = 0, unpublished = 0, noted = 0, quotes = 0;
  for (const auto& party : p["parties"]) kinds.insert(party["kind"].get<std::string>());
  for (const auto& fa : p["focus_areas"]) {
    REQUIRE(fa["sources"].size() == 1);
    CHECK(fa["sources"][0]["survey"] == "trygghet-demo");
    CHECK(fa["sources"][0]["figures"]["priority"]["rank"].is_number());
    CHECK_FALSE(fa["activities"].empty());
    quotes += fa["quotes"].size();
    for (const auto& a : fa["activities"]) {
      ++activities;
      for (const auto& [lang, text] : a["text"].items()) languages.insert(lang);
      for (const auto& u : a["follow_ups"]) {
        (u["published"] == true ? published : unpublished)++;
        if (!u["internal_note"].get<std::string>().empty()) ++noted;
      }
    }
  }
  CHECK(kinds == std::set<std::string>{"kommun", "police", "external"});
  CHECK(languages.size() >= 3);
  CHECK(languages.count("sv"));
  CHECK(languages.count("en"));
  CHECK(activities >= 5);
  CHECK(published >= 3);
  CHECK(unpublished >= 1);
  CHECK(noted == 1);
  CHECK(quotes >= 1);  // residents' words, published with their focus area
  // The first focus area's target, as Haninge's promise has it.
  CHECK(p["focus_areas"][0]["activities"][0]["target"] ==
        json({{"count", 2}, {"unit", "half_year"}}));

  auto second = run_lyssna({"--db", db, "demo", "--responses", "300"});
  CHECK(second.status == 0);
  CHECK_THAT(second.out, Catch::Contains("demo promise 1 of haninge, published, already there"));
  const json list =
      json::parse(run_lyssna({"--db", db, "promise", "list", "--format", "json"}).out);
  CHECK(list["promises"].size() == 1);
  CHECK_THAT(run_lyssna({"--db", db, "promise", "list"}).out,
             Catch::Contains("haninge          2026       published"));
}

TEST_CASE("GET /api/v1/promises lists the public promises, every one with the token",
          "[promise-api]") {
  DemoPromises d;
  ServerProcess server(d.db, {"--token", token});
  httplib::Client client("127.0.0.1", server.port());
  const json pub = body_of(client.Get("/api/v1/promises"));
  CHECK(pub["format"] == "lyssna-promise-list");
  CHECK(pub["view"] == "public");
  REQUIRE(pub["promises"].size() == 1);
  const auto& one = pub["promises"][0];
  CHECK(one["id"] == 1);
  CHECK(one["status"] == "published");
  CHECK(one["kommun"] == "haninge");
  CHECK(one["url"] == "/api/v1/promises/1");
  CHECK(one["page"] == "/promise/1");
  CHECK(one["title"]["sv"].get<std::string>().starts_with("Medborgarlöfte 2026"));

  const json all = body_of(client.Get("/api/v1/promises", with_token()));
  CHECK(all["view"] == "full");
  REQUIRE(all["promises"].size() == 2);
  CHECK(all["promises"][1]["status"] == "draft");
  CHECK(body_of(client.Get("/api/v1/promises?kommun=haninge", with_token()))["promises"].size() ==
        2);
  CHECK(body_of(client.Get("/api/v1/promises?kommun=botkyrka"))["promises"].empty());
  CHECK(client.Get("/api/v1/promises?kommun=" + std::string(65, 'a'))->status == 400);
  auto wrong = client.Get("/api/v1/promises", with_token("not-the-token-0123456789"));
  CHECK(wrong->status == 401);
  CHECK(wrong->get_header_value("Cache-Control") == "no-store");
}

TEST_CASE("GET /api/v1/promises/<id>: the public view of a published one, 404 for a draft",
          "[promise-api][security]") {
  DemoPromises d;
  ServerProcess server(d.db, {"--token", token});
  httplib::Client client("127.0.0.1", server.port());

  auto res = client.Get("/api/v1/promises/1");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK_THAT(res->get_header_value("Content-Type"), Catch::StartsWith("application/json"));
  const json pub = json::parse(res->body);
  CHECK(pub["view"] == "public");
  CHECK(pub["status"] == "published");
  // Nothing internal: the note, who recorded or made what, the quoted
  // records, unpublished follow-ups.
  CHECK(res->body.find(internal_note) == std::string::npos);
  CHECK(res->body.find("internal_note") == std::string::npos);
  CHECK(res->body.find("cli:") == std::string::npos);
  CHECK(res->body.find("quote_ids") == std::string::npos);
  CHECK(res->body.find("publiceras efter tertialuppföljningen") == std::string::npos);

  const json full = body_of(client.Get("/api/v1/promises/1", with_token()));
  CHECK(full["view"] == "full");
  CHECK(full.dump().find(internal_note) != std::string::npos);  // the owner sees it
  size_t public_follow_ups = 0, all_follow_ups = 0;
  for (const auto& fa : pub["focus_areas"])
    for (const auto& a : fa["activities"]) public_follow_ups += a["follow_ups"].size();
  for (const auto& fa : full["focus_areas"])
    for (const auto& a : fa["activities"]) all_follow_ups += a["follow_ups"].size();
  CHECK(public_follow_ups + 1 == all_follow_ups);
  // The API gives what `promise export` gives.
  const json exported =
      json::parse(run_lyssna({"--db", d.db, "promise", "export", "1", "--public"}).out);
  CHECK(exported == pub);

  // The draft is no promise to the public, and is the owner's in full.
  auto draft = client.Get("/api/v1/promises/2");
  CHECK(draft->status == 404);
  CHECK(json::parse(draft->body)["error"]["message"] == "no promise 2");
  auto never = client.Get("/api/v1/promises/999");
  CHECK(never->status == 404);
  CHECK(json::parse(never->body)["error"]["message"] == "no promise 999");
  CHECK(client.Get("/api/v1/promises/abc")->status == 404);
  CHECK(client.Get("/api/v1/promises/2", with_token("wrong-token-0123456789"))->status == 401);
  const json owner = body_of(client.Get("/api/v1/promises/2", with_token()));
  CHECK(owner["status"] == "draft");
  CHECK(owner["view"] == "full");

  // Without a token on the server, everyone gets the public view.
  ServerProcess tokenless(d.db, {});
  httplib::Client anyone("127.0.0.1", tokenless.port());
  CHECK(body_of(anyone.Get("/api/v1/promises"))["promises"].size() == 1);
  CHECK(anyone.Get("/api/v1/promises/2")->status == 404);
}

TEST_CASE("promise export, import into another database, export again: the same document",
          "[promise-api][cli]") {
  DemoPromises d;
  const auto exported = run_lyssna({"--db", d.db, "promise", "export", "1"});
  REQUIRE(exported.status == 0);
  const auto other = d.dir.file("other.db");
  // The surveys move first: the promise's sources name one.
  const auto missing = run_lyssna({"--db", other, "promise", "import", "-"}, exported.out);
  CHECK(missing.status == 2);
  CHECK_THAT(missing.err, Catch::Contains("focus_areas[0].sources[0].survey"));
  const auto definition = run_lyssna({"--db", d.db, "survey", "show", "trygghet-demo"});
  write_text(d.dir.file("survey.json"), definition.out);
  REQUIRE(run_lyssna({"--db", other, "survey", "load", d.dir.file("survey.json")}).status == 0);
  const auto imported = run_lyssna({"--db", other, "promise", "import", "-"}, exported.out);
  REQUIRE(imported.status == 0);
  CHECK(imported.out == "1\n");
  CHECK_THAT(imported.err, Catch::Contains("imported promise 1 of haninge as published"));
  CHECK_THAT(imported.err, Catch::Contains("parties added to the kommun: KSF, polis"));
  const auto again = run_lyssna({"--db", other, "promise", "export", "1"});
  REQUIRE(again.status == 0);
  CHECK(without_ids(json::parse(again.out)) == without_ids(json::parse(exported.out)));
  // Audited where it arrived.
  CHECK_THAT(run_lyssna({"--db", other, "audit", "list"}).out,
             Catch::Contains("imported as published"));

  // Refusals: a path of the document, exit 2; no such promise, exit 1.
  json bad = json::parse(exported.out);
  bad["focus_areas"][1]["activities"][0]["parties"][0] = "nobody";
  write_text(d.dir.file("bad.json"), bad.dump());
  const auto refused = run_lyssna({"--db", other, "promise", "import", d.dir.file("bad.json")});
  CHECK(refused.status == 2);
  CHECK_THAT(refused.err, Catch::Contains("focus_areas[1].activities[0].parties[0]"));
  write_text(d.dir.file("big.json"), std::string(5 * 1024 * 1024, ' '));
  CHECK(run_lyssna({"--db", other, "promise", "import", d.dir.file("big.json")}).status == 2);
  CHECK(run_lyssna({"--db", other, "promise", "import", d.dir.file("none.json")}).status == 2);
  CHECK(run_lyssna({"--db", other, "promise", "list", "--format", "json"}).out.find("\"id\": 2") ==
        std::string::npos);
  CHECK(run_lyssna({"--db", other, "promise", "export", "7"}).status == 1);
  CHECK(run_lyssna({"--db", other, "promise", "export", "x"}).status == 2);
  CHECK(run_lyssna({"--db", d.db, "promise", "export", "2", "--public"}).status == 1);
  CHECK(run_lyssna({"--db", d.db, "promise", "export", "1", "--format", "csv"}).status == 2);
}
