// Integration tests of the command line: help, surveys, import, export,
// codes and demo, run as a script would run them.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "../support/html.hpp"
#include "../support/process.hpp"
#include "../support/temp_dir.hpp"

using namespace lyssna::test;

namespace {

std::string fixture(const std::string& name) {
  return std::string(LYSSNA_SOURCE_DIR) + "/tests/data/" + name;
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

}  // namespace

TEST_CASE("every command answers --help and the version is printed", "[cli]") {
  auto overview = run_lyssna({"--help"});
  CHECK(overview.status == 0);
  for (const char* command :
       {"serve", "survey new", "survey load", "survey list", "survey validate", "survey show",
        "survey set", "survey export", "import", "export", "demo", "codes", "token new",
        "token revoke", "token list", "sync"}) {
    INFO(command);
    CHECK_THAT(overview.out, Catch::Contains(command));
    std::vector<std::string> args;
    std::istringstream words(command);
    for (std::string w; words >> w;) args.push_back(w);
    args.push_back("--help");
    auto help = run_lyssna(args);
    CHECK(help.status == 0);
    CHECK_THAT(help.out, Catch::StartsWith("usage: lyssna " + std::string(command)));
  }
  auto version = run_lyssna({"--version"});
  CHECK(version.status == 0);
  CHECK_THAT(version.out, Catch::StartsWith("lyssna "));
  auto unknown = run_lyssna({"frobnicate"});
  CHECK(unknown.status == 2);
  CHECK_THAT(unknown.err, Catch::Contains("unknown command 'frobnicate'"));
  auto bad_option = run_lyssna({"serve", "--prot", "1"});
  CHECK(bad_option.status == 2);
  CHECK_THAT(bad_option.err, Catch::Contains("unknown option --prot"));
}

TEST_CASE("the --db option is accepted before or after the command", "[cli]") {
  TempDir dir;
  auto a = dir.file("a.db"), b = dir.file("b.db");
  CHECK(run_lyssna({"--db", a, "survey", "new", "s1", "--areas", "x,y"}).status == 0);
  CHECK(run_lyssna({"survey", "new", "s2", "--areas", "x", "--db", b}).status == 0);
  CHECK_THAT(run_lyssna({"survey", "list", "--db", a}).out, Catch::Contains("s1"));
  CHECK_THAT(run_lyssna({"--db=" + b, "survey", "list"}).out, Catch::Contains("s2"));
  CHECK(run_lyssna({"--db", b, "survey", "list"}).out.find("s1") == std::string::npos);
}

TEST_CASE("survey changes and codes made from the command line are audited as the web's are",
          "[cli]") {
  TempDir dir;
  const auto db = dir.file("l.db");
  REQUIRE(run_lyssna({"--db", db, "survey", "new", "s1", "--areas", "x,y"}).status == 0);
  REQUIRE(run_lyssna({"--db", db, "survey", "set", "s1", "--require-code", "yes"}).status == 0);
  REQUIRE(run_lyssna({"--db", db, "codes", "--survey", "s1", "--count", "3"}).status == 0);
  const std::string log = run_lyssna({"--db", db, "audit", "list"}).out;
  INFO(log);
  CHECK_THAT(log, Catch::Matches("(.|\\n)*survey_changed +cli:[^ ]+ +s1 +created from template "
                                 "trygghet(.|\\n)*"));
  CHECK_THAT(log, Catch::Matches("(.|\\n)*survey_changed +cli:[^ ]+ +s1 +requires_code(.|\\n)*"));
  CHECK_THAT(log, Catch::Matches("(.|\\n)*responses_exported +cli:[^ ]+ +s1 +invitation codes, "
                                 "3(.|\\n)*"));
}

TEST_CASE("survey definitions: validate names question and rule, load, show, set", "[cli]") {
  TempDir dir;
  auto db = dir.file("a.db");
  auto valid = run_lyssna({"survey", "validate", fixture("questionnaires/walk.json")});
  CHECK(valid.status == 0);
  CHECK_THAT(valid.out, Catch::Contains("valid: survey 'trygghetsvandring-2026'"));

  std::ifstream in(fixture("questionnaires/walk.json"));
  std::stringstream text;
  text << in.rdbuf();
  std::string broken = text.str();
  broken.replace(broken.find("\"scale\""), 7, "\"slider\"");
  write_file(dir.file("broken.json"), broken);
  auto invalid = run_lyssna({"survey", "validate", dir.file("broken.json")});
  CHECK(invalid.status == 2);
  CHECK_THAT(invalid.err, Catch::Contains("question 'tunnel_light': 'type' must be one of"));
  CHECK(run_lyssna({"--db", db, "survey", "load", dir.file("broken.json")}).status == 2);
  write_file(dir.file("junk.json"), "{ not json");
  CHECK_THAT(run_lyssna({"survey", "validate", dir.file("junk.json")}).err,
             Catch::Contains("not valid JSON"));

  CHECK(run_lyssna({"--db", db, "survey", "load", fixture("questionnaires/walk.json")}).status ==
        0);
  auto again = run_lyssna({"--db", db, "survey", "load", fixture("questionnaires/walk.json")});
  CHECK(again.status == 1);
  CHECK_THAT(again.err, Catch::Contains("exists already"));
  CHECK(run_lyssna({"--db", db, "survey", "load", fixture("questionnaires/walk.json"), "--replace"})
            .status == 0);

  auto shown = run_lyssna({"--db", db, "survey", "show", "trygghetsvandring-2026"});
  CHECK(shown.status == 0);
  CHECK(nlohmann::json::parse(shown.out)["pages"].size() == 2);
  // What `show` prints loads again: the round trip of a definition.
  write_file(dir.file("shown.json"), shown.out);
  CHECK(run_lyssna({"--db", dir.file("b.db"), "survey", "load", dir.file("shown.json")}).status ==
        0);

  auto set = run_lyssna({"--db", db, "survey", "set", "trygghetsvandring-2026", "--opens",
                         "2026-03-01", "--closes", "2026-04-01", "--require-code", "yes"});
  CHECK(set.status == 0);
  CHECK_THAT(set.out, Catch::Contains("2026-03-01 .. 2026-04-01") && Catch::Contains("required"));
  auto reversed =
      run_lyssna({"--db", db, "survey", "set", "trygghetsvandring-2026", "--opens", "2026-05-01"});
  CHECK(reversed.status == 2);
  CHECK_THAT(reversed.err, Catch::Contains("'opens_at' must be before 'closes_at'"));
  auto listed =
      nlohmann::json::parse(run_lyssna({"--db", db, "survey", "list", "--format", "json"}).out);
  CHECK(listed[0]["requires_code"] == true);
  CHECK(run_lyssna({"--db", db, "survey", "show", "nope"}).status == 1);
}

TEST_CASE("a definition on stdin is refused past 8 MiB without reading to its end",
          "[cli][limits]") {
  TempDir dir;
  // 9 MiB, then a byte every 0.2 s for as long as anyone reads: only a
  // reader that stops at the limit is done before `timeout` ends it (124).
  const std::string command =
      "(head -c 9437184 /dev/zero; while printf x; do sleep 0.2; done) 2>/dev/null | timeout 20 " +
      lyssna_binary() + " survey validate - 2>" + dir.file("err");
  const int status = std::system(("bash -c '" + command + "'").c_str());
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 2);
  std::ifstream err(dir.file("err"));
  std::stringstream text;
  text << err.rdbuf();
  CHECK_THAT(text.str(), Catch::Contains("larger than 8 MiB"));
}

TEST_CASE("survey new takes --languages as a list: spaces and empty items do not count", "[cli]") {
  TempDir dir;
  auto made = run_lyssna({"--db", dir.file("a.db"), "survey", "new", "langs-2026", "--areas",
                          "handen", "--languages", " sv, en,,fi ,"});
  INFO(made.err);
  REQUIRE(made.status == 0);
  auto shown = run_lyssna({"--db", dir.file("a.db"), "survey", "show", "langs-2026"});
  CHECK(nlohmann::json::parse(shown.out)["languages"] == nlohmann::json::array({"sv", "en", "fi"}));
}

TEST_CASE("import and export through files and pipes, with counts and refusals", "[cli]") {
  TempDir dir;
  auto db = dir.file("a.db");
  REQUIRE(run_lyssna({"--db", db, "demo", "--responses", "300"}).status == 0);
  auto exported = run_lyssna({"--db", db, "export", "--survey", "trygghet-demo"});
  CHECK(exported.status == 0);
  CHECK(count_occurrences(exported.out, "\n") == 300);
  CHECK_THAT(exported.err, Catch::Contains("exported 300 records"));

  // Into an empty database: the survey's definition first, then the records.
  auto empty = dir.file("empty.db");
  write_file(dir.file("def.json"), run_lyssna({"--db", db, "survey", "show", "trygghet-demo"}).out);
  REQUIRE(run_lyssna({"--db", empty, "survey", "load", dir.file("def.json")}).status == 0);
  auto imported = run_lyssna({"--db", empty, "import", "-"}, exported.out);
  CHECK(imported.status == 0);
  CHECK_THAT(imported.out, Catch::Contains("imported 300, skipped 0 duplicates, refused 0"));
  CHECK(run_lyssna({"--db", empty, "export", "--survey", "trygghet-demo"}).out == exported.out);

  auto csv = run_lyssna({"--db", db, "export", "--survey", "trygghet-demo", "--format", "csv"}).out;
  write_file(dir.file("records.csv"), csv);
  auto twice = run_lyssna({"--db", empty, "import", dir.file("records.csv")});
  CHECK_THAT(twice.out, Catch::Contains("imported 0, skipped 300 duplicates, refused 0"));

  std::string mixed =
      exported.out.substr(0, exported.out.find('\n') + 1) +
      "{\"id\":\"x\",\"survey\":\"trygghet-demo\",\"lang\":\"sv\",\"channel\":\"online\","
      "\"submitted_at\":\"2026-03-04T18:22:05Z\",\"answers\":{\"age_group\":\"99+\"}}\n"
      "garbage\n";
  auto partial = run_lyssna({"--db", empty, "import", "-", "--format", "jsonl"}, mixed);
  CHECK(partial.status == 3);
  CHECK_THAT(partial.err, Catch::Contains("line 2, field 'answers.age_group'"));
  CHECK_THAT(partial.err, Catch::Contains("line 3"));
  CHECK_THAT(partial.out, Catch::Contains("imported 0, skipped 1 duplicate, refused 2"));

  auto no_survey = run_lyssna({"--db", dir.file("c.db"), "import", "-"}, exported.out);
  CHECK(no_survey.status == 3);
  CHECK_THAT(no_survey.err, Catch::Contains("survey 'trygghet-demo' does not exist"));
  CHECK(run_lyssna({"--db", db, "import", dir.file("missing.jsonl")}).status == 2);
  CHECK(run_lyssna({"--db", db, "export", "--format", "csv"}).status == 2);
}

TEST_CASE("the demo is repeatable and codes print as CSV", "[cli]") {
  TempDir dir;
  auto db = dir.file("a.db");
  auto first = run_lyssna({"--db", db, "demo", "--responses", "200"});
  CHECK(first.status == 0);
  CHECK_THAT(first.out, Catch::Contains("200 new responses"));
  auto second = run_lyssna({"--db", db, "demo", "--responses", "200"});
  CHECK_THAT(second.out, Catch::Contains("0 new responses, 200 already there"));
  auto records = run_lyssna({"--db", db, "export"}).out;
  for (const char* lang :
       {"\"lang\":\"sv\"", "\"lang\":\"ar\"", "\"channel\":\"dialogue\"", "free_text"}) {
    CHECK_THAT(records, Catch::Contains(lang));
  }

  auto codes = run_lyssna({"--db", db, "codes", "--survey", "trygghet-demo", "--count", "50"});
  CHECK(codes.status == 0);
  std::istringstream lines(codes.out);
  std::string line;
  std::getline(lines, line);
  CHECK(line == "code\r");
  std::set<std::string> seen;
  while (std::getline(lines, line)) {
    CHECK(std::regex_match(line, std::regex("([A-HJKMNP-Z2-9]{4}-){3}[A-HJKMNP-Z2-9]{4}\r")));
    seen.insert(line);
  }
  CHECK(seen.size() == 50);
  auto counts = run_lyssna({"--db", db, "codes", "--survey", "trygghet-demo"});
  CHECK_THAT(counts.out, Catch::Contains("50 codes issued, 0 used"));
  CHECK(run_lyssna({"--db", db, "codes", "--survey", "nope", "--count", "1"}).status == 1);
}

TEST_CASE(
    "CSV for a spreadsheet guards formulas in export, search and themes, and import takes the "
    "guard off",
    "[cli][csv]") {
  TempDir dir;
  auto db = dir.file("a.db");
  REQUIRE(run_lyssna({"--db", db, "survey", "new", "s", "--areas", "handen,jordbro"}).status == 0);
  auto record = [](const std::string& id, const std::string& text) {
    return nlohmann::json{{"id", id},
                          {"survey", "s"},
                          {"lang", "sv"},
                          {"channel", "online"},
                          {"submitted_at", "2026-03-04T18:22:05Z"},
                          {"answers", {{"area", "jordbro"}, {"free_text", text}}}}
               .dump() +
           "\n";
  };
  const std::string records = record("f1", "=HYPERLINK(\"http://evil\",\"gatubelysning\")") +
                              record("f2", "+46 gatubelysning saknas") +
                              record("f3", "@gatubelysning") +
                              record("f4", "'gatubelysning' i citat") + record("f5", "-3");
  REQUIRE(run_lyssna({"--db", db, "import", "-"}, records).status == 0);
  // An id that a spreadsheet would run is refused at the door.
  auto formula_id = run_lyssna({"--db", db, "import", "-"}, record("=1+1", "x"));
  CHECK(formula_id.status == 3);
  CHECK_THAT(formula_id.err, Catch::Contains("line 1, field 'id'"));

  auto csv = run_lyssna({"--db", db, "export", "--survey", "s", "--format", "csv"});
  REQUIRE(csv.status == 0);
  CHECK_THAT(csv.out,
             Catch::Contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"gatubelysning\"\")\","));
  CHECK_THAT(csv.out, Catch::Contains(",'+46 gatubelysning saknas,"));
  CHECK_THAT(csv.out, Catch::Contains(",'@gatubelysning,"));
  CHECK_THAT(csv.out, Catch::Contains(",''gatubelysning' i citat,"));
  CHECK_THAT(csv.out, Catch::Contains(",-3,"));
  // Export -> import -> export is byte for byte the same.
  auto other = dir.file("b.db");
  REQUIRE(run_lyssna({"--db", other, "survey", "new", "s", "--areas", "handen,jordbro"}).status ==
          0);
  write_file(dir.file("s.csv"), csv.out);
  CHECK(run_lyssna({"--db", other, "import", dir.file("s.csv")}).status == 0);
  CHECK(run_lyssna({"--db", other, "export", "--survey", "s", "--format", "csv"}).out == csv.out);
  CHECK(run_lyssna({"--db", other, "export", "--survey", "s"}).out ==
        run_lyssna({"--db", db, "export", "--survey", "s"}).out);

  // No cell of the analysis CSVs begins with a formula character.
  auto no_formula_cells = [](const std::string& text) {
    for (const char* start :
         {"\n=", "\n+", "\n@", ",=", ",+", ",@", ",\"=", ",\"+", ",\"@", "\n\"="}) {
      if (text.find(start) != std::string::npos) return false;
    }
    return true;
  };
  auto search = run_lyssna({"--db", db, "search", "s", "gatubelysning", "--format", "csv"});
  REQUIRE(search.status == 0);
  CHECK(count_occurrences(search.out, "\r\n") >= 5);
  CHECK(no_formula_cells(search.out));
  CHECK_THAT(search.out, Catch::Contains("'="));
  write_file(dir.file("codebook.json"), R"({"id": "evil", "themes": [
      {"id": "lighting", "label": {"sv": "=cmd|' /C calc'!A0", "en": "=cmd|' /C calc'!A0"},
       "terms": {"sv": ["gatubelysning"]}}]})");
  REQUIRE(run_lyssna({"--db", db, "codebook", "load", "s", dir.file("codebook.json")}).status == 0);
  auto themes = run_lyssna({"--db", db, "themes", "s", "--format", "csv"});
  REQUIRE(themes.status == 0);
  CHECK(no_formula_cells(themes.out));
  CHECK_THAT(themes.out, Catch::Contains("lighting,'=cmd|' /C calc'!A0,"));
}

TEST_CASE("JSON files with a number out of range: a message naming the line, exit 2", "[cli]") {
  TempDir dir;
  auto db = dir.file("a.db");
  std::ifstream in(fixture("questionnaires/walk.json"));
  std::stringstream text;
  text << in.rdbuf();
  std::string huge = text.str();
  huge.insert(huge.find('{') + 1, "\n  \"_comment\": 1e9999991,");
  write_file(dir.file("huge.json"), huge);
  for (const char* command : {"validate", "load"}) {
    INFO(command);
    auto r = run_lyssna({"--db", db, "survey", command, dir.file("huge.json")});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains(
                          "huge.json' is not valid JSON: the number 1e9999991 is out of range") &&
                          Catch::Contains("at line 2, column 15"));
  }
  REQUIRE(run_lyssna({"--db", db, "survey", "new", "s", "--areas", "handen,jordbro"}).status == 0);
  write_file(dir.file("margins.json"), "{\"margins\": {\"area\": {\"handen\": 1e400}}}");
  auto margins = run_lyssna({"--db", db, "indicators", "s", "--weights", dir.file("margins.json")});
  CHECK(margins.status == 2);
  CHECK_THAT(margins.err, Catch::Contains("the number 1e400 is out of range"));
  write_file(dir.file("codebook.json"), "{\"id\": \"c\", \"themes\": [], \"weight\": -1e999}");
  auto codebook = run_lyssna({"--db", db, "codebook", "load", "s", dir.file("codebook.json")});
  CHECK(codebook.status == 2);
  CHECK_THAT(codebook.err, Catch::Contains("the number -1e999 is out of range"));
}
