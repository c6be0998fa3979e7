// Unit tests of the page flow of the resident's form.
#include <catch2/catch.hpp>

#include <fstream>

#include "collector/form/form_flow.hpp"
#include "collector/questionnaire/definition.hpp"

using namespace lyssna;
using namespace lyssna::form;
using nlohmann::json;

namespace {

questionnaire::Questionnaire walk() {
  std::ifstream in(std::string(LYSSNA_SOURCE_DIR) + "/tests/data/questionnaires/walk.json");
  return questionnaire::parse_definition(json::parse(in));
}

}  // namespace

TEST_CASE("next stays on a page with problems, then moves on", "[flow]") {
  auto q = walk();
  FormAnswers empty;
  auto r = advance(q, 0, Action::next, empty);
  CHECK_FALSE(r.complete);
  CHECK(r.page == 0);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].code == "required");

  auto given = read_form_answers(q, {{"area", "jordbro"}});
  r = advance(q, 0, Action::next, given);
  CHECK(r.page == 1);
  CHECK(r.problems.empty());
}

TEST_CASE("back keeps answers and shows no problems", "[flow]") {
  auto q = walk();
  auto in = read_form_answers(q, {{"walks", "many"}});
  auto r = advance(q, 1, Action::back, in);
  CHECK(r.page == 0);
  CHECK(r.problems.empty());
  CHECK(in.raw.at("walks") == "many");
}

TEST_CASE("submit checks every page and drops answers to hidden questions", "[flow]") {
  auto q = walk();
  // station_note was answered, then "station" was unticked: it must not be stored.
  auto in = read_form_answers(q, {{"area", "handen"}, {"stops", "park"}, {"walks", "2"}});
  in.answers["station_note"] = "left over";
  auto r = advance(q, 1, Action::submit, in);
  REQUIRE(r.complete);
  CHECK(in.answers == json{{"area", "handen"}, {"stops", {"park"}}, {"walks", 2}});
}

TEST_CASE("submit sends the resident back to the page with a problem", "[flow]") {
  auto q = walk();
  auto in = read_form_answers(q, {{"walks", "2"}});  // area (page 0) is required
  auto r = advance(q, 1, Action::submit, in);
  CHECK_FALSE(r.complete);
  CHECK(r.page == 0);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].question == "area");
}

TEST_CASE("a page whose questions are all hidden is skipped", "[flow]") {
  auto q = walk();
  // Make the second page depend entirely on the first page's answers.
  q.pages[1].questions.erase(q.pages[1].questions.begin());
  q.build_index();
  auto in = read_form_answers(q, {{"area", "handen"}, {"stops", "park"}});
  CHECK(next_visible_page(q, 0, in.answers) == -1);
  CHECK(is_last_visible_page(q, 0, in.answers));
  auto r = advance(q, 0, Action::submit, in);
  CHECK(r.complete);
  auto with_station = read_form_answers(q, {{"area", "handen"}, {"stops", "station"}});
  CHECK(next_visible_page(q, 0, with_station.answers) == 1);
  // "Submit" pressed on a page that an answer made non-final goes on instead.
  r = advance(q, 0, Action::submit, with_station);
  CHECK_FALSE(r.complete);
  CHECK(r.page == 1);
}

TEST_CASE("a page number out of range starts at the first page", "[flow]") {
  auto q = walk();
  FormAnswers in;
  auto r = advance(q, 99, Action::switch_language, in);
  CHECK(r.page == 0);
}
