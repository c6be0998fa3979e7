// Unit tests of the importer and exporter over a real SQLite file.
#include <catch2/catch.hpp>

#include <sstream>

#include "../support/temp_dir.hpp"
#include "demo/demo_generator.hpp"
#include "collector/interchange/exporter.hpp"
#include "collector/interchange/importer.hpp"
#include "collector/questionnaire/standard_template.hpp"
#include "collector/storage/schema.hpp"
#include "collector/storage/survey_store.hpp"

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
  std::string text = std::string(good_line(0)) + "\n" +
                     R"({"id":"bad1","survey":"trygghet-2026","lang":"sv","channel":"online","submitted_at":"2026-03-04T18:22:05Z","answers":{"safe_night":"maybe"}})" "\n" +
                     "not json at all\n" + good_line(1) + "\n\n" +
                     R"({"id":"bad2","survey":"trygghet-2026","lang":"sv","channel":"online","submitted_at":"yesterday"})" "\n" +
                     R"({"id":"bad3","survey":"other","lang":"sv","channel":"online","submitted_at":"2026-03-04T18:22:05Z"})" "\n" +
                     good_line(2) + "\n";
  auto report = f.import(text, Format::jsonl);
  CHECK(report.taken == 3);
  CHECK(report.duplicates == 0);
  CHECK(report.refused == 4);
  REQUIRE(f.problems.size() == 4);
  CHECK_THAT(f.problems[0], Catch::StartsWith("line 2, field 'answers.safe_night'") && Catch::Contains("'maybe'"));
  CHECK_THAT(f.problems[1], Catch::StartsWith("line 3") && Catch::Contains("not valid JSON"));
  CHECK_THAT(f.problems[2], Catch::StartsWith("line 6, field 'submitted_at'"));
  CHECK_THAT(f.problems[3], Catch::StartsWith("line 7, field 'survey'") && Catch::Contains("does not exist"));
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

TEST_CASE("export -> import into an empty database -> export gives identical records", "[import][export]") {
  Fixture first;
  demo::DemoOptions options;
  options.survey_id = "trygghet-2026";
  options.responses = 400;
  auto q = *storage::load_survey(first.db, "trygghet-2026");
  std::ostringstream generated;
  demo::generate_records(q, options, [&](const Record& r) { generated << record_to_jsonl(r) << '\n'; });
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
      "\xEF\xBB\xBF" "id,survey,lang,channel,session,submitted_at,area,safe_night,free_text\r\n"
      "c1,trygghet-2026,sv,paper,,2026-03-04T18:22:05Z,jordbro,very_unsafe,\"Mörkt, kallt\"\r\n"
      "c2,trygghet-2026,sv,paper,,2026-03-04T18:22:05Z,atlantis,,\r\n"
      "c3,trygghet-2026,sv,paper,,2026-03-04T18:22:05Z,handen\r\n"
      "c4,trygghet-2026,sv,kiosk,k1,2026-03-04T18:22:05Z,handen,,\r\n";
  auto report = f.import(csv, Format::csv);
  CHECK(report.taken == 2);
  CHECK(report.refused == 2);
  REQUIRE(f.problems.size() == 2);
  CHECK_THAT(f.problems[0], Catch::StartsWith("line 3, field 'answers.area'"));
  CHECK_THAT(f.problems[1], Catch::StartsWith("line 4") && Catch::Contains("fields but the header has"));
}

TEST_CASE("CSV export needs a survey and unknown surveys are named", "[export]") {
  Fixture f;
  std::ostringstream out;
  CHECK_THROWS_WITH(export_records(f.db, "", Format::csv, out), Catch::Contains("--survey"));
  CHECK_THROWS_WITH(export_records(f.db, "nope", Format::jsonl, out), Catch::Contains("'nope'"));
}
