// Integration test of discovery across languages, on the committed fixture
// tests/data/discover_languages (one concern the codebook lacks, snow and ice
// in winter, written in Swedish, English, Arabic and Finnish, beside answers
// that say nothing), with Debian's FreeDict dictionaries as installed by
// scripts/install-deps.sh: one candidate, its count, quotes from each
// language, terms that work as a codebook theme; and without dictionaries.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "../support/files.hpp"
#include "../support/process.hpp"
#include "../support/temp_dir.hpp"

using namespace lyssna::test;
using nlohmann::json;

namespace {

const std::string languages_records = "tests/data/discover_languages/records.jsonl";

std::filesystem::path dictionary_dir() {
  const char* dir = std::getenv("LYSSNA_DICTIONARY_DIR");
  return dir && *dir ? dir : "/usr/share/dictd";
}

// The dictionaries are a dependency of the tests as of the program
// (scripts/install-deps.sh installs them for both, and CI runs it): missing,
// the test fails, saying what to install, rather than passing unseen.
void require_dictionaries() {
  for (const char* name :
       {"freedict-swe-eng", "freedict-eng-swe", "freedict-ara-eng", "freedict-fin-eng"}) {
    const auto base = dictionary_dir() / name;
    const bool there = std::filesystem::exists(base.string() + ".index") &&
                       (std::filesystem::exists(base.string() + ".dict.dz") ||
                        std::filesystem::exists(base.string() + ".dict"));
    if (!there) {
      FAIL("the FreeDict dictionary " << name << " is missing in " << dictionary_dir().string()
                                      << ": install Debian's dict-" << name
                                      << " (scripts/install-deps.sh test installs all four)");
    }
  }
}

// The fixture's record ids of the answers about the concern ("snow-...")
// and of those that say nothing ("nothing-...").
std::set<std::string> ids_starting(const std::string& prefix) {
  std::set<std::string> out;
  std::istringstream lines(source_file(languages_records));
  for (std::string line; std::getline(lines, line);) {
    const std::string id = json::parse(line)["id"];
    if (id.rfind(prefix, 0) == 0) out.insert(id);
  }
  return out;
}

struct SnowSurvey {
  TempDir dir;
  std::string db = dir.file("snow.db");
  SnowSurvey() {
    REQUIRE(run_lyssna({"--db", db, "survey", "new", "snow-2026", "--areas", "handen,jordbro"})
                .status == 0);
    REQUIRE(
        run_lyssna({"--db", db, "import", std::string(LYSSNA_SOURCE_DIR) + "/" + languages_records})
            .status == 0);
  }
  RunResult run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db});
    return run_lyssna(args);
  }
  json run_json(std::vector<std::string> args) {
    args.push_back("--format");
    args.push_back("json");
    auto r = run(args);
    INFO(r.err);
    REQUIRE(r.status == 0);
    return json::parse(r.out);
  }
};

// Words of the answers that say nothing, none of which may be a term.
const std::set<std::string> nothing_words = {"vet",  "inte",  "ej",   "aning", "riktigt",
                                             "alls", "know",  "dont", "idea",  "tieda",
                                             "اعرف", "svara", "nej",  "jag"};

}  // namespace

TEST_CASE("one concern in four languages is one candidate, with quotes from each",
          "[discover][languages]") {
  require_dictionaries();
  SnowSurvey s;
  const auto concern = ids_starting("snow-");
  REQUIRE(concern.size() == 27);
  // The premise: no theme of the default codebook matches the concern.
  std::istringstream per_response(
      s.run({"themes", "snow-2026", "--per-response", "--format", "jsonl"}).out);
  for (std::string line; std::getline(per_response, line);) {
    const auto row = json::parse(line);
    if (concern.count(row["id"])) CHECK(row["themes"].empty());
  }

  const auto found = s.run_json({"discover", "snow-2026"});
  CHECK(found["warnings"].empty());
  // Every answer that says nothing but "-", which has no words at all.
  CHECK(found["non_answers"] == ids_starting("nothing-").size() - 1);
  REQUIRE(found["candidates"].size() == 1);
  const auto& c = found["candidates"][0];
  CHECK(c["count"] == 27);
  std::set<std::string> quoted_languages;
  for (const auto& q : c["quotes"]) {
    CHECK(concern.count(q["id"].get<std::string>()) == 1);
    quoted_languages.insert(q["lang"].get<std::string>());
  }
  CHECK(quoted_languages == std::set<std::string>{"sv", "en", "ar", "fi"});
  for (const auto& term : c["terms"]) CHECK(nothing_words.count(term.get<std::string>()) == 0);
  const auto& by_language = c["terms_by_language"];
  for (const char* lang : {"sv", "en", "ar", "fi"}) {
    INFO(lang);
    REQUIRE(by_language.contains(lang));
    CHECK(!by_language[lang].empty());
  }

  // Accepted as it is, the candidate is a theme in all four languages at
  // once. (All but one answer: "Spegelis hela vintern och ingen som sandar"
  // mentions its words only within reach of "ingen", and a codebook term
  // without '+' does not count a negated mention.)
  auto codebook = json::parse(s.run({"codebook", "show", "snow-2026"}).out);
  codebook["themes"].push_back(
      {{"id", "winter_upkeep"}, {"label", {{"en", "Snow and ice"}}}, {"terms", by_language}});
  std::ofstream(s.dir.file("codebook.json")) << codebook.dump();
  REQUIRE(s.run({"codebook", "load", "snow-2026", s.dir.file("codebook.json")}).status == 0);
  std::istringstream retagged(
      s.run({"themes", "snow-2026", "--per-response", "--format", "jsonl"}).out);
  size_t tagged = 0;
  for (std::string line; std::getline(retagged, line);) {
    const auto row = json::parse(line);
    if (!concern.count(row["id"]) || row["id"] == "snow-sv-12") continue;
    INFO(row["id"]);
    const auto& themes = row["themes"];
    CHECK(std::find(themes.begin(), themes.end(), "winter_upkeep") != themes.end());
    ++tagged;
  }
  CHECK(tagged == concern.size() - 1);
}

TEST_CASE("without dictionaries discovery still works, and says what it lacks",
          "[discover][languages]") {
  SnowSurvey s;
  TempDir empty;
  setenv("LYSSNA_DICTIONARY_DIR", empty.path().c_str(), 1);
  const auto found = s.run_json({"discover", "snow-2026"});
  const auto table = s.run({"discover", "snow-2026", "--format", "table"});
  unsetenv("LYSSNA_DICTIONARY_DIR");
  REQUIRE(found["warnings"].size() == 1);
  CHECK_THAT(found["warnings"][0].get<std::string>(),
             Catch::Contains("no bilingual dictionary") &&
                 Catch::Contains("dict-freedict-ara-eng") &&
                 Catch::Contains("codebook's parallel terms"));
  CHECK_THAT(table.err, Catch::Contains("note: no bilingual dictionary"));
  // The languages stay apart (the codebook knows nothing of snow), and
  // still nothing that says nothing is proposed.
  CHECK(found["candidates"].size() > 1);
  for (const auto& c : found["candidates"]) {
    for (const auto& term : c["terms"]) CHECK(nothing_words.count(term.get<std::string>()) == 0);
  }
}
