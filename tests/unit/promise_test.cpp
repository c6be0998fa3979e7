// Unit tests of the citizen promise (app/promise.hpp, migration 6): status
// transitions, countable targets, done against planned, copying, audit
// entries, refused input naming its field, and the migration itself.
#include <catch2/catch.hpp>

#include <cmath>

#include "../support/app_survey.hpp"
#include "app/accounts.hpp"
#include "app/audit.hpp"
#include "app/dialogues.hpp"
#include "app/dialogues_held.hpp"
#include "app/priority_marks.hpp"
#include "app/promise.hpp"
#include "app/services.hpp"
#include "app/submission.hpp"
#include "app/surveys.hpp"
#include "app/sync_central.hpp"
#include "collector/interchange/dialogue_lines.hpp"
#include "collector/questionnaire/standard_template.hpp"
#include "collector/storage/dialogue_store.hpp"
#include "collector/storage/promise_store.hpp"
#include "collector/storage/schema.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"

using namespace lyssna;
using app::PeriodUnit;
using app::PromiseStatus;

namespace {

struct PromiseFixture : test::AppSurvey {
  const app::Actor anna{"anna"};
  int64_t sbf = 0, polis = 0;
  PromiseFixture() : AppSurvey("promise.db") {
    sbf = app::add_promise_party(services, anna, "haninge", "SBF", "kommun",
                                 {{"sv", "Samhällsbyggnadsförvaltningen"}});
    polis = app::add_promise_party(services, anna, "haninge", "polis", "police",
                                   {{"sv", "Lokalpolisområde Haninge/Nynäshamn"}});
  }
  app::PromiseHeader header() const {
    return {"haninge",
            2026,
            2026,
            {{"sv", "Medborgarlöfte 2026"}, {"en", "Citizen promise"}},
            {sbf, polis}};
  }
  app::ActivityInput inventories() const {
    app::ActivityInput a;
    a.texts = {{"sv", "Gemensamma trygghetsinventeringar"}};
    a.prioritised_areas = {{"sv", "Otrygga platser"}};
    a.parties = {sbf, polis};
    a.frequency = {{"sv", "två per halvår"}};
    a.target = app::CountableTarget{2, PeriodUnit::half_year};
    a.indicator.kind = app::Indicator::Kind::survey_indicator;
    a.indicator.indicator_id = "unsafe_at_night";
    a.indicator.area = "jordbro";
    return a;
  }
  app::ActivityInput dialogues() const {
    app::ActivityInput a;
    a.texts = {{"sv", "Trygghetsdialoger"}};
    a.parties = {polis};
    a.frequency = {{"sv", "minst fyra per år"}};
    a.target = app::CountableTarget{4, PeriodUnit::year};
    a.indicator.kind = app::Indicator::Kind::count;
    a.indicator.texts = {{"sv", "antal dialoger"}};
    return a;
  }
  // Every focus area's evaluation as stored, without a later survey to
  // compute it from (promise_evaluation_test.cpp computes one).
  void store_evaluations(int64_t promise) {
    for (const auto& fa : app::load_promise(services, promise).focus_areas) {
      services.writer().execute([&](storage::Database& db) {
        storage::put_focus_evaluation(
            db, {fa.id, "trygghet-2027", "[]", R"({"sv":"Klart."})", 1, "anna"});
      });
    }
  }
  // A draft with one focus area (from a marked priority) and two activities.
  struct Built {
    int64_t promise, focus_area, inventories, dialogues;
  };
  Built build() {
    Built b{};
    b.promise = app::create_promise(services, anna, header());
    b.focus_area = app::add_focus_area(
        services, anna, b.promise, {{"sv", "Trygghet i Jordbro"}},
        {{"trygghet-2026", std::string("jordbro"), "lighting", R"({"score":0.8,"n":120})"}});
    b.inventories = app::add_activity(services, anna, b.focus_area, inventories());
    b.dialogues = app::add_activity(services, anna, b.focus_area, dialogues());
    return b;
  }
};

std::string promise_field_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Invalid& e) {
    return e.field();
  }
  return "(nothing thrown)";
}

}  // namespace

TEST_CASE("countable targets plan pro rata over a span", "[promise]") {
  using app::CountableTarget;
  CHECK(app::planned_count(CountableTarget{2, PeriodUnit::half_year}, PeriodUnit::year) == 4);
  CHECK(app::planned_count(CountableTarget{1, PeriodUnit::week}, PeriodUnit::year) == 52);
  CHECK(app::planned_count(CountableTarget{1, PeriodUnit::week}, PeriodUnit::quarter) == 13);
  CHECK(app::planned_count(CountableTarget{4, PeriodUnit::year}, PeriodUnit::quarter) == 1);
  CHECK(app::planned_count(CountableTarget{4, PeriodUnit::year}, PeriodUnit::year, 2) == 8);
  CHECK(app::planned_count(CountableTarget{3, PeriodUnit::tertial}, PeriodUnit::year) == 9);
  CHECK(app::planned_count(CountableTarget{1, PeriodUnit::month}, PeriodUnit::half_year) == 6);
  CHECK(
      std::abs(app::planned_count(CountableTarget{2, PeriodUnit::half_year}, PeriodUnit::tertial) -
               4.0 / 3) < 1e-12);
}

TEST_CASE("reporting periods have their first and last days", "[promise]") {
  auto q1 = app::parse_reporting_period("2026-Q1");
  CHECK(q1.first_day() == "2026-01-01");
  CHECK(q1.last_day() == "2026-03-31");
  CHECK(app::parse_reporting_period("2026-T2").first_day() == "2026-05-01");
  CHECK(app::parse_reporting_period("2026-T2").last_day() == "2026-08-31");
  CHECK(app::parse_reporting_period("2026-H2").last_day() == "2026-12-31");
  CHECK(app::parse_reporting_period("2028-M02").last_day() == "2028-02-29");
  CHECK(app::parse_reporting_period("2026").last_day() == "2026-12-31");
  for (const char* bad : {"", "26", "2026-Q5", "2026-T0", "2026-X1", "2026-M13", "2026-Q"}) {
    INFO(bad);
    CHECK(promise_field_of([&] { app::parse_reporting_period(bad); }) == "period");
  }
}

TEST_CASE("a promise goes draft, adopted, published, evaluated and back only to draft",
          "[promise]") {
  using S = PromiseStatus;
  CHECK(app::promise_transition_allowed(S::draft, S::adopted));
  CHECK(app::promise_transition_allowed(S::adopted, S::published));
  CHECK(app::promise_transition_allowed(S::published, S::evaluated));
  CHECK(app::promise_transition_allowed(S::adopted, S::draft));
  CHECK_FALSE(app::promise_transition_allowed(S::draft, S::published));
  CHECK_FALSE(app::promise_transition_allowed(S::published, S::adopted));
  CHECK_FALSE(app::promise_transition_allowed(S::published, S::draft));
  CHECK_FALSE(app::promise_transition_allowed(S::evaluated, S::published));
  CHECK_FALSE(app::promise_transition_allowed(S::draft, S::evaluated));

  PromiseFixture f;
  const int64_t empty = app::create_promise(f.services, f.anna, f.header());
  CHECK(promise_field_of([&] { app::set_promise_status(f.services, f.anna, empty, S::adopted); }) ==
        "focus_areas");
  const int64_t fa = app::add_focus_area(f.services, f.anna, empty, {{"sv", "Tomt"}});
  CHECK(promise_field_of([&] { app::set_promise_status(f.services, f.anna, empty, S::adopted); }) ==
        "activities");
  app::add_activity(f.services, f.anna, fa, f.dialogues());
  auto no_parties = f.header();
  no_parties.parties.clear();
  app::update_promise_header(f.services, f.anna, empty, no_parties);
  CHECK(promise_field_of([&] { app::set_promise_status(f.services, f.anna, empty, S::adopted); }) ==
        "parties");

  auto b = f.build();
  CHECK_THROWS_AS(app::set_promise_status(f.services, f.anna, b.promise, S::published), Conflict);
  CHECK(app::set_promise_status(f.services, f.anna, b.promise, S::adopted));
  CHECK_FALSE(app::set_promise_status(f.services, f.anna, b.promise, S::adopted));  // no change
  // Adopted: no more editing, but back to draft is allowed.
  CHECK_THROWS_AS(app::add_activity(f.services, f.anna, b.focus_area, f.dialogues()), Conflict);
  CHECK(app::set_promise_status(f.services, f.anna, b.promise, S::draft));
  app::update_activity(f.services, f.anna, b.dialogues, f.dialogues());
  CHECK(app::set_promise_status(f.services, f.anna, b.promise, S::adopted));
  CHECK(app::set_promise_status(f.services, f.anna, b.promise, S::published));
  CHECK_THROWS_AS(app::set_promise_status(f.services, f.anna, b.promise, S::draft), Conflict);
  CHECK_THROWS_AS(app::remove_activity(f.services, f.anna, b.dialogues), Conflict);
  // A published promise's activities still get follow-ups.
  app::FollowUpInput u;
  u.date = "2026-03-10";
  u.done_count = 1;
  CHECK(app::record_follow_up(f.services, f.anna, b.dialogues, u) > 0);
  f.store_evaluations(b.promise);
  CHECK(app::set_promise_status(f.services, f.anna, b.promise, S::evaluated));
  CHECK_THROWS_AS(app::record_follow_up(f.services, f.anna, b.dialogues, u), Conflict);
  CHECK(app::load_promise(f.services, b.promise).status == S::evaluated);
  CHECK_THROWS_AS(app::set_promise_status(f.services, f.anna, 9999, S::adopted), NotFound);
}

TEST_CASE("a draft takes no follow-ups", "[promise]") {
  PromiseFixture f;
  auto b = f.build();
  app::FollowUpInput u;
  u.date = "2026-03-10";
  CHECK_THROWS_AS(app::record_follow_up(f.services, f.anna, b.inventories, u), Conflict);
  CHECK_THROWS_AS(app::record_follow_up(f.services, f.anna, 9999, u), NotFound);
}

TEST_CASE("the stored promise reads back whole", "[promise]") {
  PromiseFixture f;
  auto b = f.build();
  const auto p = app::load_promise(f.services, b.promise);
  CHECK(p.header.kommun == "haninge");
  CHECK(p.header.titles.at("en") == "Citizen promise");
  CHECK(p.header.parties == std::vector<int64_t>{f.sbf, f.polis});
  CHECK(p.status == PromiseStatus::draft);
  CHECK(p.created_by == "anna");
  REQUIRE(p.focus_areas.size() == 1);
  const auto& fa = p.focus_areas[0];
  REQUIRE(fa.sources.size() == 1);
  CHECK(fa.sources[0].area == std::optional<std::string>("jordbro"));
  CHECK(fa.sources[0].theme == "lighting");
  CHECK(fa.sources[0].figures == R"({"n":120,"score":0.8})");
  REQUIRE(fa.activities.size() == 2);
  const auto& inv = fa.activities[0].input;
  CHECK(inv.texts.at("sv") == "Gemensamma trygghetsinventeringar");
  CHECK(inv.prioritised_areas.at("sv") == "Otrygga platser");
  CHECK(inv.parties == std::vector<int64_t>{f.sbf, f.polis});
  REQUIRE(inv.target);
  CHECK(inv.target->count == 2);
  CHECK(inv.target->unit == PeriodUnit::half_year);
  CHECK(inv.indicator.kind == app::Indicator::Kind::survey_indicator);
  CHECK(inv.indicator.indicator_id == "unsafe_at_night");
  CHECK(inv.indicator.area == "jordbro");
  CHECK(fa.activities[1].input.indicator.kind == app::Indicator::Kind::count);
  CHECK(app::list_promises(f.services, "haninge").size() == 1);
  CHECK(app::list_promises(f.services, "botkyrka").empty());
  CHECK(app::promise_parties(f.services, "haninge").size() == 2);

  app::remove_activity(f.services, f.anna, b.dialogues);
  CHECK(app::load_promise(f.services, b.promise).focus_areas[0].activities.size() == 1);
  app::remove_focus_area(f.services, f.anna, b.focus_area);
  CHECK(app::load_promise(f.services, b.promise).focus_areas.empty());
  CHECK_THROWS_AS(app::load_promise(f.services, 9999), NotFound);
}

TEST_CASE("done against planned shows which activities are behind in a quarter", "[promise]") {
  PromiseFixture f;
  auto b = f.build();
  app::set_promise_status(f.services, f.anna, b.promise, PromiseStatus::adopted);
  app::FollowUpInput u;
  u.date = "2026-02-15";
  u.done_count = 1;
  app::record_follow_up(f.services, f.anna, b.inventories, u);
  u.date = "2026-03-20";
  app::record_follow_up(f.services, f.anna, b.dialogues, u);
  u.date = "2026-04-02";  // the next quarter
  u.done_count = 5;
  app::record_follow_up(f.services, f.anna, b.inventories, u);

  const auto p = app::load_promise(f.services, b.promise);
  auto q1 = app::promise_progress(p, app::parse_reporting_period("2026-Q1"));
  REQUIRE(q1.size() == 2);
  CHECK(q1[0].activity == b.inventories);
  CHECK(q1[0].planned == 1.0);  // 2 per half-year: 1 a quarter
  CHECK(q1[0].done == 1);
  CHECK_FALSE(q1[0].behind);
  CHECK(q1[1].planned == 1.0);  // 4 a year
  CHECK(q1[1].done == 1);
  CHECK_FALSE(q1[1].behind);

  auto q2 = app::promise_progress(p, app::parse_reporting_period("2026-Q2"));
  CHECK(q2[0].done == 5);
  CHECK_FALSE(q2[0].behind);
  CHECK(q2[1].done == 0);
  CHECK(q2[1].behind);  // no dialogue in the quarter

  auto year = app::promise_progress(p, app::parse_reporting_period("2026"));
  CHECK(year[0].planned == 4.0);
  CHECK(year[0].done == 6);
  CHECK_FALSE(year[0].behind);
  CHECK(year[1].planned == 4.0);
  CHECK(year[1].behind);

  // A follow-up that says "behind" is behind whatever the count.
  u.date = "2026-05-01";
  u.done_count = 10;
  u.status = app::FollowUpStatus::behind;
  app::record_follow_up(f.services, f.anna, b.dialogues, u);
  auto t2 = app::promise_progress(app::load_promise(f.services, b.promise),
                                  app::parse_reporting_period("2026-T2"));
  CHECK(t2[1].done == 10);
  CHECK(t2[1].latest_status == app::FollowUpStatus::behind);
  CHECK(t2[1].behind);
}

TEST_CASE("copying last year's promise keeps the structure, not the follow-ups or status",
          "[promise]") {
  PromiseFixture f;
  auto b = f.build();
  app::set_promise_status(f.services, f.anna, b.promise, PromiseStatus::adopted);
  app::set_promise_status(f.services, f.anna, b.promise, PromiseStatus::published);
  app::FollowUpInput u;
  u.date = "2026-06-01";
  u.done_count = 2;
  u.public_texts = {{"sv", "Två inventeringar i Jordbro"}};
  u.internal_note = "internt";
  u.published = true;
  app::record_follow_up(f.services, f.anna, b.inventories, u);

  const int64_t copy = app::copy_promise(f.services, f.anna, b.promise, 2027, 2027);
  const auto old = app::load_promise(f.services, b.promise);
  const auto p = app::load_promise(f.services, copy);
  CHECK(p.status == PromiseStatus::draft);
  CHECK(p.copied_from == b.promise);
  CHECK(p.header.first_year == 2027);
  CHECK(p.header.titles == old.header.titles);
  CHECK(p.header.parties == old.header.parties);
  REQUIRE(p.focus_areas.size() == 1);
  CHECK(p.focus_areas[0].id != old.focus_areas[0].id);
  CHECK(p.focus_areas[0].titles == old.focus_areas[0].titles);
  REQUIRE(p.focus_areas[0].sources.size() == 1);
  CHECK(p.focus_areas[0].sources[0].figures == old.focus_areas[0].sources[0].figures);
  REQUIRE(p.focus_areas[0].activities.size() == 2);
  for (size_t i = 0; i < 2; ++i) {
    const auto& a = p.focus_areas[0].activities[i];
    const auto& o = old.focus_areas[0].activities[i];
    CHECK(a.input.texts == o.input.texts);
    CHECK(a.input.parties == o.input.parties);
    CHECK(a.input.target.has_value() == o.input.target.has_value());
    CHECK(a.follow_ups.empty());
  }
  CHECK(old.focus_areas[0].activities[0].follow_ups.size() == 1);
  // The copy is a draft to edit; the original stays as it was.
  app::add_focus_area(f.services, f.anna, copy, {{"sv", "Ny"}});
  CHECK(app::load_promise(f.services, b.promise).focus_areas.size() == 1);
  CHECK(promise_field_of([&] { app::copy_promise(f.services, f.anna, b.promise, 2027, 2026); }) ==
        "last_year");
  CHECK_THROWS_AS(app::copy_promise(f.services, f.anna, 9999, 2027, 2027), NotFound);
}

TEST_CASE("every change of a promise is audited, naming the promise", "[promise]") {
  PromiseFixture f;
  auto b = f.build();
  app::set_promise_status(f.services, f.anna, b.promise, PromiseStatus::adopted);
  app::FollowUpInput u;
  u.date = "2026-02-01";
  u.internal_note = "a note that stays out of the log";
  app::record_follow_up(f.services, f.anna, b.dialogues, u);
  const auto entries = f.audit();  // newest first
  const std::string target = "promise/" + std::to_string(b.promise);
  std::vector<std::string> actions, details;
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    CHECK(it->actor == "anna");
    CHECK(it->detail.find("note") == std::string::npos);
    actions.push_back(it->action);
    details.push_back(it->detail);
    if (it->action != "promise_parties_changed") CHECK(it->target == target);
  }
  CHECK(actions == std::vector<std::string>{"promise_parties_changed", "promise_parties_changed",
                                            "promise_changed", "promise_changed", "promise_changed",
                                            "promise_changed", "promise_changed",
                                            "follow_up_recorded"});
  CHECK(details[2] == "created");
  CHECK(details[6] == "status draft -> adopted");
  CHECK(entries.back().target == "kommun/haninge");
  // A refused change leaves no entry.
  CHECK_THROWS(app::set_promise_status(f.services, f.anna, b.promise, PromiseStatus::evaluated));
  CHECK(f.audit().size() == entries.size());
}

TEST_CASE("bad input is refused naming its field", "[promise]") {
  PromiseFixture f;
  auto b = f.build();
  auto h = f.header();
  auto with = [&](auto change) {
    auto copy = f.header();
    change(copy);
    return promise_field_of([&] { app::create_promise(f.services, f.anna, copy); });
  };
  CHECK(with([](auto& x) { x.titles = {{"en", "Only English"}}; }) == "title");
  CHECK(with([](auto& x) { x.titles = {{"sv", "   "}}; }) == "title");
  CHECK(with([](auto& x) { x.titles["de"] = "Deutsch"; }) == "title.de");
  CHECK(with([](auto& x) { x.kommun = "Haninge"; }) == "kommun");
  CHECK(with([](auto& x) { x.kommun = ""; }) == "kommun");
  CHECK(with([](auto& x) { x.first_year = 1990; }) == "first_year");
  CHECK(with([](auto& x) { x.last_year = 2025; }) == "last_year");
  CHECK(with([](auto& x) { x.parties = {9999}; }) == "parties");
  CHECK(with([&](auto& x) { x.parties = {f.sbf, f.sbf}; }) == "parties");
  // A party of another kommun is unknown here.
  const int64_t other = app::add_promise_party(f.services, f.anna, "botkyrka", "SBF", "kommun",
                                               {{"sv", "Botkyrkas SBF"}});
  CHECK(with([&](auto& x) { x.parties = {other}; }) == "parties");

  auto activity = [&](auto change) {
    auto a = f.inventories();
    change(a);
    return promise_field_of([&] { app::add_activity(f.services, f.anna, b.focus_area, a); });
  };
  CHECK(activity([](auto& a) { a.texts.clear(); }) == "text");
  CHECK(activity([](auto& a) { a.parties.clear(); }) == "parties");
  CHECK(activity([](auto& a) { a.parties = {4242}; }) == "parties");
  CHECK(activity([&](auto& a) { a.parties = {other}; }) == "parties");
  CHECK(activity([](auto& a) { a.target->count = 0; }) == "target.count");
  CHECK(activity([](auto& a) { a.target->count = -2; }) == "target.count");
  CHECK(activity([](auto& a) { a.indicator.indicator_id.clear(); }) == "indicator.id");
  CHECK(activity([](auto& a) {
          a.indicator.kind = app::Indicator::Kind::text;
          a.indicator.indicator_id.clear();
          a.indicator.area.clear();
        }) == "indicator.text");
  CHECK(activity([](auto& a) { a.frequency["xx"] = "?"; }) == "frequency.xx");
  CHECK(promise_field_of([&] { app::add_focus_area(f.services, f.anna, b.promise, {}); }) ==
        "title");
  CHECK(promise_field_of([&] {
          app::add_focus_area(f.services, f.anna, b.promise, {{"sv", "x"}},
                              {{"trygghet-2026", std::nullopt, "lighting", "not json"}});
        }) == "sources.figures");
  CHECK_THROWS_AS(app::add_activity(f.services, f.anna, 9999, f.inventories()), NotFound);

  CHECK(promise_field_of([&] {
          app::add_promise_party(f.services, f.anna, "haninge", "KSF", "county", {{"sv", "x"}});
        }) == "kind");
  CHECK(promise_field_of([&] {
          app::add_promise_party(f.services, f.anna, "haninge", "", "kommun", {{"sv", "x"}});
        }) == "code");
  CHECK(promise_field_of([&] {
          app::add_promise_party(f.services, f.anna, "haninge", "KSF", "kommun", {});
        }) == "names");
  CHECK_THROWS_AS(
      app::add_promise_party(f.services, f.anna, "haninge", "SBF", "kommun", {{"sv", "igen"}}),
      Conflict);
  app::update_promise_party(f.services, f.anna, f.sbf, "kommun",
                            {{"sv", "SBF"}, {"en", "Urban planning"}});
  CHECK(app::promise_parties(f.services, "haninge").at(0).names.at("en") == "Urban planning");

  app::set_promise_status(f.services, f.anna, b.promise, PromiseStatus::adopted);
  auto follow_up = [&](auto change) {
    app::FollowUpInput u;
    u.date = "2026-03-01";
    change(u);
    return promise_field_of([&] { app::record_follow_up(f.services, f.anna, b.dialogues, u); });
  };
  CHECK(follow_up([](auto& u) { u.date = "2026-02-30"; }) == "date");
  CHECK(follow_up([](auto& u) { u.date = "1 mars"; }) == "date");
  CHECK(follow_up([](auto& u) { u.done_count = -1; }) == "done_count");
  CHECK(follow_up([](auto& u) { u.public_texts = {{"zz", "x"}}; }) == "public_text.zz");
  CHECK(follow_up([](auto& u) { u.internal_note = std::string("\xff"); }) == "internal_note");
  (void)h;
}

TEST_CASE("the promise's migration applies to a fresh and to an existing database", "[promise]") {
  test::TempDir dir;
  const std::string path = dir.file("m.db");
  {
    auto db = storage::open_database(path);  // fresh: every migration
    CHECK(storage::list_promises(db, "").empty());
    // Make it an existing database of version 5 with a survey in it.
    db.exec(
        "DROP TABLE dialogue_session_activities; "  // migration 10's, which names both
        "DROP TABLE promise_quotes; DROP TABLE promise_evaluations; DROP TABLE promise_follow_ups; "
        "DROP TABLE promise_activity_parties; "
        "DROP TABLE promise_activities; DROP TABLE promise_focus_sources; "
        "DROP TABLE promise_focus_areas; DROP TABLE promise_signatories; DROP TABLE promises; "
        "DROP TABLE promise_parties; "
        // and migration 8's, which came after
        "DROP TABLE dialogue_ballots; DROP TABLE dialogue_votes; DROP TABLE dialogue_notes; "
        "DROP TABLE dialogue_stops; DROP TABLE dialogue_sessions; DROP TABLE sync_tokens; "
        "DROP TABLE sync_sent; DROP TABLE sync_refused; DROP INDEX responses_by_session; "
        // and migration 9's
        "DROP TABLE sync_sent_records; DROP TABLE sync_targets; "
        "PRAGMA user_version = 5;");
    db.exec(
        "INSERT INTO surveys (id, definition, created_at, updated_at) "
        "VALUES ('old-survey', '{}', 1, 1)");
  }
  auto db = storage::open_connection(path);
  CHECK(storage::migrate(db) == storage::current_schema_version() - 5);
  CHECK(storage::migrate(db) == 0);
  storage::Statement s(db, "SELECT count(*) FROM surveys WHERE id = 'old-survey'");
  s.step();
  CHECK(s.integer(0) == 1);
  const int64_t party = storage::insert_promise_party(
      db, {0, "haninge", "SBF", "kommun", R"({"sv":"SBF"})", 1, "test"});
  storage::PromiseRow row;
  row.kommun = "haninge";
  row.first_year = row.last_year = 2026;
  row.titles = R"({"sv":"Löfte"})";
  row.status = "draft";
  row.created_by = "test";
  const int64_t id = storage::insert_promise(db, row);
  storage::set_promise_signatories(db, id, {party});
  CHECK(storage::promise_signatories(db, id) == std::vector<int64_t>{party});
  // Foreign keys and checks hold.
  CHECK_THROWS_AS(storage::set_promise_signatories(db, id, {party + 100}), StorageError);
  row.status = "signed";
  CHECK_THROWS_AS(storage::insert_promise(db, row), StorageError);
}

TEST_CASE("a draft from the marked priorities has one focus area per mark, with its figures",
          "[promise]") {
  PromiseFixture f;
  for (int i = 1; i <= 6; ++i) {
    f.answer("r" + std::to_string(i), "jordbro",
             i <= 2 ? "Bilar kör fort på vägen varje kväll" : "Skräp i parken",
             i % 2 ? "very_big" : "no_problem");
  }
  CHECK(promise_field_of([&] {
          app::draft_from_marks(f.services, f.anna, "trygghet-2026", f.header());
        }) == "marks");
  app::set_priority_mark(f.services, f.anna, "trygghet-2026", std::string("jordbro"), "traffic",
                         true);
  app::set_priority_mark(f.services, f.anna, "trygghet-2026", std::nullopt, "traffic", true);
  const int64_t id = app::draft_from_marks(f.services, f.anna, "trygghet-2026", f.header());
  const auto p = app::load_promise(f.services, id);
  CHECK(p.status == PromiseStatus::draft);
  REQUIRE(p.focus_areas.size() == 2);
  CHECK(p.focus_areas[0].titles.at("en") == "Traffic");
  CHECK_FALSE(p.focus_areas[0].titles.at("sv").empty());
  REQUIRE(p.focus_areas[1].sources.size() == 1);
  const auto& src = p.focus_areas[1].sources[0];
  CHECK(src.survey == "trygghet-2026");
  CHECK(src.area == std::optional<std::string>("jordbro"));
  CHECK(src.theme == "traffic");
  const auto figures = nlohmann::json::parse(src.figures);
  CHECK(figures["n"] == 6);
  CHECK(figures["priority"]["mentions"] == 2);
  CHECK_FALSE(figures["priority"].contains("quotes"));  // no free text in the promise
  CHECK(src.figures.find("Bilar") == std::string::npos);
  CHECK(f.audit().front().detail == "drafted from marks of trygghet-2026");
  CHECK_THROWS_AS(app::draft_from_marks(f.services, f.anna, "no-such-survey", f.header()),
                  NotFound);
}

TEST_CASE("focus areas and activities keep the order an analyst gives them", "[promise]") {
  PromiseFixture f;
  auto b = f.build();
  const int64_t second = app::add_focus_area(f.services, f.anna, b.promise, {{"sv", "Andra"}});
  app::reorder_focus_areas(f.services, f.anna, b.promise, {second, b.focus_area});
  app::reorder_activities(f.services, f.anna, b.focus_area, {b.dialogues, b.inventories});
  const auto p = app::load_promise(f.services, b.promise);
  REQUIRE(p.focus_areas.size() == 2);
  CHECK(p.focus_areas[0].id == second);
  REQUIRE(p.focus_areas[1].activities.size() == 2);
  CHECK(p.focus_areas[1].activities[0].id == b.dialogues);
  CHECK(promise_field_of(
            [&] { app::reorder_focus_areas(f.services, f.anna, b.promise, {second}); }) == "order");
  CHECK(promise_field_of([&] {
          app::reorder_activities(f.services, f.anna, b.focus_area, {b.dialogues, b.dialogues});
        }) == "order");
  // The stored activity itself is unchanged by its move.
  CHECK(p.focus_areas[1].activities[1].input.target->count == 2);
}

TEST_CASE("a follow-up's public text is published later, or taken back", "[promise]") {
  PromiseFixture f;
  auto b = f.build();
  app::set_promise_status(f.services, f.anna, b.promise, PromiseStatus::adopted);
  app::FollowUpInput u;
  u.date = "2026-02-01";
  u.public_texts = {{"sv", "En inventering gjord"}};
  const int64_t id = app::record_follow_up(f.services, f.anna, b.inventories, u);
  CHECK_FALSE(app::load_promise(f.services, b.promise)
                  .focus_areas[0]
                  .activities[0]
                  .follow_ups[0]
                  .published);
  CHECK(app::set_follow_up_published(f.services, f.anna, id, true));
  CHECK_FALSE(app::set_follow_up_published(f.services, f.anna, id, true));
  CHECK(app::load_promise(f.services, b.promise)
            .focus_areas[0]
            .activities[0]
            .follow_ups[0]
            .published);
  CHECK(f.audit().front().detail == "follow_up " + std::to_string(id) + " published");
  CHECK_THROWS_AS(app::set_follow_up_published(f.services, f.anna, 9999, true), NotFound);
  app::set_promise_status(f.services, f.anna, b.promise, PromiseStatus::published);
  f.store_evaluations(b.promise);
  app::set_promise_status(f.services, f.anna, b.promise, PromiseStatus::evaluated);
  CHECK_THROWS_AS(app::set_follow_up_published(f.services, f.anna, id, false), Conflict);
}

namespace {

app::SessionInput held_session_input(const std::string& place, const std::string& held_on) {
  app::SessionInput in;
  in.survey = "trygghet-2026";
  in.area = "jordbro";
  in.place = place;
  in.held_on = held_on;
  in.format = "meeting";
  in.languages = {"sv"};
  in.facilitator = "Kommunpolis Haninge";
  return in;
}

std::vector<app::FollowUp> dialogue_follow_ups(PromiseFixture& f, int64_t promise) {
  return app::load_promise(f.services, promise).focus_areas[0].activities[1].follow_ups;
}

}  // namespace

TEST_CASE("a closed dialogue session counts once toward the promise activity it names",
          "[promise][dialogue]") {
  PromiseFixture f;
  const auto b = f.build();
  const auto u = app::add_user(f.services, app::Actor{"test"}, "fatima", app::Role::facilitator,
                               "a long passphrase 42");
  const auto fatima = app::Access::signed_in({u.id, "fatima", app::Role::facilitator});
  const auto first =
      app::create_session(f.services, fatima, held_session_input("Jordbro bibliotek", "2026-03-12"))
          .id();
  // A draft's activity is not counted toward: adopted or published only.
  CHECK(promise_field_of([&] {
          app::set_session_activity(f.services, fatima, first, b.dialogues);
        }) == "activity");
  CHECK(app::dialogue_activities(f.services, "sv").empty());
  app::set_promise_status(f.services, f.anna, b.promise, PromiseStatus::adopted);
  const auto choices = app::dialogue_activities(f.services, "sv");
  REQUIRE(choices.size() == 2);
  CHECK(choices[1].activity == b.dialogues);
  CHECK(choices[1].label == "Trygghetsdialoger");
  CHECK(choices[1].promise_title == "Medborgarlöfte 2026");
  CHECK(promise_field_of([&] { app::set_session_activity(f.services, fatima, first, 9999); }) ==
        "activity");
  const auto other = app::add_user(f.services, app::Actor{"test"}, "olle", app::Role::facilitator,
                                   "a long passphrase 42");
  CHECK_THROWS_AS(
      app::set_session_activity(f.services,
                                app::Access::signed_in({other.id, "olle", app::Role::facilitator}),
                                first, b.dialogues),
      NotFound);  // another's session

  app::set_session_activity(f.services, fatima, first, b.dialogues);
  CHECK(dialogue_follow_ups(f, b.promise).empty());  // counted when it closes
  REQUIRE(app::activity_of_session(f.services, first, "sv"));
  CHECK_FALSE(app::activity_of_session(f.services, first, "sv")->follow_up);
  app::set_session_status(f.services, fatima, first, "paused");
  CHECK(dialogue_follow_ups(f, b.promise).empty());
  app::set_session_status(f.services, fatima, first, "closed");
  auto ups = dialogue_follow_ups(f, b.promise);
  REQUIRE(ups.size() == 1);
  CHECK(ups[0].date == "2026-03-12");
  CHECK(ups[0].done_count == 1);
  CHECK(ups[0].status == app::FollowUpStatus::on_track);
  CHECK_FALSE(ups[0].published);  // an analyst publishes it
  CHECK(ups[0].public_texts.at("sv") == "Trygghetsdialog: Jordbro bibliotek");
  CHECK_THAT(ups[0].internal_note, Catch::Contains(first));
  CHECK(ups[0].recorded_by == "fatima");
  CHECK(app::activity_of_session(f.services, first, "sv")->follow_up == ups[0].id);

  // The same closed line again by sync, and the link saved again: still one.
  auto line = storage::find_dialogue_session(*f.services.readers().acquire(), first)->line;
  app::receive_sync_lines(f.services, "laptop-1", interchange::session_to_jsonl(line) + "\n");
  app::set_session_activity(f.services, fatima, first, b.dialogues);
  CHECK(dialogue_follow_ups(f, b.promise).size() == 1);

  // A session closed on a laptop, linked here afterwards: counted at the link.
  const auto second =
      app::create_session(f.services, fatima, held_session_input("Handens centrum", "2026-05-20"))
          .id();
  auto closed = storage::find_dialogue_session(*f.services.readers().acquire(), second)->line;
  closed.status = "closed";
  const auto r =
      app::receive_sync_lines(f.services, "laptop-1", interchange::session_to_jsonl(closed) + "\n");
  CHECK(r.sessions.updated == 1);
  CHECK(dialogue_follow_ups(f, b.promise).size() == 1);  // not linked yet
  app::set_session_activity(f.services, fatima, second, b.dialogues);
  ups = dialogue_follow_ups(f, b.promise);
  REQUIRE(ups.size() == 2);
  CHECK(ups[1].date == "2026-05-20");

  // A linked open session that a sync closes: counted by the sync.
  const auto third =
      app::create_session(f.services, fatima, held_session_input("Jordbro torg", "2026-09-02"))
          .id();
  app::set_session_activity(f.services, fatima, third, b.dialogues);
  closed = storage::find_dialogue_session(*f.services.readers().acquire(), third)->line;
  closed.status = "closed";
  app::receive_sync_lines(f.services, "laptop-2", interchange::session_to_jsonl(closed) + "\n");
  ups = dialogue_follow_ups(f, b.promise);
  REQUIRE(ups.size() == 3);
  CHECK(ups[2].recorded_by == "sync:laptop-2");

  // They count in the progress: 3 done of the 4 planned for the year.
  const auto progress = app::promise_progress(app::load_promise(f.services, b.promise),
                                              app::parse_reporting_period("2026"));
  REQUIRE(progress.size() == 2);
  CHECK(progress[1].activity == b.dialogues);
  CHECK(progress[1].done == 3);
  CHECK(progress[1].planned == 4);
  int recorded = 0;
  for (const auto& e : app::list_audit(f.services, 100, 0).entries)
    recorded += e.action == "follow_up_recorded";
  CHECK(recorded == 3);
  // Unlinked, the session's follow-up stays with the activity it counted for.
  app::set_session_activity(f.services, fatima, first, std::nullopt);
  CHECK_FALSE(app::activity_of_session(f.services, first, "sv"));
  CHECK(dialogue_follow_ups(f, b.promise).size() == 3);
}
