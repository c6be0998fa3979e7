// Unit tests of the priority list's choices: the blend's rule and its
// stored settings, the marks and the figures marked_priorities gives back.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "../support/app_survey.hpp"
#include "analysis/stats/priorities.hpp"
#include "app/audit.hpp"
#include "app/priority_blend.hpp"
#include "app/priority_marks.hpp"
#include "app/services.hpp"
#include "app/submission.hpp"
#include "app/surveys.hpp"
#include "collector/questionnaire/standard_template.hpp"
#include "reports/documents.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"

using namespace lyssna;

namespace {

struct PriorityFixture : test::AppSurvey {
  const app::Actor anna{"anna"};
  PriorityFixture() : AppSurvey("p.db") {}
};

}  // namespace

TEST_CASE("a blend's weights are each from 0 to 1 and add up to 1", "[app][priorities]") {
  CHECK_FALSE(analysis::blend_problem({}));
  CHECK_FALSE(analysis::blend_problem({1, 0}));
  CHECK_FALSE(analysis::blend_problem({0.7, 0.3}));
  auto weight_at_fault = [](double s, double d) {
    auto p = analysis::blend_problem({s, d});
    return p ? p->weight : std::string("none");
  };
  CHECK(weight_at_fault(-0.1, 1.1) == "survey_weight");
  CHECK(weight_at_fault(0.5, 1.5) == "dialogue_weight");
  CHECK(weight_at_fault(std::nan(""), 0.5) == "survey_weight");
  CHECK(weight_at_fault(0.5, std::numeric_limits<double>::infinity()) == "dialogue_weight");
  CHECK(weight_at_fault(0.6, 0.3) == "survey_weight");  // the sum
}

TEST_CASE("the blend drives the score, and a theme without items keeps its dialogue signal",
          "[app][priorities]") {
  std::vector<analysis::ThemeSignal> signals(3);
  signals[0].theme = "a";  // the survey's strongest problem, rarely mentioned
  signals[0].problem = analysis::Share{};
  signals[0].problem->value = 0.5;
  signals[0].problem->n = 100;
  signals[0].mentions = 1;
  signals[1].theme = "b";  // mentioned most, a smaller problem
  signals[1].problem = analysis::Share{};
  signals[1].problem->value = 0.1;
  signals[1].problem->n = 100;
  signals[1].mentions = 10;
  signals[2].theme = "c";  // no problem items
  signals[2].mentions = 5;
  for (auto& s : signals) s.texts = 20;
  analysis::PriorityMethod survey_only{1, 0};
  auto rows = analysis::rank_priorities(signals, survey_only);
  CHECK(rows[0].theme == "a");
  CHECK(rows[0].score == Approx(1.0));
  analysis::PriorityMethod dialogue_only{0, 1};
  rows = analysis::rank_priorities(signals, dialogue_only);
  CHECK(rows[0].theme == "b");
  CHECK(rows[1].theme == "c");
  CHECK(rows[1].score == Approx(0.5));  // its dialogue signal, whatever the blend
  CHECK(rows[2].score == Approx(0.1));
}

TEST_CASE("a survey's blend is stored, checked and audited", "[app][priorities]") {
  PriorityFixture f;
  auto settings = app::priority_settings(f.services, "trygghet-2026");
  CHECK_FALSE(settings.stored);
  CHECK(settings.blend.survey_weight == 0.5);
  CHECK(settings.blend.dialogue_weight == 0.5);
  try {
    app::set_priority_blend(f.services, f.anna, "trygghet-2026", {1.2, -0.2});
    FAIL("accepted");
  } catch (const Invalid& e) {
    CHECK(e.field() == "survey_weight");
  }
  CHECK_THROWS_AS(app::set_priority_blend(f.services, f.anna, "nope", {0.5, 0.5}), NotFound);
  CHECK_FALSE(app::priority_settings(f.services, "trygghet-2026").stored);
  CHECK(f.audit().empty());

  app::set_priority_blend(f.services, f.anna, "trygghet-2026", {0.7, 0.3});
  settings = app::priority_settings(f.services, "trygghet-2026");
  CHECK(settings.stored);
  CHECK(settings.blend.survey_weight == 0.7);
  CHECK(settings.blend.dialogue_weight == 0.3);
  CHECK(settings.updated_by == "anna");
  const auto options = app::priority_options(f.services, "trygghet-2026", "jordbro", {});
  CHECK(options.blend.survey_weight == 0.7);
  CHECK(options.area == "jordbro");

  app::reset_priority_blend(f.services, f.anna, "trygghet-2026");
  CHECK_FALSE(app::priority_settings(f.services, "trygghet-2026").stored);
  const auto audit = f.audit();
  REQUIRE(audit.size() == 2);
  CHECK(audit[1].action == "priorities_changed");
  CHECK(audit[1].target == "trygghet-2026");
  CHECK(audit[1].detail == "survey_weight=0.7 dialogue_weight=0.3");
  CHECK(audit[0].detail == "blend reset");
}

TEST_CASE("marks: checked when made, idempotent, audited when they change", "[app][priorities]") {
  PriorityFixture f;
  const std::string s = "trygghet-2026";
  auto field_of = [&](const std::optional<std::string>& area, const std::string& theme) {
    try {
      app::set_priority_mark(f.services, f.anna, s, area, theme, true);
    } catch (const Invalid& e) {
      return e.field();
    }
    return std::string("accepted");
  };
  CHECK(field_of(std::string("nowhere"), "traffic") == "area");
  CHECK(field_of(std::string(""), "traffic") == "area");
  CHECK(field_of(std::nullopt, "no_such_theme") == "theme");
  CHECK(app::priority_marks(f.services, s).empty());

  CHECK(app::set_priority_mark(f.services, f.anna, s, std::nullopt, "traffic", true));
  CHECK_FALSE(app::set_priority_mark(f.services, f.anna, s, std::nullopt, "traffic", true));
  CHECK(app::set_priority_mark(f.services, f.anna, s, std::string("jordbro"), "traffic", true));
  CHECK(
      app::set_priority_mark(f.services, f.anna, s, std::string("jordbro"), "drugs_alcohol", true));
  CHECK(app::set_priority_mark(f.services, f.anna, s, std::string("jordbro"), "drugs_alcohol",
                               false));
  CHECK_FALSE(app::set_priority_mark(f.services, f.anna, s, std::string("jordbro"), "drugs_alcohol",
                                     false));
  const auto marks = app::priority_marks(f.services, s);
  REQUIRE(marks.size() == 2);
  CHECK_FALSE(marks[0].area);  // the whole survey first
  CHECK(marks[1].area == "jordbro");
  CHECK(marks[1].marked_by == "anna");
  const auto audit = f.audit();
  REQUIRE(audit.size() == 4);  // the repeats changed nothing and are not logged
  CHECK(audit[3].action == "priority_marked");
  CHECK(audit[3].detail == "theme=traffic area=");
  CHECK(audit[0].action == "priority_unmarked");
  CHECK(audit[0].detail == "theme=drugs_alcohol area=jordbro");
}

TEST_CASE("marked priorities come back with the figures of their area's report",
          "[app][priorities]") {
  PriorityFixture f;
  // Jordbro: six answers (a share of fewer than five is suppressed), half
  // rating traffic a very big problem, two writing about it.
  for (int i = 1; i <= 6; ++i) {
    f.answer("r" + std::to_string(i), "jordbro",
             i <= 2 ? "Bilar kör fort på vägen varje kväll" : "Det är skräp överallt i parken",
             i % 2 ? "very_big" : "no_problem");
  }
  f.answer("r7", "handen", "Fortkörning vid skolan är farlig", "fairly_big");
  CHECK(app::marked_priorities(f.services, "trygghet-2026").marked.empty());
  app::set_priority_blend(f.services, f.anna, "trygghet-2026", {0.8, 0.2});
  app::set_priority_mark(f.services, f.anna, "trygghet-2026", std::string("jordbro"), "traffic",
                         true);
  app::set_priority_mark(f.services, f.anna, "trygghet-2026", std::nullopt, "traffic", true);
  const auto marked = app::marked_priorities(f.services, "trygghet-2026");
  REQUIRE(marked.marked.size() == 2);
  const auto& whole = marked.marked[0];
  const auto& jordbro = marked.marked[1];
  CHECK_FALSE(whole.area);
  CHECK(whole.respondents == 7);
  CHECK(jordbro.respondents == 6);
  CHECK(jordbro.label == "Traffic");
  CHECK_FALSE(jordbro.weighted);
  CHECK(jordbro.method.survey_weight == 0.8);
  REQUIRE(jordbro.ranking);
  CHECK(jordbro.ranking->theme == "traffic");
  REQUIRE(jordbro.ranking->problem_share);
  CHECK(*jordbro.ranking->problem_share == Approx(0.5));
  CHECK(jordbro.ranking->mentions == 2);
  REQUIRE(whole.ranking);
  CHECK(whole.ranking->mentions == 3);
  const auto doc = reports::document(marked);
  CHECK(doc["marked"][1]["area"] == "jordbro");
  CHECK(doc["marked"][1]["priority"]["theme"] == "traffic");
  CHECK(doc["marked"][1]["method"]["survey_weight"] == 0.8);
}
