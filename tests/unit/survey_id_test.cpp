// The one rule for survey ids: the function, the route's regular expression
// and the definition's check agree, and the ids in use stay valid.
#include "collector/questionnaire/survey_id.hpp"

#include <catch2/catch.hpp>
#include <regex>

#include "collector/questionnaire/definition.hpp"
#include "collector/questionnaire/standard_template.hpp"

using namespace lyssna;

TEST_CASE("a survey id: the function and the routes' expression say the same", "[questionnaire]") {
  const std::regex route(questionnaire::survey_id_regex());
  const std::vector<std::pair<std::string, bool>> cases = {
      {"trygghet-2026", true},
      {"trygghet-demo", true},
      {"golden-2025", true},
      {"a", true},
      {"2026", true},
      {"x_y-z", true},
      {std::string(64, 'a'), true},
      {"", false},
      {"-2026", false},
      {"_x", false},
      {"Trygghet", false},
      {"a b", false},
      {"a.b", false},
      {"a/b", false},
      {"å", false},
      {std::string(65, 'a'), false},
  };
  for (const auto& [id, valid] : cases) {
    INFO(id);
    CHECK(questionnaire::is_survey_id(id) == valid);
    CHECK(std::regex_match(id, route) == valid);
  }
}

TEST_CASE("a definition's id follows the same rule", "[questionnaire]") {
  questionnaire::TemplateOptions o;
  o.survey_id = "trygghet-2026";
  o.areas = questionnaire::parse_area_list("handen");
  auto d = questionnaire::to_json(questionnaire::build_from_template("trygghet", o));
  CHECK_NOTHROW(questionnaire::parse_definition(d));
  d["id"] = "-2026";
  CHECK_THROWS_AS(questionnaire::parse_definition(d), questionnaire::DefinitionError);
}
