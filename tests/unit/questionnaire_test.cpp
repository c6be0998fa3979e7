// Unit tests of questionnaire definitions: parsing, every rule, round trip.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "collector/questionnaire/definition.hpp"
#include "collector/questionnaire/standard_template.hpp"

using namespace lyssna;
using namespace lyssna::questionnaire;
using nlohmann::json;

namespace {

json load_fixture(const std::string& name) {
  std::ifstream in(std::string(LYSSNA_SOURCE_DIR) + "/tests/data/questionnaires/" + name);
  REQUIRE(in);
  return json::parse(in);
}

// The problems a definition breaks, joined; empty when it is valid.
std::string problems_of(const json& d) {
  try {
    parse_definition(d);
    return "";
  } catch (const DefinitionError& e) {
    std::string all;
    for (const auto& p : e.problems()) all += p + "\n";
    return all;
  }
}

}  // namespace

TEST_CASE("a valid definition parses into the model", "[definition]") {
  auto q = parse_definition(load_fixture("walk.json"));
  CHECK(q.id == "trygghetsvandring-2026");
  CHECK(q.default_language() == "sv");
  REQUIRE(q.pages.size() == 2);
  const Question* area = q.find_question("area");
  REQUIRE(area);
  CHECK(area->required);
  CHECK(area->options_from_areas);
  CHECK(area->options.size() == 2);
  CHECK(area->options[0].label.at("en") == "Jordbro");  // one text for every language
  const Question* light = q.find_question("tunnel_light");
  REQUIRE(light->show_if);
  CHECK(light->show_if->question == "stops");
  CHECK(q.find_question("walks")->integer);
  CHECK(q.page_of("station_note") == 1);
  CHECK(q.questions().size() == 5);
}

TEST_CASE("canonical JSON parses back to the same questionnaire", "[definition]") {
  auto q = parse_definition(load_fixture("walk.json"));
  json once = to_json(q);
  json twice = to_json(parse_definition(once));
  CHECK(once == twice);
}

TEST_CASE("every broken rule is named with its question", "[definition]") {
  const json valid = load_fixture("walk.json");
  REQUIRE(problems_of(valid).empty());
  struct Case {
    const char* what;
    std::function<void(json&)> mutate;
    const char* expected;  // part of the message
  };
  const std::vector<Case> cases = {
      {"bad type", [](json& d) { d["pages"][0]["questions"][0]["type"] = "dropdown"; },
       "question 'area': 'type' must be one of"},
      {"duplicate question", [](json& d) { d["pages"][1]["questions"][0]["id"] = "area"; },
       "question 'area': the id appears twice"},
      {"reserved id", [](json& d) { d["pages"][1]["questions"][0]["id"] = "lang"; },
       "question 'lang': the id is reserved"},
      {"capital id", [](json& d) { d["pages"][1]["questions"][0]["id"] = "Walks"; },
       "question 'Walks': an id starts with a lower-case letter"},
      {"missing wording", [](json& d) { d["pages"][0]["questions"][1]["text"].erase("en"); },
       "question 'stops': 'text' has no wording in 'en'"},
      {"unknown language wording",
       [](json& d) { d["pages"][0]["questions"][1]["text"]["de"] = "x"; },
       "question 'stops': 'text' has wording in 'de'"},
      {"duplicate option",
       [](json& d) { d["pages"][0]["questions"][1]["options"][1]["id"] = "tunnel"; },
       "question 'stops': option 'tunnel' appears twice"},
      {"one option", [](json& d) { d["pages"][0]["questions"][2]["options"].erase(1); },
       "question 'tunnel_light': needs at least 2 options"},
      {"options on text", [](json& d) { d["pages"][1]["questions"][1]["options"] = json::array(); },
       "question 'station_note': a text question takes no 'options'"},
      {"min above max", [](json& d) { d["pages"][1]["questions"][0]["min"] = 60; },
       "question 'walks': 'min' is larger than 'max'"},
      {"max_length on number", [](json& d) { d["pages"][1]["questions"][0]["max_length"] = 3; },
       "question 'walks': 'max_length' is only for text questions"},
      {"max_choices too big", [](json& d) { d["pages"][0]["questions"][1]["max_choices"] = 9; },
       "question 'stops': 'max_choices' must be"},
      {"show_if later question",
       [](json& d) {
         d["pages"][0]["questions"][2]["show_if"] = {{"question", "walks"}, {"equals", "1"}};
       },
       "question 'tunnel_light': 'show_if' refers to 'walks', which is not a question before this "
       "one"},
      {"show_if unknown option",
       [](json& d) {
         d["pages"][1]["questions"][1]["show_if"] = {{"question", "stops"}, {"in", {"bridge"}}};
       },
       "question 'station_note': 'show_if' names option 'bridge'"},
      {"show_if on a text",
       [](json& d) {
         d["pages"][1]["questions"][1]["show_if"] = {{"question", "walks"}, {"equals", "2"}};
       },
       "question 'station_note': 'show_if' must refer to a choice, multi or scale question"},
      {"typo in a field", [](json& d) { d["pages"][0]["questions"][0]["requried"] = true; },
       "question 'area': unknown field 'requried'"},
      {"areas without areas", [](json& d) { d.erase("areas"); },
       "question 'area': 'options' is \"areas\" but the survey has no 'areas'"},
      {"bad survey id", [](json& d) { d["id"] = "Trygghet 2026"; }, "survey: 'id' must be"},
      {"bad date", [](json& d) { d["opens_at"] = "1 March"; }, "survey: 'opens_at' must be a date"},
      {"dates reversed",
       [](json& d) {
         d["opens_at"] = "2026-04-01";
         d["closes_at"] = "2026-03-01";
       },
       "survey: 'opens_at' must be before 'closes_at'"},
      {"no pages", [](json& d) { d["pages"] = json::array(); },
       "survey: 'pages' must be a non-empty list"},
      {"empty page", [](json& d) { d["pages"][1]["questions"] = json::array(); },
       "page 'more': 'questions' must be a non-empty list"},
      {"language code", [](json& d) { d["languages"] = {"swedish"}; },
       "two-letter ISO 639-1 codes"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    json d = valid;
    c.mutate(d);
    std::string problems = problems_of(d);
    CHECK_THAT(problems, Catch::Contains(c.expected));
  }
}

TEST_CASE("all problems are reported at once", "[definition]") {
  json d = load_fixture("walk.json");
  d["pages"][0]["questions"][0]["type"] = "dropdown";
  d["pages"][1]["questions"][0]["min"] = 99;
  try {
    parse_definition(d);
    FAIL("accepted a broken definition");
  } catch (const DefinitionError& e) {
    CHECK(e.problems().size() == 2);
  }
}

TEST_CASE("the standard questionnaire carries every id of the contract", "[template]") {
  TemplateOptions options;
  options.survey_id = "trygghet-2026";
  options.areas = parse_area_list("handen,jordbro,vasterhaninge=Västerhaninge");
  auto q = build_from_template("trygghet", options);
  CHECK(q.template_id == "trygghet");
  CHECK(q.languages == std::vector<std::string>{"sv", "en", "ar", "fa", "fi", "so"});
  CHECK(q.areas.size() == 3);
  CHECK(q.areas[2].label.at("ar") == "Västerhaninge");
  CHECK(q.areas[0].label.at("sv") == "Handen");

  const std::map<std::string, std::vector<std::string>> contract = {
      {"area", {"handen", "jordbro", "vasterhaninge"}},
      {"age_group", {"16-24", "25-44", "45-64", "65+"}},
      {"gender", {"woman", "man", "other"}},
      {"safe_night", {"very_safe", "fairly_safe", "fairly_unsafe", "very_unsafe", "never_out"}},
      {"avoid_places", {"yes", "no"}},
      {"worry_crime", {"not_at_all", "a_little", "fairly", "very"}},
      {"police_trust", {"very_high", "fairly_high", "fairly_low", "very_low", "dont_know"}},
  };
  for (const auto& [id, options_expected] : contract) {
    const Question* question = q.find_question(id);
    REQUIRE(question);
    std::vector<std::string> ids;
    for (const auto& o : question->options) ids.push_back(o.id);
    CHECK(ids == options_expected);
  }
  for (const char* item : {"litter", "vandalism", "traffic", "youth_disorder", "intoxicated",
                           "drug_dealing", "burglary", "car_crime", "violence", "shootings",
                           "harassment", "poor_lighting", "transit", "fraud"}) {
    const Question* question = q.find_question(std::string("problem_") + item);
    REQUIRE(question);
    CHECK(question->type == QuestionType::scale);
    std::vector<std::string> ids;
    for (const auto& o : question->options) ids.push_back(o.id);
    CHECK(ids ==
          std::vector<std::string>{"no_problem", "small", "fairly_big", "very_big", "dont_know"});
  }
  for (const char* item : {"burglary", "theft", "assault", "threat", "fraud", "harassment"}) {
    const Question* question = q.find_question(std::string("victim_") + item);
    REQUIRE(question);
    CHECK(question->options.size() == 2);
  }
  CHECK(q.find_question("free_text")->type == QuestionType::text);
  CHECK(q.find_question("free_place")->type == QuestionType::text);
  // Every question of the standard questionnaire is optional.
  for (const auto* question : q.questions()) CHECK_FALSE(question->required);
  // Every wording exists in every language.
  for (const auto* question : q.questions()) {
    for (const auto& lang : q.languages) {
      INFO(question->id << " " << lang);
      CHECK_FALSE(localized(question->text, lang, "xx").empty());
      CHECK(question->text.count(lang) == 1);
    }
  }
}

TEST_CASE("the standard questionnaire takes a subset of languages", "[template]") {
  TemplateOptions options;
  options.survey_id = "t";
  options.areas = parse_area_list("a");
  options.languages = {"fi", "sv"};
  auto q = build_from_template("trygghet", options);
  CHECK(q.default_language() == "fi");
  options.languages = {"de"};
  CHECK_THROWS_WITH(build_from_template("trygghet", options),
                    Catch::Contains("no wording in 'de'"));
  CHECK_THROWS_WITH(build_from_template("nope", options), Catch::Contains("unknown template"));
  CHECK_THROWS(parse_area_list(" , "));
}
