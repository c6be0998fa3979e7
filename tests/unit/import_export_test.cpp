// Unit tests of the importer and exporter over a real SQLite file.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <sstream>

#include "../support/temp_dir.hpp"
#include "collector/interchange/exporter.hpp"
#include "collector/interchange/importer.hpp"
#include "collector/questionnaire/standard_template.hpp"
#include "collector/storage/schema.hpp"
#include "collector/storage/survey_store.hpp"
#include "demo/demo_generator.hpp"

using namespace lyssna;
using namespace lyssna::interchange;

namespace {

struct Fixture {
  test::TempDir dir;
  storage::Database db = storage::open_database(dir.file("a.db"));
  std::vector<std::string> problems;

  Fixture() {
    questionnaire::TemplateOptions o;
    o.survey_id = "trygghet-2026";
    o.areas = questionnaire::parse_area_list("handen,jordbro");
    storage::save_survey(db, questionnaire::build_from_template("trygghet", o), false);
  }
  ImportReport import(const std::string& text, Format format) {
    std::istringstream in(text);
    ImportOptions options;
    options.format = format;
    options.batch_size = 2;  // several transactions even for small inputs
    return import_records(db, in, options, [&](const std::string& p) { problems.push_back(p); });
  }
  std::string export_all(Format format, const std::string& survey = "trygghet-2026") {
    std::ostringstream out;
    export_records(db, survey, format, out);
    return out.str();
  }
};

const char* good_line(int n) {
  static std::string lines[3] = {
      R"({"id":"r1","survey":"trygghet-2026","lang":"sv","channel":"online","session":null,"submitted_at":"2026-03-04T18:22:05Z","answers":{"area":"jordbro","safe_night":"fairly_unsafe","free_text":"Mörkt vid \"tunneln\", langning.\nPå kvällarna."}})",
      R"({"id":"r2","survey":"trygghet-2026","lang":"ar","channel":"dialogue","session":"dialog-1","submitted_at":"2026-03-05T10:00:00+01:00","answers":{"area":"handen","free_text":"الإضاءة سيئة"}})",
      R"({"id":"r3","survey":"trygghet-2026","lang":"fi","channel":"paper","submitted_at":"2026-03-06T08:00:00Z","answers":{}})"};
  return lines[n].c_str();
}

}  // namespace

TEST_CASE("JSON Lines import takes good records and names line and field of bad ones", "[import]") {
  Fixture f;
  std::string text =
      std::string(good_line(0)) + "\n" +
      R"({"id":"bad1","survey":"trygghet-2026","lang":"sv","channel":"online","submitted_at":"2026-03-04T18:22:05Z","answers":{"safe_night":"maybe"}})"
      "\n" +
      "not json at all\n" + good_line(1) + "\n\n" +
      R"({"id":"bad2","survey":"trygghet-2026","lang":"sv","channel":"online","submitted_at":"yesterday"})"
      "\n" +
      R"({"id":"bad3","survey":"other","lang":"sv","channel":"online","submitted_at":"2026-03-04T18:22:05Z"})"
      "\n" +
      good_line(2) + "\n";
  auto report = f.import(text, Format::jsonl);
  CHECK(report.taken == 3);
  CHECK(report.duplicates == 0);
  CHECK(report.refused == 4);
  REQUIRE(f.problems.size() == 4);
  CHECK_THAT(f.problems[0],
             Catch::StartsWith("line 2, field 'answers.safe_night'") && Catch::Contains("'maybe'"));
  CHECK_THAT(f.problems[1], Catch::StartsWith("line 3") && Catch::Contains("not valid JSON"));
  CHECK_THAT(f.problems[2], Catch::StartsWith("line 6, field 'submitted_at'"));
  CHECK_THAT(f.problems[3],
             Catch::StartsWith("line 7, field 'survey'") && Catch::Contains("does not exist"));
}

TEST_CASE("importing the same file twice is a no-op, a changed record is refused", "[import]") {
  Fixture f;
  std::string text = std::string(good_line(0)) + "\n" + good_line(1) + "\n";
  CHECK(f.import(text, Format::jsonl).taken == 2);
  auto again = f.import(text, Format::jsonl);
  CHECK(again.taken == 0);
  CHECK(again.duplicates == 2);
  std::string changed = good_line(0);
  changed.replace(changed.find("jordbro"), 7, "handen");
  auto conflict = f.import(changed + "\n", Format::jsonl);
  CHECK(conflict.refused == 1);
  CHECK_THAT(f.problems.back(), Catch::StartsWith("line 1, field 'id'") && Catch::Contains("'r1'"));
}

TEST_CASE("export -> import into an empty database -> export gives identical records",
          "[import][export]") {
  Fixture first;
  demo::DemoOptions options;
  options.survey_id = "trygghet-2026";
  options.responses = 400;
  auto q = *storage::load_survey(first.db, "trygghet-2026");
  std::ostringstream generated;
  demo::generate_records(q, options,
                         [&](const Record& r) { generated << record_to_jsonl(r) << '\n'; });
  REQUIRE(first.import(generated.str(), Format::jsonl).taken == 400);

  for (Format format : {Format::jsonl, Format::csv}) {
    INFO((format == Format::csv ? "csv" : "jsonl"));
    std::string exported = first.export_all(format);
    Fixture second;
    auto report = second.import(exported, format);
    CHECK(report.taken == 400);
    CHECK(report.refused == 0);
    CHECK(second.export_all(format) == exported);
    CHECK(second.export_all(Format::jsonl) == first.export_all(Format::jsonl));
  }
}

TEST_CASE("CSV import names the line and field of a bad row", "[import]") {
  Fixture f;
  std::string csv =
      "\xEF\xBB\xBF"
      "id,survey,lang,channel,session,submitted_at,area,safe_night,free_text\r\n"
      "c1,trygghet-2026,sv,paper,,2026-03-04T18:22:05Z,jordbro,very_unsafe,\"Mörkt, kallt\"\r\n"
      "c2,trygghet-2026,sv,paper,,2026-03-04T18:22:05Z,atlantis,,\r\n"
      "c3,trygghet-2026,sv,paper,,2026-03-04T18:22:05Z,handen\r\n"
      "c4,trygghet-2026,sv,kiosk,k1,2026-03-04T18:22:05Z,handen,,\r\n";
  auto report = f.import(csv, Format::csv);
  CHECK(report.taken == 2);
  CHECK(report.refused == 2);
  REQUIRE(f.problems.size() == 2);
  CHECK_THAT(f.problems[0], Catch::StartsWith("line 3, field 'answers.area'"));
  CHECK_THAT(f.problems[1],
             Catch::StartsWith("line 4") && Catch::Contains("fields but the header has"));
}

TEST_CASE("CSV export needs a survey and unknown surveys are named", "[export]") {
  Fixture f;
  std::ostringstream out;
  CHECK_THROWS_WITH(export_records(f.db, "", Format::csv, out), Catch::Contains("--survey"));
  CHECK_THROWS_WITH(export_records(f.db, "nope", Format::jsonl, out), Catch::Contains("'nope'"));
}

namespace {

// A CSV file of `rows` good records under a short header; `cell(n)` gives
// row n's free_text cell as written in the file (n from 1).
std::string nine_rows(const std::function<std::string(int)>& cell, int rows = 9) {
  std::string text = "id,survey,lang,channel,session,submitted_at,area,free_text\n";
  for (int n = 1; n <= rows; ++n) {
    text += "r" + std::to_string(n) + ",trygghet-2026,sv,paper,,2026-03-04T18:22:05Z,jordbro," +
            cell(n) + "\n";
  }
  return text;
}

std::string plain(int n) {
  return "text " + std::to_string(n);
}

}  // namespace

TEST_CASE("a stray quote in a CSV import refuses its row and keeps every good one",
          "[import][csv]") {
  Fixture f;
  auto report =
      f.import(nine_rows([](int n) { return n == 3 ? "\"stray quote" : plain(n); }), Format::csv);
  CHECK(report.taken == 8);
  CHECK(report.refused == 1);
  REQUIRE(f.problems.size() == 1);
  CHECK_THAT(f.problems[0], Catch::StartsWith("line 4, field 'answers.free_text'") &&
                                Catch::Contains("not closed before the end of the file"));
  std::string exported = f.export_all(Format::jsonl);
  for (int n : {1, 2, 4, 5, 6, 7, 8, 9}) {
    INFO(n);
    CHECK(exported.find("\"id\":\"r" + std::to_string(n) + "\"") != std::string::npos);
  }
  CHECK(exported.find("\"id\":\"r3\"") == std::string::npos);
}

TEST_CASE("stray quotes in the first row, the last row and two rows", "[import][csv]") {
  struct Case {
    const char* what;
    std::vector<int> bad;
  };
  for (const auto& c :
       std::vector<Case>{{"first", {1}}, {"last", {9}}, {"two", {3, 6}}, {"adjacent", {4, 5}}}) {
    INFO(c.what);
    Fixture f;
    auto is_bad = [&](int n) { return std::find(c.bad.begin(), c.bad.end(), n) != c.bad.end(); };
    auto report =
        f.import(nine_rows([&](int n) { return is_bad(n) ? "\"stray " + plain(n) : plain(n); }),
                 Format::csv);
    CHECK(report.taken == 9 - static_cast<int64_t>(c.bad.size()));
    CHECK(report.refused == static_cast<int64_t>(c.bad.size()));
    REQUIRE(f.problems.size() == c.bad.size());
    for (size_t i = 0; i < c.bad.size(); ++i) {
      CHECK_THAT(f.problems[i], Catch::StartsWith("line " + std::to_string(c.bad[i] + 1) +
                                                  ", field 'answers.free_text'"));
    }
  }
}

TEST_CASE("a stray quote that closes on a later line and breaks the field count is refused alone",
          "[import][csv]") {
  // Row 3's quote closes at row 5's, making one row with too many fields
  // out of rows 3 to 5; rows 4 and 5 are read again on their own.
  Fixture f;
  auto report = f.import(nine_rows([](int n) {
                           if (n == 3) return std::string("\"stray");
                           if (n == 5) return std::string("end\",extra");
                           return plain(n);
                         }),
                         Format::csv);
  CHECK(report.taken == 7);
  CHECK(report.refused == 2);
  REQUIRE(f.problems.size() == 2);
  CHECK_THAT(f.problems[0], Catch::StartsWith("line 4") && Catch::Contains("runs on to line 6"));
  CHECK_THAT(f.problems[1], Catch::StartsWith("line 6, field 'answers.free_text'") &&
                                Catch::Contains("a quote appears"));
}

TEST_CASE("a quoted free text over several lines still imports", "[import][csv]") {
  Fixture f;
  auto report = f.import(
      nine_rows([](int n) {
        return n == 3
                   ? std::string("\"Mörkt vid tunneln,\nlangning på \"\"kvällarna\"\".\r\n\nTack\"")
                   : plain(n);
      }),
      Format::csv);
  CHECK(report.taken == 9);
  CHECK(report.refused == 0);
  CHECK(f.problems.empty());
  CHECK(f.export_all(Format::jsonl)
            .find(R"("free_text":"Mörkt vid tunneln,\nlangning på \"kvällarna\".\r\n\nTack")") !=
        std::string::npos);
}

TEST_CASE("formula-like texts export guarded and import back unchanged", "[import][export][csv]") {
  Fixture f;
  const std::vector<std::string> texts = {"=HYPERLINK(\"http://evil\",\"klicka\")",
                                          "+46 8 123 45",
                                          "-",
                                          "@once",
                                          "'citat'",
                                          "''",
                                          "\tindrag",
                                          "-3"};
  std::string jsonl;
  for (size_t i = 0; i < texts.size(); ++i) {
    nlohmann::json r = {{"id", "f" + std::to_string(i)},
                        {"survey", "trygghet-2026"},
                        {"lang", "sv"},
                        {"channel", "online"},
                        {"submitted_at", "2026-03-04T18:22:05Z"},
                        {"answers", {{"free_text", texts[i]}}}};
    jsonl += r.dump() + "\n";
  }
  REQUIRE(f.import(jsonl, Format::jsonl).taken == static_cast<int64_t>(texts.size()));
  const std::string csv = f.export_all(Format::csv);
  CHECK(csv.find(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"klicka\"\")\",") != std::string::npos);
  CHECK(csv.find(",'+46 8 123 45,") != std::string::npos);
  CHECK(csv.find(",'@once,") != std::string::npos);
  CHECK(csv.find(",''citat',") != std::string::npos);
  CHECK(csv.find(",'\tindrag,") != std::string::npos);
  CHECK(csv.find(",-3,") != std::string::npos);
  Fixture second;
  auto report = second.import(csv, Format::csv);
  CHECK(report.taken == static_cast<int64_t>(texts.size()));
  CHECK(second.export_all(Format::csv) == csv);
  CHECK(second.export_all(Format::jsonl) == f.export_all(Format::jsonl));
}

TEST_CASE("record ids that a spreadsheet would run are refused in CSV and JSON Lines",
          "[import][csv]") {
  Fixture f;
  auto report = f.import(
      "id,survey,lang,channel,session,submitted_at,area\n"
      "\"=HYPERLINK(\"\"http://evil\"\")\",trygghet-2026,sv,paper,,2026-03-04T18:22:05Z,jordbro\n"
      "ok,trygghet-2026,sv,kiosk,@kiosk,2026-03-04T18:22:05Z,jordbro\n",
      Format::csv);
  CHECK(report.taken == 0);
  CHECK(report.refused == 2);
  REQUIRE(f.problems.size() == 2);
  CHECK_THAT(f.problems[0],
             Catch::StartsWith("line 2, field 'id'") && Catch::Contains("not beginning with ="));
  CHECK_THAT(f.problems[1], Catch::StartsWith("line 3, field 'session'"));
  auto jsonl = f.import(
      R"({"id":"+1","survey":"trygghet-2026","lang":"sv","channel":"online","submitted_at":"2026-03-04T18:22:05Z"})"
      "\n",
      Format::jsonl);
  CHECK(jsonl.refused == 1);
  CHECK_THAT(f.problems.back(), Catch::StartsWith("line 1, field 'id'"));
}

TEST_CASE("a JSON Lines record with a number out of range is refused naming its line", "[import]") {
  Fixture f;
  auto report = f.import(
      std::string(good_line(0)) + "\n" +
          R"({"id":"big","survey":"trygghet-2026","lang":"sv","channel":"online","submitted_at":"2026-03-04T18:22:05Z","answers":{"area":1e9999991}})"
          "\n" +
          good_line(1) + "\n",
      Format::jsonl);
  CHECK(report.taken == 2);
  CHECK(report.refused == 1);
  REQUIRE(f.problems.size() == 1);
  CHECK_THAT(f.problems[0],
             Catch::StartsWith("line 2") && Catch::Contains("1e9999991 is out of range"));
}
