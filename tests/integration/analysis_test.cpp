// Integration tests of the analysis commands and API on demo data, run as a
// user would run them: CLI output formats, manual coding, codebooks,
// weighting, the index's upkeep, and the token that guards the API.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "../support/html.hpp"
#include "../support/process.hpp"
#include "../support/temp_dir.hpp"
#include "server_fixture.hpp"

using namespace lyssna::test;
using nlohmann::json;

namespace {

struct DemoDb {
  TempDir dir;
  std::string db = dir.file("demo.db");
  explicit DemoDb(int responses = 600, int seed = 1, const std::string& survey = "trygghet-demo") {
    auto r = run_lyssna({"--db", db, "demo", "--responses", std::to_string(responses), "--seed",
                         std::to_string(seed), "--survey", survey});
    REQUIRE(r.status == 0);
  }
  json run_json(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db});
    args.push_back("--format");
    args.push_back("json");
    auto r = run_lyssna(args);
    INFO(r.err);
    REQUIRE(r.status == 0);
    return json::parse(r.out);
  }
  void write(const std::string& name, const std::string& text) {
    std::ofstream out(dir.file(name));
    out << text;
  }
};

const char* margins = R"({"survey": "trygghet-demo", "margins": {
  "area": {"handen": 30000, "jordbro": 11000, "brandbergen": 9000, "vasterhaninge": 16000, "vendelso": 10000, "dalaro": 3000},
  "age_group": {"16-24": 11000, "25-44": 27000, "45-64": 24000, "65+": 17000},
  "gender": {"woman": 39500, "man": 39500}}})";

}  // namespace

TEST_CASE("themes per response follow the contract, one line per response with free text",
          "[analysis][cli]") {
  DemoDb d;
  auto r =
      run_lyssna({"--db", d.db, "themes", "trygghet-demo", "--per-response", "--format", "jsonl"});
  REQUIRE(r.status == 0);
  std::istringstream lines(r.out);
  int count = 0, tagged = 0;
  for (std::string line; std::getline(lines, line);) {
    auto j = json::parse(line);
    CHECK(j.size() == 2);
    CHECK(j["id"].is_string());
    CHECK(j["themes"].is_array());
    tagged += !j["themes"].empty();
    ++count;
  }
  // Every demo response with free text (free_text or free_place), and no other.
  int with_text = 0;
  std::istringstream records(run_lyssna({"--db", d.db, "export"}).out);
  for (std::string line; std::getline(records, line);) {
    auto answers = json::parse(line)["answers"];
    with_text += answers.contains("free_text") || answers.contains("free_place");
  }
  CHECK(count == with_text);
  CHECK(tagged > count / 2);
  auto summary = d.run_json({"themes", "trygghet-demo"});
  CHECK(summary["themes"].size() == 13);
  CHECK(summary["texts"] == count);
  auto csv = run_lyssna({"--db", d.db, "themes", "trygghet-demo", "--format", "csv"});
  CHECK_THAT(csv.out, Catch::StartsWith("theme,label,answers,share"));
  auto markdown = run_lyssna({"--db", d.db, "themes", "trygghet-demo", "--format", "markdown"});
  CHECK_THAT(markdown.out, Catch::StartsWith("| theme | label | answers | share |"));
  auto bad = run_lyssna({"--db", d.db, "themes", "trygghet-demo", "--format", "jsonl"});
  CHECK(bad.status == 2);
  CHECK(run_lyssna({"--db", d.db, "themes", "nope"}).status == 1);
}

TEST_CASE("manual codes win, and a survey codebook re-tags without reindexing", "[analysis][cli]") {
  DemoDb d;
  auto lines =
      run_lyssna({"--db", d.db, "themes", "trygghet-demo", "--per-response", "--format", "jsonl"})
          .out;
  auto first = json::parse(lines.substr(0, lines.find('\n')));
  const std::string id = first["id"];
  CHECK(run_lyssna({"--db", d.db, "code", "trygghet-demo", id, "--add", "fraud_elderly"}).status ==
        0);
  CHECK(run_lyssna({"--db", d.db, "code", "trygghet-demo", id, "--add", "not_a_theme"}).status ==
        2);
  CHECK(run_lyssna({"--db", d.db, "code", "trygghet-demo", "no-such-id", "--add", "traffic"})
            .status == 1);
  auto after = d.run_json({"themes", "trygghet-demo", "--per-response"});
  bool found = false;
  for (const auto& r : after["responses"]) {
    if (r["id"] == id) {
      found = true;
      CHECK(std::find(r["themes"].begin(), r["themes"].end(), "fraud_elderly") !=
            r["themes"].end());
    }
  }
  CHECK(found);
  // A codebook of one theme: every response loses the others at once.
  d.write("codebook.json", R"({"id": "snow", "themes": [
      {"id": "winter", "label": {"en": "Winter"}, "terms": {"sv": ["snö*", "halk*", "is"]}},
      {"id": "fraud", "terms": {"sv": ["bedrag*"]}}],
      "renamed": {"fraud_elderly": "fraud"}})");
  CHECK(run_lyssna({"--db", d.db, "codebook", "load", "trygghet-demo", d.dir.file("codebook.json")})
            .status == 0);
  auto snow = d.run_json({"themes", "trygghet-demo"});
  CHECK(snow["codebook"] == "snow");
  CHECK(snow["themes"].size() == 2);
  auto coded = d.run_json({"themes", "trygghet-demo", "--per-response"});
  for (const auto& r : coded["responses"]) {
    if (r["id"] == id)
      CHECK(std::find(r["themes"].begin(), r["themes"].end(), "fraud") != r["themes"].end());
  }
  CHECK_THAT(run_lyssna({"--db", d.db, "codebook", "show", "trygghet-demo"}).out,
             Catch::Contains("\"winter\""));
  CHECK(run_lyssna({"--db", d.db, "codebook", "reset", "trygghet-demo"}).status == 0);
  CHECK(d.run_json({"themes", "trygghet-demo"})["themes"].size() == 13);
  d.write("broken.json", R"({"themes": [{"id": "x", "terms": {"sv": ["a*b"]}}]})");
  auto broken =
      run_lyssna({"--db", d.db, "codebook", "load", "trygghet-demo", d.dir.file("broken.json")});
  CHECK(broken.status == 2);
  CHECK_THAT(broken.err, Catch::Contains("theme 'x'") && Catch::Contains("'a*b'"));
}

TEST_CASE("search finds words in any form and marks them", "[analysis][cli]") {
  DemoDb d;
  auto hits = d.run_json({"search", "trygghet-demo", "mork"});
  REQUIRE(hits["hits"].size() > 0);
  bool marked = false;
  for (const auto& h : hits["hits"]) {
    for (const auto& s : h["snippets"])
      marked |= s["snippet"].get<std::string>().find("**") != std::string::npos;
  }
  CHECK(marked);
  auto jordbro =
      d.run_json({"search", "trygghet-demo", "polis*", "--area", "jordbro", "--limit", "5"});
  for (const auto& h : jordbro["hits"]) CHECK(h["area"] == "jordbro");
  CHECK(jordbro["hits"].size() <= 5);
  auto themed = d.run_json({"search", "trygghet-demo", "--theme", "traffic", "--lang", "sv"});
  for (const auto& h : themed["hits"]) CHECK(h["lang"] == "sv");
  CHECK(run_lyssna({"--db", d.db, "search", "trygghet-demo", "x", "--from", "yesterday"}).status ==
        2);
}

TEST_CASE("search by theme finds what themes assigns: manual codes win", "[analysis][cli]") {
  DemoDb d;
  // One response without traffic gets it by hand, one with it loses it.
  std::string added, removed;
  const json lines = d.run_json({"themes", "trygghet-demo", "--per-response"});
  for (const auto& r : lines["responses"]) {
    const bool traffic =
        std::find(r["themes"].begin(), r["themes"].end(), "traffic") != r["themes"].end();
    if (traffic && removed.empty()) removed = r["id"].get<std::string>();
    if (!traffic && added.empty()) added = r["id"].get<std::string>();
  }
  REQUIRE((!added.empty() && !removed.empty()));
  REQUIRE(run_lyssna({"--db", d.db, "code", "trygghet-demo", added, "--add", "traffic"}).status ==
          0);
  REQUIRE(
      run_lyssna({"--db", d.db, "code", "trygghet-demo", removed, "--remove", "traffic"}).status ==
      0);
  int64_t assigned = -1;
  const json summary = d.run_json({"themes", "trygghet-demo"});
  for (const auto& t : summary["themes"]) {
    if (t["theme"] == "traffic") assigned = t["count"];
  }
  auto found = d.run_json({"search", "trygghet-demo", "--theme", "traffic", "--limit", "1000"});
  CHECK(found["total"] == assigned);
  std::set<std::string> ids;
  for (const auto& h : found["hits"]) ids.insert(h["id"].get<std::string>());
  CHECK(ids.count(added) == 1);
  CHECK(ids.count(removed) == 0);
}

TEST_CASE("indicators, problem index and weighting", "[analysis][cli]") {
  DemoDb d(1500);
  // About 1.5% of the demo answer "other" for gender: some 20 people, so
  // with a threshold of 40 every cell of that group must be suppressed.
  auto plain = d.run_json({"indicators", "trygghet-demo", "--min-n", "40"});
  CHECK(plain["weighted"] == false);
  bool total = false, area = false, gender_other_small = false;
  for (const auto& g : plain["groups"]) {
    if (g["by"] == "total") {
      total = true;
      auto unsafe = g["indicators"]["unsafe_night"];
      CHECK(unsafe["share"].get<double>() > 0);
      CHECK(unsafe["ci"][0].get<double>() < unsafe["share"].get<double>());
    }
    if (g["by"] == "area") area = true;
    if (g["by"] == "gender" && g["value"] == "other") {
      for (const auto& [id, v] : g["indicators"].items()) {
        if (v["n"].get<int>() < 40) {
          CHECK(v["suppressed"] == true);
          CHECK(v["share"].is_null());
          gender_other_small = true;
        }
      }
    }
  }
  CHECK(total);
  CHECK(area);
  CHECK(gender_other_small);
  CHECK(plain["problem_index"]["areas"].size() == 6);
  d.write("margins.json", margins);
  auto weighted =
      d.run_json({"indicators", "trygghet-demo", "--weights", d.dir.file("margins.json")});
  CHECK(weighted["weighted"] == true);
  CHECK(weighted["weighting"]["converged"] == true);
  CHECK(weighted["weighting"]["design_effect"].get<double>() >= 1.0);
  auto table = run_lyssna(
      {"--db", d.db, "indicators", "trygghet-demo", "--by", "gender", "--format", "table"});
  CHECK_THAT(table.out, Catch::Contains("woman") && Catch::Contains("unsafe_night"));
  d.write("bad-margins.json", R"({"margins": {"shoe_size": {"42": 100}}})");
  CHECK(run_lyssna({"--db", d.db, "indicators", "trygghet-demo", "--weights",
                    d.dir.file("bad-margins.json")})
            .status == 2);
}

TEST_CASE("priorities follow the contract, per area and weighted", "[analysis][cli]") {
  DemoDb d(1500);
  d.write("margins.json", margins);
  auto p = d.run_json({"priorities", "trygghet-demo", "--area", "jordbro", "--weights",
                       d.dir.file("margins.json")});
  CHECK(p["survey"] == "trygghet-demo");
  CHECK(p["area"] == "jordbro");
  CHECK(p["weighted"] == true);
  CHECK(p["n"].get<int>() > 0);
  REQUIRE(p["priorities"].size() == 13);
  double last = 2;
  int rank = 0;
  for (const auto& row : p["priorities"]) {
    CHECK(row["rank"] == ++rank);
    for (const char* key :
         {"theme", "score", "problem_share", "problem_share_ci", "mention_share", "n"}) {
      CHECK(row.contains(key));
    }
    CHECK(row["score"].get<double>() <= last);
    last = row["score"].get<double>();
    if (!row["problem_share"].is_null()) CHECK(row["problem_share_ci"].size() == 2);
    CHECK(row["quotes"].size() <= 2);
  }
  auto whole = d.run_json({"priorities", "trygghet-demo"});
  CHECK(whole["area"].is_null());
  CHECK(whole["weighted"] == false);
  size_t with_quotes = 0;
  for (const auto& row : whole["priorities"]) with_quotes += row["quotes"].size() == 2;
  CHECK(with_quotes >= 8);
  CHECK(run_lyssna({"--db", d.db, "priorities", "trygghet-demo", "--area", "atlantis"}).status ==
        2);
}

TEST_CASE("trend between two surveys and discovery of new themes", "[analysis][cli]") {
  DemoDb d(800, 1, "trygghet-2025");
  REQUIRE(run_lyssna({"--db", d.db, "demo", "--responses", "800", "--seed", "2", "--survey",
                      "trygghet-2026"})
              .status == 0);
  auto t = d.run_json({"trend", "trygghet-2026", "--against", "trygghet-2025"});
  CHECK(t["earlier"] == "trygghet-2025");
  REQUIRE(t["indicators"].size() > 20);
  for (const auto& row : t["indicators"]) {
    const std::string verdict = row["change"]["verdict"];
    CHECK((verdict == "better" || verdict == "worse" || verdict == "no significant change" ||
           verdict == "not comparable"));
  }
  CHECK(t["weighted"] == false);
  auto found = d.run_json({"discover", "trygghet-2026"});
  CHECK(found["texts"].get<int>() > 0);
  CHECK(found["candidates"].is_array());

  // Weights for the earlier survey alone still make the trend weighted.
  d.write("margins.json", margins);
  auto weighted = d.run_json({"trend", "trygghet-2026", "--against", "trygghet-2025",
                              "--earlier-weights", d.dir.file("margins.json")});
  CHECK(weighted["weighted"] == true);
  CHECK(weighted["weighted_earlier"] == true);
  CHECK(weighted["weighted_later"] == false);

  // The later survey's own codebook: traffic renamed to roads, and a theme
  // the earlier codebook never had. The renamed one compares with traffic;
  // the new one has no earlier share, so no verdict (not "worse" from zero).
  d.write("codebook.json", R"({"id": "later", "themes": [
      {"id": "roads", "terms": {"sv": ["trafik*", "bil*", "fort"]}},
      {"id": "cars", "terms": {"sv": ["bil*"]}}],
      "renamed": {"traffic": "roads"}})");
  REQUIRE(
      run_lyssna({"--db", d.db, "codebook", "load", "trygghet-2026", d.dir.file("codebook.json")})
          .status == 0);
  auto renamed = d.run_json({"trend", "trygghet-2026", "--against", "trygghet-2025"});
  std::map<std::string, json> rows;
  for (const auto& row : renamed["indicators"]) rows[row["indicator"]] = row;
  REQUIRE(rows.count("mentions_roads"));
  REQUIRE(rows.count("mentions_cars"));
  CHECK(rows["mentions_roads"]["earlier"]["share"].get<double>() > 0);
  CHECK(rows["mentions_roads"]["later"]["share"].get<double>() > 0);
  CHECK(rows["mentions_cars"]["later"]["share"].get<double>() > 0);
  CHECK(rows["mentions_cars"]["earlier"]["share"].is_null());
  CHECK(rows["mentions_cars"]["change"]["verdict"] == "not comparable");
  CHECK(rows["mentions_cars"]["change"]["significant"] == false);
}

TEST_CASE("the index is derived: deleted or rebuilt, the themes stay the same", "[analysis][cli]") {
  DemoDb d;
  auto before =
      run_lyssna({"--db", d.db, "themes", "trygghet-demo", "--per-response", "--format", "jsonl"})
          .out;
  std::filesystem::remove_all(d.db + ".index");
  auto after_delete =
      run_lyssna({"--db", d.db, "themes", "trygghet-demo", "--per-response", "--format", "jsonl"})
          .out;
  CHECK(after_delete == before);
  auto reindex = run_lyssna({"--db", d.db, "reindex"});
  CHECK(reindex.status == 0);
  CHECK_THAT(reindex.out, Catch::StartsWith("reindexed 600 responses"));
  CHECK(run_lyssna({"--db", d.db, "themes", "trygghet-demo", "--per-response", "--format", "jsonl"})
            .out == before);
}

TEST_CASE("the analysis API needs the server's token and sees new answers within seconds",
          "[analysis][api]") {
  DemoDb d(300);
  {
    ServerProcess open_server(d.db);
    httplib::Client c("127.0.0.1", open_server.port());
    auto off = c.Get("/api/v1/surveys/trygghet-demo/themes");
    CHECK(off->status == 404);
    CHECK_THAT(off->body, Catch::Contains("--token"));
  }
  const std::string token = "test-token-0123456789abcdef";
  ServerProcess server(d.db, {"--token", token});
  httplib::Client c("127.0.0.1", server.port());
  c.set_read_timeout(30, 0);
  CHECK(c.Get("/api/v1/surveys/trygghet-demo/themes")->status == 401);
  CHECK(c.Get("/api/v1/surveys/trygghet-demo/themes",
              {{"Authorization", "Bearer wrong-token-0123456789"}})
            ->status == 401);
  httplib::Headers auth = {{"Authorization", "Bearer " + token}};
  auto themes = c.Get("/api/v1/surveys/trygghet-demo/themes", auth);
  REQUIRE(themes->status == 200);
  CHECK(json::parse(themes->body)["themes"].size() == 13);
  auto search = c.Get("/api/v1/surveys/trygghet-demo/search?q=m%C3%B6rkt&limit=3", auth);
  REQUIRE(search->status == 200);
  CHECK(json::parse(search->body)["hits"].size() <= 3);
  auto priorities = c.Post("/api/v1/surveys/trygghet-demo/priorities", auth,
                           std::string(R"({"area": "handen", )") + std::string(margins).substr(1),
                           "application/json");
  REQUIRE(priorities->status == 200);
  CHECK(json::parse(priorities->body)["weighted"] == true);
  CHECK(c.Get("/api/v1/surveys/trygghet-demo/indicators?by=gender", auth)->status == 200);
  CHECK(c.Get("/api/v1/surveys/trygghet-demo/discover", auth)->status == 200);
  CHECK(c.Get("/api/v1/surveys/trygghet-demo/search?limit=0", auth)->status == 400);
  CHECK(c.Get("/api/v1/surveys/nope/themes", auth)->status == 404);

  // A new answer with free text shows up in the themes within seconds.
  auto posted = c.Post(
      "/api/v1/surveys/trygghet-demo/responses",
      R"({"id":"fresh-1","survey":"trygghet-demo","lang":"sv","channel":"online","session":null,)"
      R"("submitted_at":"2026-03-04T18:22:05Z","answers":{"area":"handen","free_text":"Bilarna kör alldeles för fort förbi skolan"}})",
      "application/json");
  REQUIRE(posted->status == 201);
  bool seen = false;
  for (int i = 0; i < 100 && !seen; ++i) {
    auto r = c.Get("/api/v1/surveys/trygghet-demo/themes?per_response=1", auth);
    const json body = json::parse(r->body);  // kept alive for the loop
    for (const auto& line : body["responses"]) {
      if (line["id"] == "fresh-1")
        seen = std::find(line["themes"].begin(), line["themes"].end(), "traffic") !=
               line["themes"].end();
    }
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(seen);
  auto code = c.Post("/api/v1/surveys/trygghet-demo/code", auth,
                     R"({"id": "fresh-1", "remove": ["traffic"]})", "application/json");
  CHECK(code->status == 200);
  auto r = json::parse(c.Get("/api/v1/surveys/trygghet-demo/themes?per_response=1", auth)->body);
  for (const auto& line : r["responses"]) {
    if (line["id"] == "fresh-1") CHECK(line["themes"].empty());
  }
}

TEST_CASE("one over-long word stalls nothing: later answers are indexed and every command works",
          "[analysis][limits]") {
  // A 300-letter word sent through the public form once made the server's
  // indexer fail on it for ever: no later answer reached the index.
  ServerFixture f;
  const std::string token = "test-token-0123456789abcdef";
  f.start({"--token", token});
  auto submit = [&](const std::string& rid, const std::string& free_text) {
    auto r = f.post_form({{"_rid", rid},
                          {"_lang", "sv"},
                          {"_page", "4"},
                          {"area", "handen"},
                          {"free_text", free_text},
                          {"_action", "submit"}});
    REQUIRE(r);
    CHECK(r->status == 303);
  };
  const std::string long_rid = "0b9f6f3e-1111-4222-8333-444455556666",
                    next_rid = "0b9f6f3e-1111-4222-8333-777788889999";
  submit(long_rid, "Mörkt vid tunneln " + std::string(300, 'a'));
  submit(next_rid, "Bilarna kör alldeles för fort förbi skolan");
  httplib::Headers auth = {{"Authorization", "Bearer " + token}};
  bool seen = false;
  for (int i = 0; i < 100 && !seen; ++i) {
    const json body = json::parse(
        f.client->Get("/api/v1/surveys/trygghet-2026/themes?per_response=1", auth)->body);
    for (const auto& line : body["responses"]) {
      if (line["id"] == next_rid)
        seen = std::find(line["themes"].begin(), line["themes"].end(), "traffic") !=
               line["themes"].end();
    }
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(seen);
  // The long answer is indexed too, without its long word.
  const json found =
      json::parse(f.client->Get("/api/v1/surveys/trygghet-2026/search?q=tunnel", auth)->body);
  CHECK(found["total"] == 1);
  CHECK((found["hits"].size() == 1 && found["hits"][0]["id"] == long_rid));
  f.server.reset();
  for (std::vector<std::string> args :
       {std::vector<std::string>{"themes", "trygghet-2026", "--format", "json"},
        {"search", "trygghet-2026", "tunnel", "--format", "json"},
        {"priorities", "trygghet-2026", "--format", "json"},
        {"reindex"}}) {
    args.insert(args.begin(), {"--db", f.db});
    auto r = run_lyssna(args);
    INFO(args[2] << ": " << r.err);
    CHECK(r.status == 0);
    CHECK(r.err.find("could not be indexed") == std::string::npos);
  }
  auto themes =
      json::parse(run_lyssna({"--db", f.db, "themes", "trygghet-2026", "--format", "json"}).out);
  CHECK(themes["texts"] == 2);
}

TEST_CASE("report errors name neutral fields over HTTP and their options on the command line",
          "[analysis][api]") {
  DemoDb d(100);
  const std::string token = "test-token-0123456789abcdef";
  ServerProcess server(d.db, {"--token", token});
  httplib::Client c("127.0.0.1", server.port());
  httplib::Headers auth = {{"Authorization", "Bearer " + token}};
  auto field_of = [&](const std::string& path) {
    auto r = c.Get(path.c_str(), auth);
    REQUIRE(r);
    CHECK(r->status == 422);
    return json::parse(r->body)["error"].value("field", "");
  };
  CHECK(field_of("/api/v1/surveys/trygghet-demo/themes?area=atlantis") == "area");
  CHECK(field_of("/api/v1/surveys/trygghet-demo/priorities?area=atlantis") == "area");
  CHECK(field_of("/api/v1/surveys/trygghet-demo/search?q=x&theme=nope") == "theme");
  CHECK(field_of("/api/v1/surveys/trygghet-demo/indicators?by=shoe_size") == "by");
  auto weighted = c.Post("/api/v1/surveys/trygghet-demo/indicators", auth,
                         R"({"margins": {"shoe_size": {"42": 100}}})", "application/json");
  CHECK(weighted->status == 422);
  CHECK(json::parse(weighted->body)["error"]["field"] == "margins");
  // An unknown area among several is a typo, not an area without answers;
  // a query Xapian cannot read and a broken margins table name theirs too.
  CHECK(field_of("/api/v1/surveys/trygghet-demo/search?q=x&area=handen,atlantis") == "area");
  CHECK(field_of("/api/v1/surveys/trygghet-demo/search?q=x%20AND") == "q");
  for (const char* path :
       {"/api/v1/surveys/trygghet-demo/indicators", "/api/v1/surveys/trygghet-demo/priorities"}) {
    for (const char* body :
         {R"({"margins": {"area": {"handen": -1}}})",
          R"({"margins": {"area": {"handen": 1e308, "jordbro": 1e308}}})", R"({"margins": []})"}) {
      auto broken = c.Post(path, auth, body, "application/json");
      INFO(path << " " << body);
      REQUIRE(broken);
      CHECK(broken->status == 422);
      CHECK(json::parse(broken->body)["error"].value("field", "") == "margins");
    }
  }
  auto cli = run_lyssna({"--db", d.db, "themes", "trygghet-demo", "--area", "atlantis"});
  CHECK(cli.status == 2);
  CHECK_THAT(cli.err, Catch::Contains("no area 'atlantis'") && Catch::Contains("(--area)"));
}

TEST_CASE("a body's min_n is checked like the parameter, and both interfaces take the same ranges",
          "[analysis][api][privacy]") {
  DemoDb d(100);
  const std::string token = "test-token-0123456789abcdef";
  ServerProcess server(d.db, {"--token", token});
  httplib::Client c("127.0.0.1", server.port());
  c.set_read_timeout(30, 0);
  httplib::Headers auth = {{"Authorization", "Bearer " + token}};
  auto post_indicators = [&](const std::string& body) {
    auto r = c.Post("/api/v1/surveys/trygghet-demo/indicators", auth, body, "application/json");
    REQUIRE(r);
    return r;
  };
  // 0 would show every small cell; a text or 1e30 used to be a 500 or worse.
  for (const char* body :
       {R"({"min_n": 0})", R"({"min_n": "x"})", R"({"min_n": 1e30})", R"({"min_n": 2.5})",
        R"({"min_n": null})", R"({"min_n": -3})", R"({"min_n": 18446744073709551615})"}) {
    INFO(body);
    auto r = post_indicators(body);
    CHECK(r->status == 422);
    CHECK(json::parse(r->body)["error"]["field"] == "min_n");
  }
  auto chosen = post_indicators(R"({"min_n": 12})");
  REQUIRE(chosen->status == 200);
  CHECK(json::parse(chosen->body)["small_numbers"] ==
        json({{"suppress_below", 12}, {"uncertain_below", 30}}));
  auto high = post_indicators(R"({"min_n": 50.0})");
  REQUIRE(high->status == 200);
  CHECK(json::parse(high->body)["small_numbers"] ==
        json({{"suppress_below", 50}, {"uncertain_below", 50}}));
  auto plain = c.Get("/api/v1/surveys/trygghet-demo/indicators", auth);
  REQUIRE(plain->status == 200);
  CHECK(json::parse(plain->body)["small_numbers"] ==
        json({{"suppress_below", 5}, {"uncertain_below", 30}}));

  // The search limit: 1 to 10000 over HTTP as on the command line.
  CHECK(c.Get("/api/v1/surveys/trygghet-demo/search?limit=10000", auth)->status == 200);
  CHECK(c.Get("/api/v1/surveys/trygghet-demo/search?limit=10001", auth)->status == 400);
  CHECK(run_lyssna({"--db", d.db, "search", "trygghet-demo", "--limit", "10000"}).status == 0);
  CHECK(run_lyssna({"--db", d.db, "search", "trygghet-demo", "--limit", "10001"}).status == 2);
}
