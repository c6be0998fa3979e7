// Unit tests of what a promise shows residents beside its activities
// (app/promise.hpp, migration 7): the quotes an analyst publishes, checked
// against what residents wrote, and the year-end evaluation of a focus area
// on a worked example whose shares are counted by hand.
#include <catch2/catch.hpp>

#include <cmath>

#include "../support/app_survey.hpp"
#include "app/promise.hpp"
#include "collector/questionnaire/standard_template.hpp"
#include "util/errors.hpp"

using namespace lyssna;
using app::PromiseStatus;

namespace {

struct EvaluationFixture : test::AppSurvey {
  const app::Actor eva{"eva"};
  int64_t polis = 0, promise = 0, focus_area = 0, activity = 0;
  EvaluationFixture() : AppSurvey("evaluation.db") {
    polis = app::add_promise_party(services, eva, "haninge", "polis", "police",
                                   {{"sv", "Lokalpolisområde Haninge"}});
    promise = app::create_promise(
        services, eva, {"haninge", 2026, 2026, {{"sv", "Medborgarlöfte 2026"}}, {polis}});
    focus_area = app::add_focus_area(services, eva, promise, {{"sv", "Trafiken i Jordbro"}},
                                     {{"trygghet-2026", std::string("jordbro"), "traffic", "{}"}});
    app::ActivityInput a;
    a.texts = {{"sv", "Hastighetskontroller"}};
    a.parties = {polis};
    a.indicator.kind = app::Indicator::Kind::count;
    a.indicator.texts = {{"sv", "antal kontroller"}};
    activity = app::add_activity(services, eva, focus_area, a);
  }
  void publish() {
    app::set_promise_status(services, eva, promise, PromiseStatus::adopted);
    app::set_promise_status(services, eva, promise, PromiseStatus::published);
  }
  // The same standard survey a year later (its answers: answer_in).
  void add_later_survey() {
    questionnaire::TemplateOptions o;
    o.survey_id = "trygghet-2027";
    o.areas = questionnaire::parse_area_list("handen,jordbro");
    app::save_survey(services, app::Actor{"test"},
                     questionnaire::build_from_template("trygghet", o), false, "test");
  }
  void answer_in(const std::string& survey, const std::string& id, const std::string& area,
                 const std::string& traffic) {
    test::submit_answer(services, survey, id, {{"area", area}, {"problem_traffic", traffic}});
  }
};

}  // namespace

TEST_CASE("a published quote is what a resident wrote, or a part of it", "[promise]") {
  EvaluationFixture f;
  f.answer("r1", "jordbro", "Bilarna kör för fort på Jordbrovägen, och mitt namn är Karin.",
           "very_big");
  const std::string excerpt = "Bilarna kör för fort på Jordbrovägen";
  const int64_t q = app::publish_quote(f.services, f.eva, f.focus_area, "r1", excerpt);
  CHECK(app::publish_quote(f.services, f.eva, f.focus_area, "r1", "  " + excerpt + " ") == q);

  auto fa = app::load_promise(f.services, f.promise).focus_areas.at(0);
  REQUIRE(fa.quotes.size() == 1);
  CHECK(fa.quotes[0].id == q);
  CHECK(fa.quotes[0].text == excerpt);
  CHECK(fa.quotes[0].lang == "sv");
  CHECK(fa.quotes[0].published_by == "eva");

  auto field_of = [&](const std::string& record, const std::string& text) {
    try {
      app::publish_quote(f.services, f.eva, f.focus_area, record, text);
    } catch (const Invalid& e) {
      return e.field();
    }
    return std::string("accepted");
  };
  CHECK(field_of("r1", "Bilarna kör alldeles för fort") == "text");  // not what was written
  CHECK(field_of("r1", "") == "text");
  CHECK(field_of("r2", "Bilarna") == "record");  // no such answer in the focus area's survey
  CHECK(field_of(std::string(200, 'x'), "Bilarna") == "record");

  app::withdraw_quote(f.services, f.eva, q);
  CHECK(app::load_promise(f.services, f.promise).focus_areas.at(0).quotes.empty());
  CHECK_THROWS_AS(app::withdraw_quote(f.services, f.eva, q), NotFound);
  const auto entries = f.audit();
  CHECK(std::count_if(entries.begin(), entries.end(), [](const auto& e) {
          return e.detail.find("quote") != std::string::npos;
        }) == 2);
}

TEST_CASE("a focus area is evaluated against the next survey by the trend test", "[promise]") {
  EvaluationFixture f;
  f.add_later_survey();
  // Jordbro, 2026: 30 of 40 call traffic a fairly or very big problem
  // (0.75); 2027: 10 of 40 (0.25). Handen's answers must not count.
  for (int i = 0; i < 40; ++i) {
    f.answer_in("trygghet-2026", "a" + std::to_string(i), "jordbro",
                i < 30 ? "very_big" : "no_problem");
    f.answer_in("trygghet-2027", "b" + std::to_string(i), "jordbro",
                i < 10 ? "fairly_big" : "small");
    f.answer_in("trygghet-2027", "h" + std::to_string(i), "handen", "very_big");
  }
  const auto fa = app::load_promise(f.services, f.promise).focus_areas.at(0);
  // No activity follows a survey indicator: the source's theme in its area.
  CHECK(app::evaluation_indicators(fa) ==
        std::vector<std::pair<std::string, std::string>>{{"theme_traffic", "jordbro"}});

  CHECK_THROWS_AS(app::evaluate_focus_area(f.services, f.eva, f.focus_area, "trygghet-2027",
                                           {{"sv", "Färre upplever trafiken som ett problem."}}),
                  Conflict);  // a draft is not evaluated
  f.publish();
  CHECK_THROWS_AS(app::set_promise_status(f.services, f.eva, f.promise, PromiseStatus::evaluated),
                  Invalid);  // not before every focus area is
  CHECK_THROWS_AS(app::evaluate_focus_area(f.services, f.eva, f.focus_area, "trygghet-2026",
                                           {{"sv", "Samma enkät."}}),
                  Invalid);
  CHECK_THROWS_AS(
      app::evaluate_focus_area(f.services, f.eva, f.focus_area, "trygghet-2027", {{"en", "Less"}}),
      Invalid);  // the conclusion needs Swedish
  app::evaluate_focus_area(f.services, f.eva, f.focus_area, "trygghet-2027",
                           {{"sv", "Färre upplever trafiken som ett problem."}, {"en", "Fewer"}});

  const auto e = app::load_promise(f.services, f.promise).focus_areas.at(0).evaluation;
  REQUIRE(e);
  CHECK(e->later_survey == "trygghet-2027");
  CHECK(e->conclusions.at("en") == "Fewer");
  CHECK(e->evaluated_by == "eva");
  REQUIRE(e->indicators.size() == 1);
  const auto& i = e->indicators[0];
  CHECK(i.indicator_id == "theme_traffic");
  CHECK(i.area == "jordbro");
  CHECK(i.earlier_survey == "trygghet-2026");
  CHECK(i.earlier_n == 40);
  CHECK(i.later_n == 40);
  REQUIRE(i.earlier);
  REQUIRE(i.later);
  CHECK(*i.earlier == Approx(0.75));
  CHECK(*i.later == Approx(0.25));
  REQUIRE(i.difference);
  CHECK(*i.difference == Approx(-0.5));
  // Two independent shares: z = 0.5 / sqrt(.75*.25/40 + .25*.75/40) = 5.16.
  REQUIRE(i.p_value);
  CHECK(*i.p_value < 1e-5);
  CHECK(i.significant);
  CHECK(i.verdict == "better");  // fewer call it a problem

  app::set_promise_status(f.services, f.eva, f.promise, PromiseStatus::evaluated);
  CHECK_THROWS_AS(
      app::evaluate_focus_area(f.services, f.eva, f.focus_area, "trygghet-2027", {{"sv", "Igen."}}),
      Conflict);
}

TEST_CASE("a survey indicator an activity follows is what its focus area is evaluated on",
          "[promise]") {
  EvaluationFixture f;
  app::ActivityInput a;
  a.texts = {{"sv", "Trygghetsvandringar"}};
  a.parties = {f.polis};
  a.indicator.kind = app::Indicator::Kind::survey_indicator;
  a.indicator.indicator_id = "unsafe_at_night";
  a.indicator.area = "";
  app::add_activity(f.services, f.eva, f.focus_area, a);
  app::add_activity(f.services, f.eva, f.focus_area, a);  // the same indicator once
  const auto fa = app::load_promise(f.services, f.promise).focus_areas.at(0);
  CHECK(app::evaluation_indicators(fa) ==
        std::vector<std::pair<std::string, std::string>>{{"unsafe_at_night", ""}});
}
