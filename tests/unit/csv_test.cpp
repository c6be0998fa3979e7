// Unit tests of the CSV reader and writer and of records as CSV rows.
#include <catch2/catch.hpp>

#include <optional>
#include <random>
#include <sstream>

#include "collector/interchange/csv.hpp"
#include "collector/interchange/record_csv.hpp"
#include "collector/questionnaire/standard_template.hpp"
#include "util/errors.hpp"

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
  auto rows = read_all(
      "\xEF\xBB\xBF"
      "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",,end\n");
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
  std::vector<std::string> fields = {"plain",     "comma,inside", "quote\"inside",
                                     "new\nline", " padded ",     ""};
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
  r.answers = {{"area", "jordbro"},
               {"safe_night", "very_unsafe"},
               {"free_text", "Pimeää, \"todella\"\nja kylmää"}};
  auto header = csv_header(q);
  CHECK(std::vector<std::string>(header.begin(), header.begin() + 6) ==
        std::vector<std::string>{"id", "survey", "lang", "channel", "session", "submitted_at"});
  auto rows = read_all(csv_line(header) + csv_line(record_to_csv(r, q)));
  REQUIRE(rows.size() == 2);
  CsvRecordReader reader(rows[0].fields,
                         [&](const std::string& id) { return id == q.id ? &q : nullptr; });
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
  CsvRecordReader reader(
      {"id", "survey", "lang", "channel", "session", "submitted_at", "places", "years", "area"},
      [&](const std::string&) { return &q; });
  auto r =
      reader.read({"x", q.id, "sv", "dialogue", "s-1", "2026-03-04T18:22:05Z", "a; b", "12", ""});
  CHECK(r.answers == json{{"places", {"a", "b"}}, {"years", 12}});
  CHECK(r.session == "s-1");
  auto decimal =
      reader.read({"y", q.id, "sv", "paper", "", "2026-03-04T18:22:05Z", "", "2.5", "handen"});
  CHECK(decimal.answers.at("years") == 2.5);
  CHECK_THROWS_WITH(
      reader.read({"z", q.id, "sv", "paper", "", "2026-03-04T18:22:05Z", "", "many", ""}),
      Catch::Contains("'many' is not a number"));
  try {
    reader.read({"z", q.id, "sv", "paper", "", "2026-03-04T18:22:05Z", "", "many", ""});
  } catch (const BadInput& e) {
    CHECK(e.field() == "answers.years");
  }
}

TEST_CASE("a CSV header without the record columns is refused", "[csv]") {
  auto lookup = [](const std::string&) -> const questionnaire::Questionnaire* { return nullptr; };
  CHECK_THROWS_WITH(CsvRecordReader({"id", "survey", "lang"}, lookup),
                    Catch::Contains("no 'channel' column"));
  CHECK_THROWS_WITH(CsvRecordReader({"id", "id"}, lookup), Catch::Contains("twice"));
}

TEST_CASE("a stray opening quote costs its own row only: reading goes on at the next line",
          "[csv]") {
  auto rows = read_all("a,b\n1,\"stray\n2,x\n3,y\n");
  REQUIRE(rows.size() == 4);
  CHECK(rows[1].line == 2);
  CHECK(rows[1].column == 1);
  CHECK_THAT(rows[1].error, Catch::Contains("not closed before the end of the file"));
  CHECK(rows[2].fields == std::vector<std::string>{"2", "x"});
  CHECK(rows[2].line == 3);
  CHECK(rows[3].fields == std::vector<std::string>{"3", "y"});
  CHECK(rows[3].line == 4);

  // The stray quote meets a later quote: text after it is a quote error too.
  auto meets = read_all("a,b\n1,\"stray\n2,\"x\"y\n3,\"z\"\n");
  REQUIRE(meets.size() == 4);
  CHECK(meets[1].line == 2);
  CHECK_THAT(meets[1].error, Catch::Contains("text follows the closing quote"));
  CHECK(meets[2].line == 3);
  CHECK_FALSE(meets[2].error.empty());  // its own "x"y is malformed as well
  CHECK(meets[3].fields == std::vector<std::string>{"3", "z"});
  CHECK(meets[3].line == 4);
}

TEST_CASE("a quoted field runs across at most max_row_lines lines", "[csv]") {
  std::string text = "a,b\n1,\"stray\n";
  for (int i = 0; i < 20; ++i) text += std::to_string(i) + ",x\n";
  std::istringstream in(text);
  CsvReader reader(in, 1 << 20, 2000, 5);
  std::vector<CsvRow> rows;
  while (auto row = reader.next()) rows.push_back(*row);
  REQUIRE(rows.size() == 22);
  CHECK_THAT(rows[1].error, Catch::Contains("not closed within 5 lines"));
  CHECK(rows[2].fields == std::vector<std::string>{"0", "x"});
  CHECK(rows[21].line == 22);

  // Five lines are allowed, and a row over the byte bound resumes too.
  std::istringstream five("\"1\n2\n3\n4\n5\",x\n" + std::string(100, 'z') + "\nlast\n");
  CsvReader bounded(five, 50, 2000, 5);
  auto first = bounded.next();
  REQUIRE(first);
  CHECK(first->fields == std::vector<std::string>{"1\n2\n3\n4\n5", "x"});
  CHECK(first->line == 1);
  CHECK(first->last_line == 5);
  auto huge = bounded.next();
  REQUIRE(huge);
  CHECK(huge->line == 6);
  CHECK_THAT(huge->error, Catch::Contains("longer than 50 bytes"));
  auto last = bounded.next();
  REQUIRE(last);
  CHECK(last->fields == std::vector<std::string>{"last"});
  CHECK(last->line == 7);
}

TEST_CASE("a refused row that ran across lines is read again from its second line", "[csv]") {
  // The quote opened on line 2 closes on line 3 and makes one plausible row
  // out of two; the caller refuses it, and lines 3 and 4 are read again.
  std::istringstream in("a,b\n1,\"x\n2,y\"\n3,z\n");
  CsvReader reader(in);
  REQUIRE(reader.next());
  auto joined = reader.next();
  REQUIRE(joined);
  CHECK(joined->fields == std::vector<std::string>{"1", "x\n2,y"});
  CHECK(joined->line == 2);
  CHECK(joined->last_line == 3);
  reader.reread_after_first_line();
  auto again = reader.next();
  REQUIRE(again);
  CHECK(again->line == 3);
  CHECK_THAT(again->error, Catch::Contains("a quote appears inside a field"));
  auto last = reader.next();
  REQUIRE(last);
  CHECK(last->fields == std::vector<std::string>{"3", "z"});
  CHECK(last->line == 4);
  CHECK_FALSE(reader.next());
}

TEST_CASE("CR, LF and CRLF each end a line, and lines are counted alike", "[csv]") {
  auto rows = read_all("a,b\r1,\"x\ry\"\r\n\r\n2,z\n3,w");
  REQUIRE(rows.size() == 4);
  CHECK(rows[1].fields == std::vector<std::string>{"1", "x\ry"});
  CHECK(rows[1].last_line == 3);
  CHECK(rows[2].line == 5);
  CHECK(rows[3].line == 6);
  CHECK(rows[3].fields == std::vector<std::string>{"3", "w"});
}

TEST_CASE("cells a spreadsheet would run as formulas are guarded with one quote", "[csv]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"},
      {"+1+1", "'+1+1"},
      {"-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"},
      {"@SUM(A1)", "'@SUM(A1)"},
      {"\tx", "'\tx"},
      {"\rx", "'\rx"},
      {"'already", "''already"},
      {"''", "'''"},
      {"-", "'-"},
      {"-x", "'-x"},
      {"-3", "-3"},
      {"-2.5", "-2.5"},
      {"-1e+300", "-1e+300"},
      {"-0", "-0"},
      {"a=b", "a=b"},
      {" =x", " =x"},
      {"plain", "plain"},
      {"", ""},
  };
  for (const auto& [cell, written] : cases) {
    INFO(cell);
    CHECK(spreadsheet_safe(cell) == written);
    CHECK(spreadsheet_restore(spreadsheet_safe(cell)) == cell);
  }
  std::vector<std::string> fields;
  for (const auto& c : cases) fields.push_back(c.first);
  auto rows = read_all(spreadsheet_csv_line(fields));
  REQUIRE(rows.size() == 1);
  REQUIRE(rows[0].fields.size() == fields.size());
  for (size_t i = 0; i < fields.size(); ++i) {
    INFO(fields[i]);
    CHECK(rows[0].fields[i] == cases[i].second);
    CHECK(spreadsheet_restore(rows[0].fields[i]) == fields[i]);
  }
  // The plain writer changes nothing.
  CHECK(csv_line({"=1+1"}) == "=1+1\r\n");
}

TEST_CASE("texts and numbers that begin like formulas round-trip exactly through CSV", "[csv]") {
  questionnaire::Questionnaire q = standard();
  questionnaire::Question number;
  number.id = "years";
  number.type = questionnaire::QuestionType::number;
  q.pages.back().questions.push_back(number);
  q.build_index();
  auto lookup = [&](const std::string&) { return &q; };
  const std::vector<std::pair<std::string, json>> answers = {
      {"=1+1", -3},   {"'=1+1", -2.5},  {"'", 0},     {"''x", 12},       {"-", -1e300},
      {"-3", -0.125}, {"+46 8 123", 7}, {"@here", 1}, {"\tindented", 2}, {"\r\nline", 3},
  };
  auto header = csv_header(q);
  std::string file = spreadsheet_csv_line(header);
  std::vector<Record> records;
  for (size_t i = 0; i < answers.size(); ++i) {
    Record r;
    r.id = "'r" + std::to_string(i);  // an id may begin with a quote, as any text
    r.survey = q.id;
    r.lang = "sv";
    r.channel = "paper";
    r.submitted_at = "2026-03-04T18:22:05Z";
    r.submitted_epoch = 1772648525;
    r.answers = {{"free_text", answers[i].first}, {"years", answers[i].second}};
    records.push_back(r);
    file += spreadsheet_csv_line(record_to_csv(r, q));
  }
  auto rows = read_all(file);
  REQUIRE(rows.size() == records.size() + 1);
  CsvRecordReader reader(rows[0].fields, lookup);
  std::string again = spreadsheet_csv_line(header);
  for (size_t i = 0; i < records.size(); ++i) {
    INFO(answers[i].first);
    Record back = reader.read(rows[i + 1].fields);
    CHECK(back == records[i]);
    CHECK(back.answers.at("years").is_number());
    again += spreadsheet_csv_line(record_to_csv(back, q));
  }
  CHECK(again == file);
  CHECK(file.find(",-3\r\n") != std::string::npos);  // a negative number stays a number
  CHECK(file.find(",'=1+1,") != std::string::npos);
  CHECK(file.find(",''=1+1,") != std::string::npos);
  CHECK(file.find(",\"'\r\nline\",") != std::string::npos);
}

TEST_CASE("random rows round-trip, and random bytes never lose a line", "[csv]") {
  std::mt19937 random(20260304);
  const std::string alphabet = "ab ,\"\r\n'=+-@\t;3.";
  auto random_text = [&](size_t max_length) {
    std::string s;
    for (size_t n = random() % (max_length + 1); n > 0; --n)
      s.push_back(alphabet[random() % alphabet.size()]);
    return s;
  };
  // Whatever the fields hold, written for a spreadsheet they read back the same.
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::string> fields(1 + random() % 6);
    for (auto& f : fields) f = random_text(8);
    std::vector<std::vector<std::string>> rows = {fields, {"next"}};
    std::ostringstream out;
    write_spreadsheet_csv(out, fields, {{"next"}});
    auto read = read_all(out.str());
    INFO(out.str());
    REQUIRE(read.size() == 2);
    REQUIRE(read[0].error.empty());
    REQUIRE(read[0].fields.size() == fields.size());
    for (size_t i = 0; i < fields.size(); ++i)
      CHECK(spreadsheet_restore(read[0].fields[i]) == fields[i]);
    CHECK(read[1].fields == std::vector<std::string>{"next"});
  }
  // Garbage: every row starts after the one before (after its first line
  // when it is read again), and a final good line is always read, whatever
  // came before it.
  for (int round = 0; round < 2000; ++round) {
    std::string text = random_text(60) + "\nlast,row\n";
    std::istringstream in(text);
    CsvReader reader(in, 1 << 20, 2000, 3);
    std::optional<CsvRow> previous, row;
    size_t earliest = 1;
    while ((row = reader.next())) {
      INFO(text);
      CHECK(row->line >= earliest);
      CHECK(row->last_line >= row->line);
      earliest = row->last_line + 1;
      if (row->error.empty() && row->last_line > row->line && random() % 2) {
        reader.reread_after_first_line();
        earliest = row->line + 1;
      }
      previous = row;
    }
    INFO(text);
    REQUIRE(previous);
    CHECK(previous->fields == std::vector<std::string>{"last", "row"});
  }
}
