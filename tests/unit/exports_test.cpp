// Unit tests of the exports for spreadsheets and statisticians: the
// answers as XLSX read back with openpyxl, as SPSS and Stata files read
// back with readstat (values, variable and value labels, in Swedish and in
// English), the statistics variables' layout, report tables as XLSX, and
// the citizen promise's agreement table.
#include <catch2/catch.hpp>

#include "../support/shell_output.hpp"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "../support/app_survey.hpp"
#include "app/answer_variables.hpp"
#include "app/answers_stat_file.hpp"
#include "app/answers_xlsx.hpp"
#include "app/promise_table.hpp"
#include "app/survey_exports.hpp"
#include "app/transfer.hpp"
#include "collector/interchange/csv.hpp"
#include "collector/questionnaire/definition.hpp"
#include "reports/table_xlsx.hpp"
#include "util/errors.hpp"
#include "util/stat_file.hpp"
#include "util/xlsx_book.hpp"

using namespace lyssna;
using nlohmann::json;

namespace {

// Debian's Python, which has python3-openpyxl (another python3 on PATH may not).
std::string exports_python() {
  return access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
}

// Every sheet of a workbook as openpyxl reads it: {sheet: [[value, type], ...] per row}.
json read_xlsx(const std::string& path) {
  const std::string script =
      "import json,sys,openpyxl\n"
      "wb=openpyxl.load_workbook(sys.argv[1])\n"
      "print(json.dumps({ws.title:[[[c.value,c.data_type,c.number_format] for c in r]"
      " for r in ws.iter_rows()] for ws in wb.worksheets},ensure_ascii=False,default=str))\n";
  return json::parse(test::shell_output(exports_python() + " -c '" + script + "' " + path));
}

// A data file's values as readstat prints them (CSV, header first).
std::vector<std::vector<std::string>> read_stat_values(const std::string& path) {
  std::istringstream in(test::shell_output("readstat " + path + " - 2>/dev/null"));
  interchange::CsvReader reader(in);
  std::vector<std::vector<std::string>> rows;
  while (auto row = reader.next()) rows.push_back(row->fields);
  return rows;
}

// Its variables with their labels and value labels (readstat's extract_metadata).
json read_stat_metadata(const std::string& path) {
  const std::string out = path + ".json";
  test::shell_output("extract_metadata " + path + " " + out + " >/dev/null 2>&1");
  std::ifstream in(out);
  return json::parse(in)["variables"];
}

const json* variable_named(const json& variables, const std::string& name) {
  for (const auto& v : variables)
    if (v["name"] == name) return &v;
  return nullptr;
}

// A survey with each kind of question: a choice over the areas, a scale,
// a multiple choice, a number, a long free text, and a question whose id
// is a reserved word of Stata and SPSS.
const char* exports_definition = R"({
  "format": 1, "id": "export-test", "languages": ["sv", "en"],
  "title": {"sv": "Exportprov", "en": "Export test"},
  "areas": [{"id": "jordbro", "label": "Jordbro"}, {"id": "handen", "label": "Handen"}],
  "pages": [{"id": "p", "questions": [
    {"id": "area", "type": "choice", "options": "areas",
     "text": {"sv": "Var bor du?", "en": "Where do you live?"}},
    {"id": "safe", "type": "scale", "text": {"sv": "Hur trygg?", "en": "How safe?"},
     "options": [{"id": "very", "label": {"sv": "Mycket trygg", "en": "Very safe"}},
                 {"id": "not", "label": {"sv": "Otrygg", "en": "Unsafe"}}]},
    {"id": "stops", "type": "multi",
     "text": {"sv": "Vilka platser?", "en": "Which places?"},
     "options": [{"id": "tunnel", "label": {"sv": "Tunneln", "en": "The underpass"}},
                 {"id": "park", "label": {"sv": "Parken", "en": "The park"}}]},
    {"id": "walks", "type": "number", "text": {"sv": "Antal vandringar", "en": "Walks"}},
    {"id": "in", "type": "choice", "text": {"sv": "Inne?", "en": "Indoors?"},
     "options": [{"id": "yes", "label": {"sv": "Ja", "en": "Yes"}},
                 {"id": "no", "label": {"sv": "Nej", "en": "No"}}]},
    {"id": "free_text", "type": "text", "max_length": 3000,
     "text": {"sv": "Vad vill du säga?", "en": "What would you say?"}}
  ]}]})";

const std::string hyperlink = "=HYPERLINK(\"http://example.org\",\"klicka\")";
const std::string arabic = "الإضاءة ضعيفة في النفق";

struct ExportFixture {
  test::TempDir dir;
  app::Services services{{dir.file("exports.db"), "script-token-0123456789"}};
  const app::Actor actor{"anna"};
  std::string long_text;  // 1,500 Arabic letters: 3,000 bytes

  ExportFixture() {
    app::save_survey(services, actor,
                     questionnaire::parse_definition(json::parse(exports_definition)), false,
                     "test");
    for (int i = 0; i < 1500; ++i) long_text += "ض";
    std::vector<json> records = {
        {{"id", "r1"},
         {"lang", "sv"},
         {"channel", "online"},
         {"submitted_at", "2026-03-01T10:00:00Z"},
         {"answers",
          {{"area", "handen"},
           {"safe", "not"},
           {"stops", {"park"}},
           {"walks", 3},
           {"in", "yes"},
           {"free_text", hyperlink}}}},
        {{"id", "r2"},
         {"lang", "ar"},
         {"channel", "paper"},
         {"submitted_at", "2026-03-02T11:00:00Z"},
         {"answers",
          {{"area", "jordbro"},
           {"stops", {"tunnel", "park"}},
           {"walks", 2.5},
           {"free_text", arabic}}}},
        {{"id", "r3"},
         {"lang", "sv"},
         {"channel", "dialogue"},
         {"session", "s-1"},
         {"submitted_at", "2026-03-03T12:00:00Z"},
         {"answers", {{"area", "jordbro"}, {"safe", "very"}, {"free_text", long_text}}}},
    };
    std::string lines;
    for (auto& r : records) {
      r["survey"] = "export-test";
      lines += r.dump() + "\n";
    }
    std::istringstream in(lines);
    std::vector<std::string> problems;
    const auto report =
        app::import_records(services, in, {}, [&](const std::string& p) { problems.push_back(p); });
    INFO((problems.empty() ? "" : problems.front()));
    REQUIRE(report.taken == 3);
  }

  std::vector<app::AuditEntry> exports() {
    auto entries = app::list_audit(services, 1000, 0).entries;
    std::erase_if(entries, [](const auto& e) { return e.action != "responses_exported"; });
    return entries;
  }
};

}  // namespace

TEST_CASE("the answers' XLSX has the CSV's columns and cells, texts staying text", "[exports]") {
  ExportFixture f;
  const std::string path = f.dir.file("answers.xlsx");
  const auto r = app::export_answers_xlsx(f.services, f.actor, "export-test", path);
  CHECK(r.rows == 3);
  CHECK(r.sheets == 1);
  const json book = read_xlsx(path);
  REQUIRE(book.contains("export-test"));
  const json& rows = book["export-test"];
  REQUIRE(rows.size() == 4);

  // The same header and cells as the CSV export (spreadsheet guard included).
  std::ostringstream csv;
  app::export_answers_csv(f.services, f.actor, "export-test", csv);
  std::istringstream csv_in(csv.str());
  interchange::CsvReader reader(csv_in);
  for (size_t i = 0; i < rows.size(); ++i) {
    auto expected = reader.next();
    REQUIRE(expected);
    REQUIRE(rows[i].size() == expected->fields.size());
    for (size_t c = 0; c < rows[i].size(); ++c) {
      const json& cell = rows[i][c];
      const std::string& want = expected->fields[c];
      INFO("row " << i << " column " << c << ": " << want);
      if (want.empty()) {
        CHECK(cell[0].is_null());
      } else if (cell[1] == "n") {
        CHECK(cell[0].get<double>() == std::stod(want));
      } else {
        CHECK(cell[0] == want);
      }
    }
  }
  // The formula is a text cell with the guard's quote, never a formula.
  CHECK(rows[1][11][0] == "'" + hyperlink);
  CHECK(rows[1][11][1] == "s");
  CHECK(rows[2][11][0] == arabic);
  // Number answers are numbers; a list of options is one text cell.
  CHECK(rows[1][9][1] == "n");
  CHECK(rows[2][9][0] == 2.5);
  CHECK(rows[2][8][0] == "tunnel;park");

  const auto audit = f.exports();
  REQUIRE(audit.size() == 2);  // newest first: the CSV it was compared with, then the XLSX
  CHECK(audit.back().detail == "xlsx, 3 answers");
  CHECK(audit.back().actor == "anna");
}

TEST_CASE("an XLSX export goes on in another sheet when one is full", "[exports]") {
  ExportFixture f;
  const std::string path = f.dir.file("sheets.xlsx");
  const auto r = app::export_answers_xlsx(f.services, f.actor, "export-test", path, 2);
  CHECK(r.sheets == 2);
  const json book = read_xlsx(path);
  REQUIRE(book.size() == 2);
  CHECK(book["export-test"].size() == 3);  // header and two answers
  REQUIRE(book.contains("export-test (2)"));
  CHECK(book["export-test (2)"].size() == 2);
  CHECK(book["export-test (2)"][0][0][0] == "id");
  CHECK(book["export-test (2)"][1][0][0] == "r3");
}

TEST_CASE("an unknown survey exports nothing and is not audited", "[exports]") {
  ExportFixture f;
  std::ostringstream out;
  CHECK_THROWS_AS(app::export_answers_xlsx(f.services, f.actor, "nope", f.dir.file("x.xlsx")),
                  NotFound);
  CHECK_THROWS_AS(
      app::export_answers_stat_file(f.services, f.actor, "nope", util::StatFormat::sav, "sv", out),
      NotFound);
  CHECK_THROWS_AS(app::export_answers_stat_file(f.services, f.actor, "export-test",
                                                util::StatFormat::sav, "fi", out),
                  Invalid);
  CHECK(f.exports().empty());
  CHECK(access(f.dir.file("x.xlsx").c_str(), F_OK) != 0);
}

TEST_CASE("statistics variables: codes, one 0/1 per option, labels in the chosen language",
          "[exports]") {
  const auto q = questionnaire::parse_definition(json::parse(exports_definition));
  const auto sv = app::answer_variables(q, "sv");
  const auto en = app::answer_variables(q, "en");
  std::vector<std::string> names;
  for (const auto& v : sv) names.push_back(v.name);
  CHECK(names == std::vector<std::string>{"id", "lang", "channel", "session", "submitted_at",
                                          "area", "safe", "stops_tunnel", "stops_park", "walks",
                                          "in", "free_text"});
  CHECK(sv[6].kind == app::AnswerVariable::Kind::code);
  CHECK(sv[6].value_labels ==
        std::vector<std::pair<int32_t, std::string>>{{1, "Mycket trygg"}, {2, "Otrygg"}});
  CHECK(en[6].value_labels[0].second == "Very safe");
  CHECK(sv[7].label == "Vilka platser?: Tunneln");
  CHECK(en[7].label == "Which places?: The underpass");
  CHECK(sv[7].value_labels ==
        std::vector<std::pair<int32_t, std::string>>{{0, "Ej vald"}, {1, "Vald"}});
  CHECK(sv[0].label == "Svarets id");
  CHECK(en[0].label == "Response id");

  interchange::Record r;
  r.id = "x";
  r.answers = {{"safe", "not"}, {"stops", {"park"}}, {"walks", 4}, {"area", "nowhere"}};
  CHECK(app::answer_value(sv[6], r).number == 2.0);
  CHECK(app::answer_value(sv[7], r).number == 0.0);
  CHECK(app::answer_value(sv[8], r).number == 1.0);
  CHECK(app::answer_value(sv[9], r).number == 4.0);
  CHECK(app::answer_value(sv[0], r).text == "x");
  CHECK_FALSE(app::answer_value(sv[10], r).number);  // unanswered
  bool unknown = false;
  CHECK_FALSE(app::answer_value(sv[5], r, &unknown).number);  // not one of the areas
  CHECK(unknown);
}

TEST_CASE("SPSS and Stata files read back with readstat: values and labels in sv and en",
          "[exports]") {
  ExportFixture f;
  for (auto format : {util::StatFormat::sav, util::StatFormat::dta}) {
    for (const std::string lang : {"sv", "en"}) {
      const bool dta = format == util::StatFormat::dta;
      const std::string path = f.dir.file(std::string("answers-") + lang + (dta ? ".dta" : ".sav"));
      app::StatFileExport r;
      {
        std::ofstream out(path, std::ios::binary);
        r = app::export_answers_stat_file(f.services, f.actor, "export-test", format, lang, out);
      }
      INFO(path);
      CHECK(r.rows == 3);
      CHECK(r.unknown == 0);
      // Stata's strings end at 2045 bytes; SPSS holds the whole text.
      CHECK(r.truncated == (dta ? 1 : 0));

      const auto rows = read_stat_values(path);
      REQUIRE(rows.size() == 4);
      CHECK(rows[0] == std::vector<std::string>{"id", "lang", "channel", "session", "submitted_at",
                                                "area", "safe", "stops_tunnel", "stops_park",
                                                "walks", "in_", "free_text"});
      auto number = [](const std::string& cell) { return cell.empty() ? -1.0 : std::stod(cell); };
      // r1: handen (the second area), unsafe (2), park only, 3 walks, yes.
      CHECK(rows[1][0] == "r1");
      CHECK(rows[1][2] == "online");
      CHECK(rows[1][4] == "2026-03-01T10:00:00Z");
      CHECK(number(rows[1][5]) == 2);
      CHECK(number(rows[1][6]) == 2);
      CHECK(number(rows[1][7]) == 0);
      CHECK(number(rows[1][8]) == 1);
      CHECK(number(rows[1][9]) == 3);
      CHECK(number(rows[1][10]) == 1);
      CHECK(rows[1][11] == hyperlink);  // a data file has no formulas: the text as written
      // r2: no answer to safe or in: missing; both places; 2.5 walks; Arabic text.
      CHECK(rows[2][6].empty());
      CHECK(rows[2][10].empty());
      CHECK(number(rows[2][7]) == 1);
      CHECK(number(rows[2][9]) == 2.5);
      CHECK(rows[2][11] == arabic);
      // r3: a dialogue answer with its session; no multi answer: missing, not 0.
      CHECK(rows[3][3] == "s-1");
      CHECK(rows[3][7].empty());
      const std::string& text = rows[3][11];
      if (dta) {
        CHECK(text.size() == 2044);  // 1,022 two-byte letters: cut between characters
        CHECK(f.long_text.compare(0, text.size(), text) == 0);
      } else {
        CHECK(text == f.long_text);
      }

      const json meta = read_stat_metadata(path);
      const json* safe = variable_named(meta, "safe");
      const json* stops = variable_named(meta, "stops_tunnel");
      const json* in = variable_named(meta, "in_");
      const json* area = variable_named(meta, "area");
      REQUIRE(safe);
      REQUIRE(stops);
      REQUIRE(in);
      REQUIRE(area);
      const bool sv = lang == "sv";
      CHECK((*safe)["label"] == (sv ? "Hur trygg?" : "How safe?"));
      REQUIRE((*safe)["categories"].size() == 2);
      CHECK((*safe)["categories"][0]["code"] == 1);
      CHECK((*safe)["categories"][0]["label"] == (sv ? "Mycket trygg" : "Very safe"));
      CHECK((*safe)["categories"][1]["label"] == (sv ? "Otrygg" : "Unsafe"));
      CHECK((*stops)["label"] == (sv ? "Vilka platser?: Tunneln" : "Which places?: The underpass"));
      CHECK((*stops)["categories"][1]["label"] == (sv ? "Vald" : "Chosen"));
      CHECK((*in)["categories"][0]["label"] == (sv ? "Ja" : "Yes"));
      CHECK((*area)["categories"][1]["label"] == "Handen");
      CHECK((*variable_named(meta, "free_text"))["type"] == "STRING");
    }
  }
  const auto audit = f.exports();
  REQUIRE(audit.size() == 4);
  // Newest first.
  CHECK(audit[3].detail == "sav, 3 answers, labels sv");
  CHECK(audit[0].detail == "dta, 3 answers, labels en");
}

TEST_CASE("the SPSS/Stata writer refuses what its format cannot hold", "[exports]") {
  std::ostringstream out;
  util::StatFileWriter w(util::StatFormat::dta, out);
  CHECK_THROWS_AS(w.add_text("t", "", 2046), Error);
  const auto a = w.add_code("1st answer", "");
  const auto b = w.add_code("long_name_that_is_longer_than_thirty_two_bytes_x", "");
  const auto c = w.add_code("long_name_that_is_longer_than_thirty_two_bytes_y", "");
  CHECK(w.name(a) == "v1st_answer");
  CHECK(w.name(b).size() == 32);
  CHECK(w.name(c).size() == 32);
  CHECK(w.name(b) != w.name(c));
  w.begin(1);
  w.end_row();
  CHECK_THROWS_AS(w.end_row(), Error);  // more rows than announced
}

TEST_CASE("report tables as XLSX: numbers and shares as numbers, the rest guarded text",
          "[exports]") {
  CHECK(std::get<double>(reports::xlsx_cell("412", true)) == 412);
  CHECK(std::get<util::XlsxPercent>(reports::xlsx_cell("8.8%", true)).share == 0.088);
  CHECK(std::get<std::string>(reports::xlsx_cell("48.1%*", true)) == "48.1%*");
  CHECK(std::get<std::string>(reports::xlsx_cell("412", false)) == "412");
  CHECK(std::get<std::string>(reports::xlsx_cell("=1+1", true)) == "'=1+1");
  CHECK(std::get<std::string>(reports::xlsx_cell("nan", true)) == "nan");
  CHECK(std::holds_alternative<std::monostate>(reports::xlsx_cell("", true)));

  test::TempDir dir;
  reports::TextTable t{
      {"indicator", "total"}, {{"unsafe_night", "55.0%"}, {"=evil()", "–"}}, {false, true}};
  const std::string path = dir.file("indicators.xlsx");
  reports::write_table_xlsx(t, "indicators", path);
  const json book = read_xlsx(path);
  const json& rows = book["indicators"];
  REQUIRE(rows.size() == 3);
  CHECK(rows[0][1][0] == "total");
  CHECK(rows[1][1][0] == 0.55);
  CHECK(rows[1][1][2] == "0.0%");
  CHECK(rows[2][0][0] == "'=evil()");
  CHECK(rows[2][1][0] == "–");
}

TEST_CASE("the promise's agreement table: one row per activity, texts falling back to Swedish",
          "[exports]") {
  app::Promise p;
  p.header.kommun = "haninge";
  app::FocusArea traffic;
  traffic.titles = {{"sv", "Trafik"}, {"en", "Traffic"}};
  app::Activity meetings;
  meetings.input.texts = {{"sv", "Samordnade möten mellan polis och kommun"}};
  meetings.input.prioritised_areas = {{"sv", "Kartläggning av trafikmiljöer"},
                                      {"en", "Mapping traffic environments"}};
  meetings.input.parties = {1, 2};
  meetings.input.frequency = {{"sv", "4 gånger per år"}};
  meetings.input.indicator.kind = app::Indicator::Kind::text;
  meetings.input.indicator.texts = {{"sv", "Återrapportering vid varje samverkansmöte"}};
  app::Activity walks;
  walks.input.texts = {{"sv", "Trygghetsvandringar"}, {"en", "Safety walks"}};
  walks.input.parties = {2, 99};
  walks.input.target = app::CountableTarget{2, app::PeriodUnit::half_year};
  walks.input.indicator.kind = app::Indicator::Kind::survey_indicator;
  walks.input.indicator.indicator_id = "unsafe_night";
  walks.input.indicator.area = "jordbro";
  traffic.activities = {meetings, walks};
  app::FocusArea victims;
  victims.titles = {{"sv", "Särskilt utsatta brottsoffer"}};
  p.focus_areas = {traffic, victims};
  const std::vector<app::PromiseParty> parties = {
      {1, "haninge", "SBF", "kommun", {{"sv", "Samhällsbyggnadsförvaltningen"}}},
      {2, "haninge", "polis", "police", {{"sv", "Polisen"}, {"en", "The police"}}}};

  const auto sv = app::promise_table(p, parties, "sv");
  CHECK(sv.header == std::vector<std::string>{"Fokusområde", "Prioriterat område", "Aktivitet",
                                              "Samordningsansvar", "Frekvens",
                                              "Uppföljning/Indikator"});
  REQUIRE(sv.rows.size() == 3);
  CHECK(sv.rows[0] == std::vector<std::string>{"Trafik", "Kartläggning av trafikmiljöer",
                                               "Samordnade möten mellan polis och kommun",
                                               "Samhällsbyggnadsförvaltningen, Polisen",
                                               "4 gånger per år",
                                               "Återrapportering vid varje samverkansmöte"});
  CHECK(sv.rows[1] ==
        std::vector<std::string>{"Trafik", "", "Trygghetsvandringar", "Polisen, 99", "2 per halvår",
                                 "Känner sig otrygg ute ensam sent på kvällen (jordbro)"});
  CHECK(sv.rows[2] == std::vector<std::string>{"Särskilt utsatta brottsoffer", "", "", "", "", ""});

  const auto en =
      app::promise_table(p, parties, "en", [](const app::Indicator& i, const std::string& l) {
        return i.indicator_id + "@" + i.area + "/" + l;
      });
  CHECK(en.header[3] == "Responsibility");
  CHECK(en.rows[0][0] == "Traffic");
  CHECK(en.rows[0][1] == "Mapping traffic environments");
  CHECK(en.rows[0][2] == "Samordnade möten mellan polis och kommun");  // no English: Swedish
  CHECK(en.rows[0][3] == "Samhällsbyggnadsförvaltningen, The police");
  CHECK(en.rows[1][4] == "2 per half-year");
  CHECK(en.rows[1][5] == "unsafe_night@jordbro/en");

  test::TempDir dir;
  std::ostringstream csv;
  app::write_promise_table_csv(sv, csv);
  CHECK(csv.str().rfind("Fokusområde,Prioriterat område,Aktivitet,", 0) == 0);
  CHECK(csv.str().find("Trafik,,Trygghetsvandringar,\"Polisen, 99\",2 per halvår,") !=
        std::string::npos);
  const std::string path = dir.file("promise.xlsx");
  app::write_promise_table_xlsx(sv, path);
  const json book = read_xlsx(path);
  REQUIRE(book.contains("Fokusområden"));
  const json& rows = book["Fokusområden"];
  REQUIRE(rows.size() == 4);
  for (size_t i = 0; i < 6; ++i) CHECK(rows[0][i][0] == sv.header[i]);
  for (size_t r = 0; r < 3; ++r) {
    for (size_t i = 0; i < 6; ++i) {
      if (sv.rows[r][i].empty()) {
        CHECK(rows[r + 1][i][0].is_null());
      } else {
        CHECK(rows[r + 1][i][0] == sv.rows[r][i]);
      }
    }
  }
}
