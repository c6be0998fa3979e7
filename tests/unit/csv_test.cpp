// Unit tests of the CSV reader and writer and of records as CSV rows.
#include <catch2/catch.hpp>

#include <sstream>

#include "util/errors.hpp"
#include "collector/interchange/csv.hpp"
#include "collector/interchange/record_csv.hpp"
#include "collector/questionnaire/standard_template.hpp"

using namespace lyssna;
using namespace lyssna::interchange;
using nlohmann::json;

namespace {

std::vector<CsvRow> read_all(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(in);
  std::vector<CsvRow> rows;
  while (auto row = reader.next()) rows.push_back(*row);
  return rows;
}

questionnaire::Questionnaire standard() {
  questionnaire::TemplateOptions o;
  o.survey_id = "trygghet-2026";
  o.areas = questionnaire::parse_area_list("handen,jordbro");
  return questionnaire::build_from_template("trygghet", o);
}

}  // namespace

TEST_CASE("RFC 4180 quoting, CRLF and a byte-order mark", "[csv]") {
  auto rows = read_all("\xEF\xBB\xBF" "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",,end\n");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].fields == std::vector<std::string>{"a", "b", "c"});
  CHECK(rows[1].fields == std::vector<std::string>{"1", "x, y", "say \"hi\""});
  CHECK(rows[2].fields == std::vector<std::string>{"multi\nline", "", "end"});
  CHECK(rows[2].line == 3);
}

TEST_CASE("a malformed row is reported with its line and the next rows still read", "[csv]") {
  auto rows = read_all("a,b\n1,\"2\"x\n3,4\n5,6\"7\n8,9\n");
  REQUIRE(rows.size() == 5);
  CHECK(rows[1].error.find("quoted field") != std::string::npos);
  CHECK(rows[1].line == 2);
  CHECK(rows[2].fields == std::vector<std::string>{"3", "4"});
  CHECK(rows[3].line == 4);
  CHECK_FALSE(rows[3].error.empty());
  CHECK(rows[4].fields == std::vector<std::string>{"8", "9"});
  auto unterminated = read_all("a\n\"never closed\n");
  CHECK(unterminated.back().error.find("not closed") != std::string::npos);
}

TEST_CASE("written fields read back unchanged", "[csv]") {
  std::vector<std::string> fields = {"plain", "comma,inside", "quote\"inside", "new\nline", " padded ", ""};
  auto rows = read_all(csv_line(fields));
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].fields == fields);
}

TEST_CASE("records round-trip through CSV rows", "[csv]") {
  auto q = standard();
  Record r;
  r.id = "r1";
  r.survey = q.id;
  r.lang = "fi";
  r.channel = "paper";
  r.submitted_at = "2026-03-04T18:22:05Z";
  r.submitted_epoch = 1772648525;
  r.answers = {{"area", "jordbro"}, {"safe_night", "very_unsafe"}, {"free_text", "Pimeää, \"todella\"\nja kylmää"}};
  auto header = csv_header(q);
  CHECK(std::vector<std::string>(header.begin(), header.begin() + 6) ==
        std::vector<std::string>{"id", "survey", "lang", "channel", "session", "submitted_at"});
  auto rows = read_all(csv_line(header) + csv_line(record_to_csv(r, q)));
  REQUIRE(rows.size() == 2);
  CsvRecordReader reader(rows[0].fields, [&](const std::string& id) { return id == q.id ? &q : nullptr; });
  CHECK(reader.read(rows[1].fields) == r);
}

TEST_CASE("CSV cells are typed by the questionnaire", "[csv]") {
  questionnaire::Questionnaire q = standard();
  // A survey with multi and number questions: add them to a copy.
  questionnaire::Question multi;
  multi.id = "places";
  multi.type = questionnaire::QuestionType::multi;
  multi.options = {{"a", {}}, {"b", {}}};
  questionnaire::Question number;
  number.id = "years";
  number.type = questionnaire::QuestionType::number;
  q.pages.back().questions.push_back(multi);
  q.pages.back().questions.push_back(number);
  q.build_index();
  CsvRecordReader reader({"id", "survey", "lang", "channel", "session", "submitted_at", "places", "years", "area"},
                         [&](const std::string&) { return &q; });
  auto r = reader.read({"x", q.id, "sv", "dialogue", "s-1", "2026-03-04T18:22:05Z", "a; b", "12", ""});
  CHECK(r.answers == json{{"places", {"a", "b"}}, {"years", 12}});
  CHECK(r.session == "s-1");
  auto decimal = reader.read({"y", q.id, "sv", "paper", "", "2026-03-04T18:22:05Z", "", "2.5", "handen"});
  CHECK(decimal.answers.at("years") == 2.5);
  CHECK_THROWS_WITH(reader.read({"z", q.id, "sv", "paper", "", "2026-03-04T18:22:05Z", "", "many", ""}),
                    Catch::Contains("'many' is not a number"));
  try {
    reader.read({"z", q.id, "sv", "paper", "", "2026-03-04T18:22:05Z", "", "many", ""});
  } catch (const BadInput& e) {
    CHECK(e.field() == "answers.years");
  }
}

TEST_CASE("a CSV header without the record columns is refused", "[csv]") {
  auto lookup = [](const std::string&) -> const questionnaire::Questionnaire* { return nullptr; };
  CHECK_THROWS_WITH(CsvRecordReader({"id", "survey", "lang"}, lookup), Catch::Contains("no 'channel' column"));
  CHECK_THROWS_WITH(CsvRecordReader({"id", "id"}, lookup), Catch::Contains("twice"));
}
