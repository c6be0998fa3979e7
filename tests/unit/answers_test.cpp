// Unit tests of answer rules and of reading answers from form fields.
#include <catch2/catch.hpp>

#include <fstream>

#include "collector/form/form_input.hpp"
#include "collector/questionnaire/answers.hpp"
#include "collector/questionnaire/definition.hpp"

using namespace lyssna;
using namespace lyssna::questionnaire;
using nlohmann::json;

namespace {

Questionnaire walk() {
  std::ifstream in(std::string(LYSSNA_SOURCE_DIR) + "/tests/data/questionnaires/walk.json");
  return parse_definition(json::parse(in));
}

std::vector<std::string> codes(const std::vector<AnswerProblem>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.question + ":" + p.code);
  return out;
}

}  // namespace

TEST_CASE("valid answers pass and empty values count as unanswered", "[answers]") {
  auto q = walk();
  json a = {{"area", "jordbro"},
            {"stops", {"tunnel"}},
            {"tunnel_light", "poor"},
            {"walks", 3},
            {"station_note", nullptr}};
  CHECK(check_answers(q, a).empty());
  CHECK_FALSE(a.contains("station_note"));
  json b = {{"area", "handen"}, {"stops", json::array()}, {"walks", ""}};
  CHECK(check_answers(q, b).empty());
  CHECK(b == json{{"area", "handen"}});
}

TEST_CASE("each answer rule is enforced", "[answers]") {
  auto q = walk();
  struct Case {
    json answers;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {json::object(), "area:required"},
      {{{"area", "stockholm"}}, "area:invalid_option"},
      {{{"area", 3}}, "area:invalid_option"},
      {{{"area", "jordbro"}, {"stops", "tunnel"}}, "stops:invalid_option"},
      {{{"area", "jordbro"}, {"stops", {"tunnel", "tunnel"}}}, "stops:invalid_option"},
      {{{"area", "jordbro"}, {"stops", {"tunnel", "park", "station"}}}, "stops:too_many"},
      {{{"area", "jordbro"}, {"walks", "three"}}, "walks:not_a_number"},
      {{{"area", "jordbro"}, {"walks", 2.5}}, "walks:not_integer"},
      {{{"area", "jordbro"}, {"walks", 51}}, "walks:number_range"},
      {{{"area", "jordbro"}, {"stops", {"station"}}, {"station_note", std::string(201, 'x')}},
       "station_note:too_long"},
      {{{"area", "jordbro"}, {"stops", {"station"}}, {"station_note", "a\x01"}},
       "station_note:invalid_text"},
      {{{"area", "jordbro"}, {"tunnel_light", "good"}}, "tunnel_light:hidden"},
      {{{"area", "jordbro"}, {"colour", "red"}}, "colour:unknown_question"},
  };
  for (const auto& c : cases) {
    INFO(c.answers.dump());
    json a = c.answers;
    auto found = codes(check_answers(q, a));
    CHECK(std::find(found.begin(), found.end(), c.expected) != found.end());
  }
}

TEST_CASE("problem messages name the question", "[answers]") {
  auto q = walk();
  json a = {{"area", "x"}};
  auto problems = check_answers(q, a);
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].message, Catch::Contains("question 'area'") && Catch::Contains("'x'"));
}

TEST_CASE("text length counts characters, not bytes", "[answers]") {
  auto q = walk();
  const Question& note = *q.find_question("station_note");
  CHECK_FALSE(check_value(note, std::string(200 * 1, 'a')).has_value());
  std::string arabic;
  for (int i = 0; i < 200; ++i) arabic += "ن";  // 400 bytes, 200 characters
  CHECK_FALSE(check_value(note, arabic).has_value());
  CHECK(check_value(note, arabic + "ن")->code == "too_long");
}

TEST_CASE("form fields become typed answers", "[form]") {
  auto q = walk();
  form::FormFields fields = {{"area", "jordbro"}, {"stops", "tunnel"},    {"stops", "park"},
                             {"walks", " 12 "},   {"station_note", "  "}, {"_rid", "x"}};
  auto in = form::read_form_answers(q, fields);
  CHECK(in.problems.empty());
  CHECK(in.answers == json{{"area", "jordbro"}, {"stops", {"tunnel", "park"}}, {"walks", 12}});
}

TEST_CASE("numbers accept a decimal comma, bad numbers are kept as typed", "[form]") {
  auto q = walk();
  auto bad = form::read_form_answers(q, {{"area", "jordbro"}, {"walks", "tolv"}});
  CHECK(bad.problems.at("walks").code == "not_a_number");
  CHECK(bad.raw.at("walks") == "tolv");
  CHECK_FALSE(bad.answers.contains("walks"));
  auto decimal = form::read_form_answers(q, {{"walks", "2,5"}});
  CHECK(decimal.problems.at("walks").code == "not_integer");
  CHECK(decimal.raw.at("walks") == "2,5");
  auto spaced = form::read_form_answers(q, {{"walks", "1 0"}});
  CHECK(spaced.answers.at("walks") == 10);
}

TEST_CASE("free text from a form is normalised and kept when too long", "[form]") {
  auto q = walk();
  auto in = form::read_form_answers(
      q, {{"stops", "station"}, {"station_note", "Mörkt\r\nvid perrongen"}});
  CHECK(in.answers.at("station_note") == "Mörkt\nvid perrongen");
  auto long_text = form::read_form_answers(q, {{"station_note", std::string(300, 'y')}});
  CHECK(long_text.problems.at("station_note").code == "too_long");
  CHECK(long_text.raw.at("station_note").size() == 300);
}

TEST_CASE("an option that is not in the question is refused", "[form]") {
  auto q = walk();
  auto in = form::read_form_answers(q, {{"area", "<script>"}});
  CHECK(in.problems.at("area").code == "invalid_option");
  CHECK_FALSE(in.answers.contains("area"));
}

TEST_CASE("free text is normalised for the API as the form normalises it", "[answers][form]") {
  auto q = walk();
  const std::string typed = "Mörkt\r\nvid\x07 perrongen\rsent\x1b";
  // The form's way in.
  auto from_form = form::read_form_answers(q, {{"stops", "station"}, {"station_note", typed}});
  REQUIRE(from_form.problems.empty());
  // The API's: the same text in a record's answers, before they are checked.
  json from_api = {{"area", "jordbro"}, {"stops", {"station"}}, {"station_note", typed}};
  normalize_free_text_answers(q, from_api);
  CHECK(check_answers(q, from_api).empty());
  CHECK(from_api.at("station_note") == "Mörkt\nvid perrongen\nsent");
  CHECK(from_api.at("station_note") == from_form.answers.at("station_note"));
  // Only text answers change; what is not text is left for check_answers.
  json other = {{"area", "jordbro\r\n"}, {"walks", 3}, {"station_note", 7}, {"colour", "a\r\n"}};
  const json before = other;
  normalize_free_text_answers(q, other);
  CHECK(other == before);
}
