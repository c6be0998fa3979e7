// Unit tests of dot voting: the tally, the candidates proposed from what a
// session heard, and the votes' signal in the priority list (no votes: the
// ranking exactly as before).
#include <catch2/catch.hpp>

#include "../support/app_survey.hpp"
#include "../support/dialogue_seed.hpp"
#include "analysis/stats/priorities.hpp"
#include "app/accounts.hpp"
#include "app/dialogues.hpp"
#include "app/priority_blend.hpp"
#include "app/survey_analysis.hpp"
#include "app/vote_candidates.hpp"
#include "app/vote_signal.hpp"
#include "http/vote_view.hpp"
#include "reports/documents.hpp"
#include "reports/reports.hpp"
#include "util/errors.hpp"

using namespace lyssna;

namespace {

struct VoteAppFixture : test::AppSurvey {
  test::SeededDialogue seeded;
  VoteAppFixture() : AppSurvey("votes.db") {
    app::add_user(services, app::Actor{"test"}, "fia", app::Role::facilitator,
                  "correct horse battery");
    seeded = test::seed_dialogue(services, "fia");
  }
  app::Vote make_vote(std::vector<std::string> candidates, int64_t dots = 3) {
    app::VoteInput in;
    in.session = seeded.session;
    in.candidates = std::move(candidates);
    in.dots_per_ballot = dots;
    auto v = app::create_vote(services, seeded.facilitator, in);
    app::set_vote_open(services, seeded.facilitator, v.line.id, true);
    return v;
  }
  Outcome cast(const std::string& vote, const std::string& ballot,
               std::map<std::string, int64_t> dots) {
    return app::cast_ballot(services, vote, {ballot, std::move(dots)});
  }
};

int64_t vote_dots_of(const app::Vote& v, const std::string& candidate) {
  for (const auto& t : v.tally)
    if (t.candidate == candidate) return t.dots;
  return -1;
}

}  // namespace

TEST_CASE("votes: the tally counts each ballot once, refuses too many dots and other dots",
          "[app][votes]") {
  VoteAppFixture f;
  const auto v = f.make_vote({"lighting_environment", "drugs_alcohol", "traffic"});
  CHECK(f.cast(v.line.id, "b-1", {{"lighting_environment", 2}, {"traffic", 1}}) ==
        Outcome::created);
  CHECK(f.cast(v.line.id, "b-2", {{"lighting_environment", 1}}) == Outcome::created);
  // A reload sending the same ballot again: counted once.
  CHECK(f.cast(v.line.id, "b-2", {{"lighting_environment", 1}}) == Outcome::duplicate);
  CHECK_THROWS_AS(f.cast(v.line.id, "b-2", {{"traffic", 1}}), Conflict);
  try {
    f.cast(v.line.id, "b-3", {{"traffic", 4}});
    FAIL("four dots of three taken");
  } catch (const Invalid& e) {
    CHECK(e.field() == "dots");
  }
  CHECK_THROWS_AS(f.cast(v.line.id, "b-4", {{"not_a_candidate", 1}}), Invalid);
  const auto tallied = app::vote_of(f.services, v.line.id);
  CHECK(tallied.ballots == 2);
  CHECK(vote_dots_of(tallied, "lighting_environment") == 3);
  CHECK(vote_dots_of(tallied, "traffic") == 1);
  CHECK(vote_dots_of(tallied, "drugs_alcohol") == 0);
  CHECK(tallied.tally[0].ballots == 2);
  // Closed: no more dots.
  app::set_vote_open(f.services, f.seeded.facilitator, v.line.id, false);
  CHECK_THROWS_AS(f.cast(v.line.id, "b-5", {{"traffic", 1}}), Conflict);
}

TEST_CASE("votes: one open vote per session", "[app][votes]") {
  VoteAppFixture f;
  const auto first = f.make_vote({"lighting_environment", "traffic"});
  const auto second = f.make_vote({"drugs_alcohol", "traffic"});
  CHECK_FALSE(app::vote_of(f.services, first.line.id).is_open);
  CHECK(app::open_vote(f.services, f.seeded.session)->line.id == second.line.id);
}

TEST_CASE("votes: candidates are proposed from the session's notes and answers, most heard first",
          "[app][votes]") {
  VoteAppFixture f;
  // Outside the session: not what the room heard.
  f.answer("online-1", "jordbro", "Narkotika och langning vid skolan, narkotikaförsäljning",
           "very_big");
  f.answer("online-2", "jordbro", "Narkotikaförsäljning i centrum", "very_big");
  const auto proposed = app::propose_candidates(f.services, f.seeded.facilitator, f.seeded.session);
  REQUIRE(proposed.size() >= 3);
  CHECK(proposed[0].theme == "lighting_environment");
  CHECK(proposed[0].mentions == 2);
  auto find = [&](const std::string& theme) {
    for (const auto& c : proposed)
      if (c.theme == theme) return c;
    return app::ProposedCandidate{};
  };
  CHECK(find("drugs_alcohol").mentions == 1);
  // The kiosk answer called traffic a very big problem; no note spoke of it.
  CHECK(find("traffic").mentions == 0);
  CHECK(find("traffic").problems == 1);
  // Another facilitator's session is not found.
  app::add_user(f.services, app::Actor{"test"}, "olle", app::Role::facilitator,
                "correct horse battery");
  CHECK_THROWS_AS(app::propose_candidates(f.services, test::facilitator_access(f.services, "olle"),
                                          f.seeded.session),
                  NotFound);
}

TEST_CASE("votes: the room's own candidate needs a label, its slug from the label",
          "[app][votes]") {
  CHECK(http::custom_slug("Skatepark vid Åvägen!") == "skatepark-vid-avagen");
  CHECK(http::custom_slug("ملعب") == "");
  VoteAppFixture f;
  app::VoteInput in;
  in.session = f.seeded.session;
  in.candidates = {"traffic", "custom:skatepark"};
  CHECK_THROWS_AS(app::create_vote(f.services, f.seeded.facilitator, in), Invalid);
  in.labels["custom:skatepark"]["sv"] = "Skatepark";
  const auto v = app::create_vote(f.services, f.seeded.facilitator, in);
  CHECK(app::candidate_label(f.services, v, "trygghet-2026", "custom:skatepark", "ar") ==
        "Skatepark");
}

TEST_CASE("votes: a theme's share of the dots is a third signal, used only where there are dots",
          "[app][votes][priorities]") {
  std::vector<analysis::ThemeSignal> signals(3);
  for (size_t i = 0; i < 3; ++i) {
    signals[i].theme = std::string(1, char('a' + i));
    signals[i].problem = analysis::Share{};
    signals[i].problem->value = 0.5 - 0.1 * double(i);  // a strongest, then b, c
    signals[i].problem->n = 100;
    signals[i].mentions = 3;
    signals[i].texts = 10;
  }
  analysis::PriorityMethod plain;
  const auto before = analysis::rank_priorities(signals, plain);
  // Dots of 0 everywhere: exactly the same scores, whatever the vote weight.
  analysis::PriorityMethod heavy;
  heavy.vote_weight = 0.9;
  const auto same = analysis::rank_priorities(signals, heavy);
  for (size_t i = 0; i < before.size(); ++i) {
    CHECK(same[i].theme == before[i].theme);
    CHECK(same[i].score == before[i].score);  // bit for bit
    CHECK(same[i].vote_part == 0);
  }
  CHECK(heavy.applied_vote_weight() == 0);
  // The room put every dot on c: with a vote weight of 0.5 it comes first.
  for (auto& s : signals) s.all_dots = 12;
  signals[2].dots = 9;
  signals[1].dots = 3;
  analysis::PriorityMethod half;
  half.vote_weight = 0.5;
  const auto rows = analysis::rank_priorities(signals, half);
  CHECK(half.dots == 12);
  CHECK(half.max_vote_share == Approx(0.75));
  REQUIRE(rows[0].theme == "c");
  CHECK(rows[0].vote_share == Approx(0.75));
  CHECK(rows[0].vote_signal == Approx(1.0));
  // (1 - 0.5) * (0.5 * 0.3/0.5 + 0.5 * 1) + 0.5 * 1
  CHECK(rows[0].score == Approx(0.5 * 0.8 + 0.5));
  CHECK(rows[0].score == Approx(rows[0].survey_part + rows[0].dialogue_part + rows[0].vote_part));
  CHECK(rows[2].theme == "a");  // a: 0.5 * 1 + 0; b: 0.5 * 0.9 + 0.5 * 1/3
  CHECK(rows[2].score == Approx(0.5));
  CHECK(analysis::blend_problem({0.5, 0.5, 1.2})->weight == "vote_weight");
}

TEST_CASE("votes: no votes leave the survey's priority list as it was, dots move it",
          "[app][votes][priorities]") {
  test::AppSurvey f("signal.db");
  f.answer("r1", "jordbro", "Mörkt på gångvägen, belysningen trasig", "no_problem");
  f.answer("r2", "jordbro", "Narkotikaförsäljning vid stationen", "very_big");
  f.answer("r3", "handen", "Bilarna kör för fort, trafiken", "very_big");
  auto report = [&](const std::optional<std::string>& area) {
    app::SurveyAnalysis analysis(f.services, "trygghet-2026");
    return reports::document(reports::priority_report(
        analysis.context(), app::priority_options(f.services, "trygghet-2026", area, {})));
  };
  CHECK(app::vote_dots(f.services, "trygghet-2026", std::nullopt).all == 0);
  // A session without votes, and a vote without ballots, change nothing.
  app::add_user(f.services, app::Actor{"test"}, "fia", app::Role::facilitator,
                "correct horse battery");
  const auto seeded = test::seed_dialogue(f.services, "fia");
  app::VoteInput in;
  in.session = seeded.session;
  in.candidates = {"lighting_environment", "traffic", "custom:skatepark"};
  in.labels["custom:skatepark"]["sv"] = "Skatepark";
  const auto v = app::create_vote(f.services, seeded.facilitator, in);
  app::set_vote_open(f.services, seeded.facilitator, v.line.id, true);
  // The seeded notes are answers too: compare with the list after them.
  const auto with_notes = report(std::nullopt);
  CHECK(with_notes["method"]["dots"] == 0);
  CHECK(with_notes["method"]["vote_weight"] == 0.0);
  for (const auto& row : with_notes["priorities"]) CHECK(row["vote_signal"] == 0.0);
  // Without dots the vote weight is not used at all: the same list under any.
  app::set_priority_blend(f.services, app::Actor{"anna"}, "trygghet-2026", {0.5, 0.5, 0.9});
  CHECK(report(std::nullopt)["priorities"] == with_notes["priorities"]);
  app::reset_priority_blend(f.services, app::Actor{"anna"}, "trygghet-2026");
  // Dots: every one on lighting (and the room's own candidate).
  for (int i = 0; i < 4; ++i) {
    app::cast_ballot(
        f.services, v.line.id,
        {"b-" + std::to_string(i), {{"lighting_environment", 2}, {"custom:skatepark", 1}}});
  }
  const auto dots = app::vote_dots(f.services, "trygghet-2026", std::nullopt);
  CHECK(dots.all == 12);
  CHECK(dots.ballots == 4);
  CHECK(dots.by_candidate.at("lighting_environment") == 8);
  const auto after = report(std::nullopt);
  CHECK(after["method"]["dots"] == 12);
  CHECK(after["method"]["vote_weight"] == 0.25);
  for (const auto& row : after["priorities"]) {
    if (row["theme"] == "lighting_environment") {
      CHECK(row["dots"] == 8);
      CHECK(row["vote_share"] == Approx(0.6667));
      CHECK(row["vote_signal"] == 1.0);
    }
  }
  // The session is of jordbro: handen's list has no dots.
  CHECK(report(std::string("handen"))["method"]["dots"] == 0);
  CHECK(report(std::string("jordbro"))["method"]["dots"] == 12);
}
