// Integration tests of the answers' XLSX, SPSS and Stata exports over real
// HTTP and from the command line: the same permission as the CSV (those
// who read free text), the files read back with openpyxl and readstat,
// each export audited, and binary output kept off a terminal.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "../support/shell_output.hpp"
#include "collector/interchange/csv.hpp"
#include "workspace_client.hpp"

using namespace lyssna::test;

namespace {

// The first sheet's rows as openpyxl reads them: [[value, type], ...].
nlohmann::json exported_sheet(const std::string& path) {
  const std::string python = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
  const std::string script =
      "import json,sys,openpyxl\n"
      "ws=openpyxl.load_workbook(sys.argv[1]).worksheets[0]\n"
      "print(json.dumps([[[c.value,c.data_type] for c in r] for r in ws.iter_rows()],"
      "ensure_ascii=False,default=str))\n";
  return nlohmann::json::parse(shell_output(python + " -c '" + script + "' " + path));
}

void save_body(const std::string& path, const std::string& body) {
  std::ofstream out(path, std::ios::binary);
  out << body;
}

std::vector<nlohmann::json> exports_audited(const nlohmann::json& audit) {
  std::vector<nlohmann::json> out;
  for (const auto& e : audit)
    if (e["action"] == "responses_exported") out.push_back(e);
  return out;
}

}  // namespace

TEST_CASE("the workspace's export as XLSX, SPSS and Stata: free-text readers only, read back",
          "[workspace][exports]") {
  Workspace w;
  w.add_user("anna", "analyst");
  w.add_user("vera", "viewer");
  const std::string formula = "=HYPERLINK(\\\"http://evil.example\\\",\\\"klicka\\\")";
  const std::string arabic = "الإضاءة ضعيفة في النفق";
  REQUIRE(w.lyssna({"import", "-"},
                   record_json("x1",
                               ",\"free_text\":\"" + formula + "\",\"safe_night\":\"very_safe\"") +
                       "\n" + record_json("x2", ",\"free_text\":\"" + arabic + "\"") + "\n")
              .status == 0);
  const std::string path = "/workspace/surveys/trygghet-2026/export";
  const std::string vera = w.login("vera");
  for (const std::string format : {"xlsx", "sav", "dta"}) {
    auto viewer = w.post(path, {{"_csrf", w.csrf(vera)}, {"format", format}}, vera);
    CHECK(viewer->status == 403);
    CHECK(viewer->body.find("HYPERLINK") == std::string::npos);
    CHECK(w.post(path, {{"format", format}})->status == 303);  // a visitor: to the login
  }

  const std::string anna = w.login("anna");  // the page in English
  const std::string token = w.csrf(anna);
  auto xlsx = w.post(path, {{"_csrf", token}, {"format", "xlsx"}}, anna);
  REQUIRE(xlsx);
  REQUIRE(xlsx->status == 200);
  CHECK(xlsx->get_header_value("Content-Type") ==
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  CHECK_THAT(xlsx->get_header_value("Content-Disposition"),
             Catch::StartsWith("attachment; filename=\"trygghet-2026-answers-") &&
                 Catch::EndsWith(".xlsx\""));
  CHECK(xlsx->get_header_value("Cache-Control") == "no-store");
  const std::string book = w.dir.file("answers.xlsx");
  save_body(book, xlsx->body);
  const auto rows = exported_sheet(book);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0][0][0] == "id");
  size_t text_column = 0;
  for (size_t i = 0; i < rows[0].size(); ++i)
    if (rows[0][i][0] == "free_text") text_column = i;
  REQUIRE(text_column > 0);
  CHECK(rows[1][text_column][0] == "'=HYPERLINK(\"http://evil.example\",\"klicka\")");
  CHECK(rows[1][text_column][1] == "s");
  CHECK(rows[2][text_column][0] == arabic);

  auto sav = w.post(path, {{"_csrf", token}, {"format", "sav"}}, anna);
  REQUIRE(sav->status == 200);
  CHECK(sav->get_header_value("Content-Type") == "application/x-spss-sav");
  const std::string sav_path = w.dir.file("answers.sav");
  save_body(sav_path, sav->body);
  std::istringstream values(shell_output("readstat " + sav_path + " - 2>/dev/null"));
  lyssna::interchange::CsvReader reader(values);
  auto header = reader.next();
  auto first = reader.next();
  REQUIRE(header);
  REQUIRE(first);
  CHECK(first->fields[0] == "x1");
  shell_output("extract_metadata " + sav_path + " " + sav_path + ".json >/dev/null 2>&1");
  std::ifstream meta_in(sav_path + ".json");
  const auto meta = nlohmann::json::parse(meta_in);
  bool labelled = false;
  for (const auto& v : meta["variables"]) {
    if (v["name"] != "safe_night") continue;
    labelled = true;
    CHECK(v["categories"][0]["label"] == "Very safe");  // the page's language
  }
  CHECK(labelled);

  auto dta = w.post(path, {{"_csrf", token}, {"format", "dta"}}, anna);
  REQUIRE(dta->status == 200);
  CHECK(dta->get_header_value("Content-Type") == "application/x-stata-dta");
  CHECK(w.post(path, {{"_csrf", token}, {"format", "pdf"}}, anna)->status == 422);

  const auto entries = exports_audited(w.audit());
  REQUIRE(entries.size() == 3);  // newest first
  CHECK(entries[0]["detail"] == "dta, 2 answers, labels en");
  CHECK(entries[1]["detail"] == "sav, 2 answers, labels en");
  CHECK(entries[2]["detail"] == "xlsx, 2 answers");
  CHECK(entries[2]["actor"] == "anna");
}

TEST_CASE("lyssna export writes XLSX, SPSS and Stata files, audited, and checks its options",
          "[exports][cli]") {
  Workspace w;
  REQUIRE(w.lyssna({"import", "-"}, record_json("c1", ",\"safe_night\":\"fairly_safe\"") + "\n")
              .status == 0);
  const std::string sav = w.dir.file("cli.sav");
  auto r = w.lyssna({"export", "--survey", "trygghet-2026", "--format", "sav", "--labels", "en",
                     "--output", sav});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK_THAT(r.err, Catch::Contains("exported 1 record"));
  CHECK_THAT(shell_output("readstat " + sav + " - 2>/dev/null"), Catch::Contains("\"c1\""));
  // Standard output that is not a terminal takes the bytes (here a pipe).
  auto xlsx = w.lyssna({"export", "--survey", "trygghet-2026", "--format", "xlsx"});
  REQUIRE(xlsx.status == 0);
  CHECK(xlsx.out.rfind("PK", 0) == 0);  // a zip container
  const std::string book = w.dir.file("cli.xlsx");
  save_body(book, xlsx.out);
  CHECK(exported_sheet(book)[1][0][0] == "c1");

  CHECK(w.lyssna({"export", "--survey", "trygghet-2026", "--format", "dta", "--labels", "fi"})
            .status != 0);
  CHECK(w.lyssna({"export", "--format", "dta"}).status != 0);  // no survey
  CHECK(w.lyssna({"export", "--survey", "trygghet-2026", "--labels", "en"}).status != 0);
  const auto entries = exports_audited(w.audit());
  REQUIRE(entries.size() == 2);
  CHECK(entries[1]["detail"] == "sav, 1 answers, labels en");
  CHECK_THAT(entries[1]["actor"].get<std::string>(), Catch::StartsWith("cli:"));
}
