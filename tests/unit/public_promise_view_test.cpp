// Unit tests of the public promise page's data and HTML (http/public_promise_view.hpp):
// the figures a real draft stores, shown as aggregates; published quotes
// and the year-end evaluation when there is one (the model's quotes and
// evaluation are set on the loaded promise here: they are stored by
// app/promise's own functions); nothing of a draft's free text.
#include <catch2/catch.hpp>

#include "../support/app_survey.hpp"
#include "app/priority_marks.hpp"
#include "app/promise.hpp"
#include "http/public_promise_view.hpp"
#include "render/template_engine.hpp"

using namespace lyssna;

namespace {

struct PublicViewFixture : test::AppSurvey {
  const app::Actor anna{"anna"};
  int64_t polis = 0;
  PublicViewFixture() : AppSurvey("public-view.db") {
    polis = app::add_promise_party(services, anna, "haninge", "polis", "police",
                                   {{"sv", "Lokalpolisen"}, {"en", "The local police"}});
  }
  app::PromiseHeader header() const {
    return {"haninge", 2026, 2026, {{"sv", "Löfte 2026"}, {"en", "Promise 2026"}}, {polis}};
  }
  // A draft from a marked priority with one activity (two a half-year), published.
  int64_t drafted() {
    for (int i = 1; i <= 6; ++i) {
      answer("v" + std::to_string(i), "jordbro",
             i <= 3 ? "Bilar kör fort på vägen varje kväll" : "Skräp i parken",
             i % 2 ? "very_big" : "no_problem");
    }
    app::set_priority_mark(services, anna, "trygghet-2026", std::string("jordbro"), "traffic",
                           true);
    const int64_t id = app::draft_from_marks(services, anna, "trygghet-2026", header());
    const auto p = app::load_promise(services, id);
    app::ActivityInput a;
    a.texts = {{"sv", "Hastighetskontroller vid skolorna"}};
    a.parties = {polis};
    a.target = app::CountableTarget{2, app::PeriodUnit::half_year};
    a.indicator.kind = app::Indicator::Kind::survey_indicator;
    a.indicator.indicator_id = "theme_traffic";
    const int64_t activity = app::add_activity(services, anna, p.focus_areas.at(0).id, a);
    app::set_promise_status(services, anna, id, app::PromiseStatus::adopted);
    app::set_promise_status(services, anna, id, app::PromiseStatus::published);
    app::FollowUpInput f;
    f.date = "2026-05-01";
    f.done_count = 3;
    f.public_texts = {{"sv", "Tre kontroller."}};
    f.published = true;
    app::record_follow_up(services, anna, activity, f);
    return id;
  }
  std::string page(const app::Promise& p, const std::string& lang) {
    return render::get_template("promise_page").render(http::promise_page_view(services, p, lang));
  }
};

}  // namespace

TEST_CASE("the public page shows a drafted focus area's figures as aggregates, not its texts",
          "[promise-public]") {
  PublicViewFixture f;
  const auto p = app::load_promise(f.services, f.drafted());
  const std::string sv = f.page(p, "sv");
  // 3 of the 6 answers call traffic a very big problem; 3 of 6 texts mention it.
  CHECK_THAT(sv, Catch::Contains("50 % av 6 som svarade"));
  CHECK_THAT(sv, Catch::Contains("50 % av 6 skrivna svar"));
  CHECK_THAT(sv, Catch::Contains("osäkert: få svar"));  // under 30
  CHECK_THAT(sv, Catch::Contains("Trafik</strong> · Jordbro"));
  CHECK_THAT(sv, Catch::Contains("Trafik ses som ett ganska eller mycket stort problem"));
  CHECK_THAT(sv, Catch::Contains("Antal genomförda: 3"));
  // Nothing of the residents' words, nor of who marked it.
  CHECK_THAT(sv, !Catch::Contains("Bilar"));
  CHECK_THAT(sv, !Catch::Contains("anna"));
  CHECK_THAT(sv, !Catch::Contains("v1"));
  // Published, not evaluated: no evaluation section.
  CHECK_THAT(sv, !Catch::Contains("class=\"evaluation\""));
}

TEST_CASE("published quotes and the evaluation join the public page", "[promise-public]") {
  PublicViewFixture f;
  const int64_t id = f.drafted();
  auto p = app::load_promise(f.services, id);
  auto& fa = p.focus_areas.at(0);
  fa.quotes.push_back({1, "v1", "Bilarna kör <fort> & farligt", "sv", 0, "anna"});
  fa.quotes.push_back({2, "v2", "السيارات سريعة جدا", "ar", 0, "anna"});
  app::FocusEvaluation e;
  e.later_survey = "trygghet-2026";
  app::EvaluatedIndicator better;
  better.indicator_id = "unsafe_night";
  better.area = "jordbro";
  better.earlier_survey = better.later_survey = "trygghet-2026";
  better.earlier = 0.31;
  better.later = 0.22;
  better.earlier_n = 120;
  better.later_n = 130;
  better.verdict = "better";
  app::EvaluatedIndicator few = better;
  few.indicator_id = "worry_crime";
  few.earlier_n = 3;
  few.verdict = "not_comparable";
  e.indicators = {better, few};
  e.conclusions = {{"sv", "Hastigheten har gått ner."}};
  fa.evaluation = e;

  // While published the quotes show, the evaluation not yet.
  const std::string published = f.page(p, "en");
  CHECK_THAT(published, Catch::Contains("<blockquote lang=\"sv\" dir=\"ltr\"><p>Bilarna kör "
                                        "&lt;fort&gt; &amp; farligt</p></blockquote>"));
  CHECK_THAT(published, Catch::Contains("<blockquote lang=\"ar\" dir=\"rtl\">"));
  CHECK_THAT(published, !Catch::Contains("Hastigheten har gått ner"));

  p.status = app::PromiseStatus::evaluated;
  const std::string en = f.page(p, "en");
  CHECK_THAT(en, Catch::Contains("class=\"evaluation\""));
  CHECK_THAT(en, Catch::Contains("31% (120 answers)"));
  CHECK_THAT(en, Catch::Contains("22% (130 answers)"));
  CHECK_THAT(en, Catch::Contains("verdict-better\">Better"));
  CHECK_THAT(en, !Catch::Contains("50% (3 answers)"));  // the worry figure over 3: not shown
  CHECK_THAT(en, Catch::Contains("too few answers"));
  CHECK_THAT(en, Catch::Contains("Cannot be compared"));
  // Done against planned over the whole period: 2 a half-year is 4, 3 done.
  CHECK_THAT(en, Catch::Contains("</th><td>4</td><td>3</td></tr>"));
  CHECK_THAT(en, Catch::Contains("<span lang=\"sv\" dir=\"ltr\">Hastigheten har gått ner.</span> "
                                 "<span class=\"fallback-note\">(in Swedish)</span>"));
}
