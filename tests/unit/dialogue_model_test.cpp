// Unit tests of facilitator mode's model: the contract's session and vote
// lines (interchange.md section 6) and their merge rules, and the
// application's sessions, notes, votes and ballots (app/dialogues.hpp).
#include <catch2/catch.hpp>

#include "../support/app_survey.hpp"
#include "app/accounts.hpp"
#include "app/dialogues.hpp"
#include "app/sync_laptop.hpp"
#include "collector/interchange/dialogue_lines.hpp"
#include "collector/storage/dialogue_store.hpp"
#include "collector/storage/response_store.hpp"
#include "util/errors.hpp"

using namespace lyssna;
using nlohmann::json;

namespace {

json dm_session_json() {
  return json::parse(R"({"kind": "session", "id": "s-2026-03-12-jordbro-bibliotek",
    "survey": "trygghet-2026", "area": "jordbro", "place": "Jordbro bibliotek",
    "held_on": "2026-03-12", "format": "meeting", "languages": ["sv", "ar"],
    "facilitator": "Kommunpolis Haninge", "status": "open"})");
}

json dm_vote_json() {
  return json::parse(
      R"({"kind": "vote", "id": "v-7d1e0c", "session": "s-2026-03-12-jordbro-bibliotek",
    "candidates": ["lighting_environment", "drugs_alcohol", "custom:skate-park"],
    "labels": {"custom:skate-park": {"sv": "Skatepark"}},
    "dots_per_ballot": 3,
    "ballots": [{"id": "b-91f2", "dots": {"lighting_environment": 2, "custom:skate-park": 1}}]})");
}

// The field a line's BadInput names.
template <typename F>
std::string dm_refused_field(F&& read) {
  try {
    read();
  } catch (const BadInput& e) {
    return e.field();
  }
  return "(accepted)";
}

// A member of staff with an account (sessions name their owner's user id).
app::Access dm_staff(app::Services& services, const std::string& name, app::Role role) {
  const auto u = app::add_user(services, app::Actor{"test"}, name, role, "a long passphrase 42");
  return app::Access::signed_in({u.id, name, role});
}

app::SessionInput dm_input() {
  app::SessionInput in;
  in.survey = "trygghet-2026";
  in.area = "jordbro";
  in.place = "Jordbro bibliotek";
  in.held_on = "2026-03-12";
  in.format = "meeting";
  in.languages = {"sv", "ar"};
  in.facilitator = "Kommunpolis Haninge";
  return in;
}

}  // namespace

TEST_CASE("session and vote lines read and write as the contract has them", "[dialogue]") {
  using namespace interchange;
  CHECK(line_kind(json::parse(R"({"id": "x"})")) == LineKind::record);
  CHECK(line_kind(dm_session_json()) == LineKind::session);
  CHECK(line_kind(dm_vote_json()) == LineKind::vote);
  CHECK(dm_refused_field([] { line_kind(json::parse(R"({"kind": "note"})")); }) == "kind");

  const SessionLine s = session_from_json(dm_session_json());
  CHECK(s.languages == std::vector<std::string>{"sv", "ar"});
  CHECK(session_from_json(json::parse(session_to_jsonl(s))) == s);
  const VoteLine v = vote_from_json(dm_vote_json());
  CHECK(v.ballots.size() == 1);
  CHECK(json::parse(vote_to_jsonl(v)) == dm_vote_json());

  auto session_with = [](const char* field, json value) {
    json j = dm_session_json();
    j[field] = std::move(value);
    return dm_refused_field([&] { session_from_json(j); });
  };
  CHECK(session_with("held_on", "12 March") == "held_on");
  CHECK(session_with("format", "party") == "format");
  CHECK(session_with("status", "done") == "status");
  CHECK(session_with("languages", json::array()) == "languages");
  CHECK(session_with("languages", {"sv", "sv"}) == "languages");
  CHECK(session_with("place", "") == "place");
  CHECK(session_with("id", "=cmd") == "id");
  CHECK(session_with("colour", "red") == "colour");
  CHECK(session_with("area", nullptr) == "(accepted)");

  auto vote_with = [](const char* field, json value) {
    json j = dm_vote_json();
    j[field] = std::move(value);
    return dm_refused_field([&] { vote_from_json(j); });
  };
  CHECK(vote_with("dots_per_ballot", 0) == "dots_per_ballot");
  CHECK(vote_with("candidates", {"drugs_alcohol", "drugs_alcohol"}) == "candidates");
  CHECK(vote_with("labels", json::object()) == "labels");  // custom:skate-park needs one
  CHECK(vote_with("ballots", json::parse(R"([{"id": "b1", "dots": {"drugs_alcohol": 4}}])")) ==
        "ballots[0].dots");
  CHECK(vote_with("ballots", json::parse(R"([{"id": "b1", "dots": {"traffic": 1}}])")) ==
        "ballots[0].dots");
  CHECK(vote_with("ballots", json::parse(R"([{"id": "b1", "dots": {"drugs_alcohol": 2,
                    "lighting_environment": 2}}])")) == "ballots[0].dots");
  CHECK(vote_with("ballots",
                  json::parse(R"([{"id": "b1", "dots": {}}, {"id": "b1", "dots": {}}])")) ==
        "ballots[1].id");
}

TEST_CASE("sessions merge as the contract says: status only forward, nothing else changes",
          "[dialogue]") {
  test::AppSurvey fx("dm-merge.db");
  using storage::Merge;
  auto merge = [&](const json& j) {
    Merge m;
    fx.services.writer().execute([&](storage::Database& db) {
      m = storage::merge_session(db, interchange::session_from_json(j), 100);
    });
    return m;
  };
  json s = dm_session_json();
  CHECK(merge(s).kind == Merge::Kind::stored);
  CHECK(merge(s).kind == Merge::Kind::duplicate);
  s["status"] = "closed";
  CHECK(merge(s).kind == Merge::Kind::updated);
  s["status"] = "paused";  // another laptop that had not closed it yet
  CHECK(merge(s).kind == Merge::Kind::duplicate);
  s["place"] = "Jordbro skola";
  auto refused = merge(s);
  CHECK(refused.kind == Merge::Kind::refused);
  CHECK(refused.field == "place");
  auto db = fx.services.readers().acquire();
  auto stored = storage::find_dialogue_session(*db, "s-2026-03-12-jordbro-bibliotek");
  REQUIRE(stored);
  CHECK(stored->line.status == "closed");
  CHECK(stored->line.place == "Jordbro bibliotek");
}

TEST_CASE("votes merge as the union of ballots, and a ballot seen with other dots is refused",
          "[dialogue]") {
  test::AppSurvey fx("dm-votes.db");
  using storage::Merge;
  auto merge = [&](const json& j) {
    Merge m;
    fx.services.writer().execute([&](storage::Database& db) {
      m = storage::merge_vote(db, interchange::vote_from_json(j), 100);
    });
    return m;
  };
  json v = dm_vote_json();
  auto orphan = merge(v);
  CHECK(orphan.kind == Merge::Kind::refused);
  CHECK(orphan.field == "session");
  fx.services.writer().execute([&](storage::Database& db) {
    storage::merge_session(db, interchange::session_from_json(dm_session_json()), 100);
  });
  CHECK(merge(v).kind == Merge::Kind::stored);
  CHECK(merge(v).kind == Merge::Kind::duplicate);
  // Another laptop's ballots for the same vote, one of them already here.
  v["ballots"].push_back(json::parse(R"({"id": "b-2", "dots": {"drugs_alcohol": 3}})"));
  auto more = merge(v);
  CHECK(more.kind == Merge::Kind::updated);
  CHECK(more.ballots_added == 1);
  v["ballots"][0]["dots"] = json::parse(R"({"drugs_alcohol": 1})");
  v["ballots"].push_back(json::parse(R"({"id": "b-3", "dots": {"drugs_alcohol": 1}})"));
  auto clash = merge(v);
  REQUIRE(clash.ballot_refusals.size() == 1);
  CHECK(clash.ballot_refusals[0].first == "ballots[0]");
  CHECK(clash.ballots_added == 1);  // b-3 is still taken
  json changed = dm_vote_json();
  changed["dots_per_ballot"] = 5;
  CHECK(merge(changed).field == "dots_per_ballot");
  const auto vote = app::vote_of(fx.services, "v-7d1e0c");
  CHECK(vote.ballots == 3);
  CHECK(vote.tally[0].candidate == "lighting_environment");
  CHECK(vote.tally[0].dots == 2);
  CHECK(vote.tally[1].dots == 4);  // drugs_alcohol: b-2's 3 and b-3's 1
}

TEST_CASE("a facilitator sees and runs only their own sessions", "[dialogue]") {
  test::AppSurvey fx("dm-owner.db");
  const auto anna = dm_staff(fx.services, "anna", app::Role::facilitator);
  const auto bo = dm_staff(fx.services, "bo", app::Role::facilitator);
  const auto admin = dm_staff(fx.services, "admin", app::Role::admin);
  const auto s = app::create_session(fx.services, anna, dm_input());
  CHECK(s.id().rfind("s-2026-03-12-jordbro-bibliotek-", 0) == 0);
  CHECK(s.line.status == "open");
  REQUIRE(s.join_code);
  CHECK(s.join_code->size() == 6);
  CHECK(app::session_by_join_code(fx.services, *s.join_code).id() == s.id());
  CHECK(app::list_sessions(fx.services, anna).size() == 1);
  CHECK(app::list_sessions(fx.services, bo).empty());
  CHECK(app::list_sessions(fx.services, admin).size() == 1);
  CHECK_THROWS_AS(app::session_of(fx.services, bo, s.id()), NotFound);
  CHECK_THROWS_AS(app::set_session_status(fx.services, bo, s.id(), "closed"), NotFound);
  CHECK_THROWS_AS(app::create_session(fx.services, dm_staff(fx.services, "ana", app::Role::analyst),
                                      dm_input()),
                  Forbidden);
  auto bad = dm_input();
  bad.area = "nowhere";
  CHECK_THROWS_MATCHES(
      app::create_session(fx.services, anna, bad), Invalid,
      Catch::Matchers::Predicate<Invalid>([](const Invalid& e) { return e.field() == "area"; }));
  bad = dm_input();
  bad.languages = {"de"};
  CHECK_THROWS_AS(app::create_session(fx.services, anna, bad), Invalid);
  // Two sessions at one place on one day still get ids of their own.
  CHECK(app::create_session(fx.services, anna, dm_input()).id() != s.id());

  CHECK(app::set_session_status(fx.services, anna, s.id(), "paused").line.status == "paused");
  CHECK(app::set_session_status(fx.services, anna, s.id(), "open").line.status == "open");
  const auto closed = app::set_session_status(fx.services, anna, s.id(), "closed");
  CHECK_FALSE(closed.join_code);
  CHECK_THROWS_AS(app::set_session_status(fx.services, anna, s.id(), "open"), Invalid);
  const auto audit = fx.audit();
  CHECK(std::count_if(audit.begin(), audit.end(), [](const app::AuditEntry& e) {
          return e.action == "dialogue_changed";
        }) == 5);  // two created, paused, opened, closed
}

TEST_CASE("records, notes and ballots collected in a session carry it", "[dialogue]") {
  test::AppSurvey fx("dm-collect.db");
  const auto anna = dm_staff(fx.services, "anna", app::Role::facilitator);
  const auto s = app::create_session(fx.services, anna, dm_input());

  interchange::Record r;
  r.id = "kiosk-answer-1";
  r.lang = "ar";
  r.answers = {{"area", "jordbro"}, {"safe_night", "fairly_unsafe"}};
  CHECK(app::submit_in_session(fx.services, s.id(), "kiosk", r).outcome == Outcome::created);
  CHECK(app::submit_in_session(fx.services, s.id(), "kiosk", r).outcome == Outcome::duplicate);
  r.answers["safe_night"] = "maybe";
  r.id = "kiosk-answer-2";
  CHECK_THROWS_AS(app::submit_in_session(fx.services, s.id(), "kiosk", r), Invalid);

  app::NoteInput note;
  note.id = "note-1";
  note.text = "  Mörkt i gångtunneln vid stationen  ";
  note.lang = "sv";
  note.stop = "Gångtunneln";
  note.age_group = "65+";
  CHECK(app::take_note(fx.services, anna, s.id(), note).outcome == Outcome::created);
  CHECK_THROWS_AS(app::take_note(fx.services, dm_staff(fx.services, "bo", app::Role::facilitator),
                                 s.id(), note),
                  NotFound);
  {
    auto db = fx.services.readers().acquire();
    auto kiosk = storage::find_response(*db, "trygghet-2026", "kiosk-answer-1");
    REQUIRE(kiosk);
    CHECK(kiosk->channel == "kiosk");
    CHECK(kiosk->session == s.id());
    auto stored = storage::find_response(*db, "trygghet-2026", "note-1");
    REQUIRE(stored);
    CHECK(stored->channel == "dialogue");
    CHECK(stored->answers.at("free_text") == "Mörkt i gångtunneln vid stationen");
    CHECK(stored->answers.at("free_place") == "Gångtunneln");
    CHECK(stored->answers.at("area") == "jordbro");
  }
  CHECK(app::stops_of(fx.services, s.id()).size() == 1);
  const auto counted = app::session_of(fx.services, anna, s.id()).counts;
  CHECK(counted.records == 2);
  CHECK(counted.kiosk == 1);
  CHECK(counted.notes == 1);

  app::VoteInput vi;
  vi.session = s.id();
  vi.candidates = {"lighting_environment", "no_such_theme"};
  CHECK_THROWS_AS(app::create_vote(fx.services, anna, vi), Invalid);
  vi.candidates = {"lighting_environment", "drugs_alcohol", "custom:skate-park"};
  vi.labels["custom:skate-park"]["sv"] = "Skatepark";
  const auto vote = app::create_vote(fx.services, anna, vi);
  interchange::Ballot b{"b-1", {{"lighting_environment", 2}, {"custom:skate-park", 1}}};
  CHECK_THROWS_AS(app::cast_ballot(fx.services, vote.line.id, b), Conflict);  // not open yet
  app::set_vote_open(fx.services, anna, vote.line.id, true);
  CHECK(app::open_vote(fx.services, s.id()));
  CHECK(app::cast_ballot(fx.services, vote.line.id, b) == Outcome::created);
  CHECK(app::cast_ballot(fx.services, vote.line.id, b) == Outcome::duplicate);
  interchange::Ballot other{"b-1", {{"drugs_alcohol", 1}}};
  CHECK_THROWS_AS(app::cast_ballot(fx.services, vote.line.id, other), Conflict);
  interchange::Ballot greedy{"b-2", {{"drugs_alcohol", 4}}};
  CHECK_THROWS_AS(app::cast_ballot(fx.services, vote.line.id, greedy), Invalid);
  const auto tallied = app::vote_of(fx.services, vote.line.id);
  CHECK(tallied.ballots == 1);
  CHECK(app::candidate_label(fx.services, tallied, "trygghet-2026", "custom:skate-park", "ar") ==
        "Skatepark");
  CHECK(app::candidate_label(fx.services, tallied, "trygghet-2026", "drugs_alcohol", "en") !=
        "drugs_alcohol");

  app::set_session_status(fx.services, anna, s.id(), "paused");
  r.id = "kiosk-answer-3";
  r.answers["safe_night"] = "very_safe";
  CHECK_THROWS_AS(app::submit_in_session(fx.services, s.id(), "kiosk", r), Conflict);
  CHECK_THROWS_AS(app::cast_ballot(fx.services, vote.line.id, {"b-3", {{"drugs_alcohol", 1}}}),
                  Conflict);
}

TEST_CASE("the kiosk's PIN is kept as a hash and checked", "[dialogue]") {
  test::AppSurvey fx("dm-kiosk.db");
  const auto anna = dm_staff(fx.services, "anna", app::Role::facilitator);
  const auto s = app::create_session(fx.services, anna, dm_input());
  CHECK_FALSE(app::check_kiosk_pin(fx.services, s.id(), "1234"));  // none set
  CHECK_THROWS_AS(app::set_kiosk(fx.services, anna, s.id(), "12a4", 60), Invalid);
  CHECK_THROWS_AS(app::set_kiosk(fx.services, anna, s.id(), "1234", 5), Invalid);
  app::set_kiosk(fx.services, anna, s.id(), "1234", 60);
  CHECK(app::check_kiosk_pin(fx.services, s.id(), "1234"));
  CHECK_FALSE(app::check_kiosk_pin(fx.services, s.id(), "4321"));
  const auto after = app::session_of(fx.services, anna, s.id());
  CHECK(after.kiosk_pin_set);
  CHECK(after.kiosk_idle_seconds == 60);
  app::set_kiosk(fx.services, anna, s.id(), "", 120);  // keeps the PIN
  CHECK(app::check_kiosk_pin(fx.services, s.id(), "1234"));
  auto db = fx.services.readers().acquire();
  CHECK(storage::find_dialogue_session(*db, s.id())->kiosk_pin_hash->find("1234") ==
        std::string::npos);
}

TEST_CASE("sessions fetched for a laptop become its facilitator's when named", "[dialogue]") {
  test::AppSurvey fx("dm-fetch.db");
  const auto anna = dm_staff(fx.services, "anna", app::Role::facilitator);
  json offer = {{"surveys", json::array()}, {"sessions", json::array({dm_session_json()})}};
  app::store_sync_offer(fx.services, app::Actor{"test"}, offer);
  CHECK(app::list_sessions(fx.services, anna).empty());  // nobody's: the admin's to see
  const auto r = app::store_sync_offer(fx.services, app::Actor{"test"}, offer, anna.staff->user_id);
  CHECK(r.sessions_stored == 0);  // the same session again
  REQUIRE(app::list_sessions(fx.services, anna).size() == 1);
  // Once someone's, a later fetch for another leaves it theirs.
  const auto bo = dm_staff(fx.services, "bo", app::Role::facilitator);
  app::store_sync_offer(fx.services, app::Actor{"test"}, offer, bo.staff->user_id);
  CHECK(app::list_sessions(fx.services, bo).empty());
}

TEST_CASE("wrong join codes are counted per client and then refused for a while", "[dialogue]") {
  test::AppSurvey fx("dm-guess.db");
  const auto anna = dm_staff(fx.services, "anna", app::Role::facilitator);
  const auto s = app::create_session(fx.services, anna, dm_input());
  for (int i = 0; i < 30; ++i)
    CHECK_THROWS_AS(app::session_by_join_code(fx.services, "zz9zz9", "192.0.2.7"), NotFound);
  CHECK_THROWS_AS(app::session_by_join_code(fx.services, *s.join_code, "192.0.2.7"),
                  TooManyAttempts);
  // Another phone in the room still joins.
  CHECK(app::session_by_join_code(fx.services, *s.join_code, "192.0.2.8").id() == s.id());
}
