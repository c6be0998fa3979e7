// Golden outputs: the real CLI on the committed fixture
// tests/data/analysis_golden/, every analysis command in every format,
// compared byte for byte with the expected files there (the temporary
// directory masked). LYSSNA_UPDATE_GOLDEN=1 writes them instead.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "../support/files.hpp"
#include "../support/process.hpp"
#include "../support/temp_dir.hpp"

using namespace lyssna::test;

namespace {

const std::string golden_dir = "tests/data/analysis_golden";

// What a command prints, with what changes from run to run masked.
std::string masked_output(const RunResult& r, const std::string& tmp) {
  std::string out = r.out;
  if (r.status != 0) out += "[exit " + std::to_string(r.status) + "]\n" + r.err;
  for (size_t at; (at = out.find(tmp)) != std::string::npos;) out.replace(at, tmp.size(), "<tmp>");
  return out;
}

}  // namespace

TEST_CASE("the analysis commands print what the golden files say", "[golden]") {
  TempDir dir;
  const std::string db = dir.file("golden.db");
  const std::string source = std::string(LYSSNA_SOURCE_DIR) + "/" + golden_dir;
  for (const char* survey : {"golden-2026", "golden-2025"}) {
    REQUIRE(run_lyssna({"--db", db, "survey", "new", survey, "--areas",
                        "handen,jordbro,vasterhaninge=Västerhaninge"})
                .status == 0);
    const std::string year = std::string(survey).substr(7);
    REQUIRE(run_lyssna({"--db", db, "import", source + "/records-" + year + ".jsonl"}).status == 0);
  }
  const bool update = std::getenv("LYSSNA_UPDATE_GOLDEN") != nullptr;
  std::istringstream cases(source_file(golden_dir + "/cases.jsonl"));
  int listed = 0, compared = 0;
  for (std::string line; std::getline(cases, line);) {
    const auto c = nlohmann::json::parse(line);
    ++listed;
    std::vector<std::string> args = {"--db", db};
    for (std::string a : c["args"]) {
      if (auto at = a.find("{dir}"); at != std::string::npos) a.replace(at, 5, source);
      args.push_back(a);
    }
    const std::string name = c["name"];
    const std::string actual = masked_output(run_lyssna(args), dir.path().string());
    const std::string expected_path = source + "/expected/" + name;
    if (update) {
      std::filesystem::create_directories(source + "/expected");
      std::ofstream(expected_path, std::ios::binary) << actual;
      continue;
    }
    INFO(name << " (regenerate with LYSSNA_UPDATE_GOLDEN=1, see " << golden_dir << "/README.md)");
    REQUIRE(std::filesystem::exists(expected_path));
    CHECK(actual == source_file(golden_dir + "/expected/" + name));
    ++compared;
  }
  CHECK(listed > 30);
  if (!update) CHECK(compared == listed);
}
