// Unit tests of the application layer: the rules every answer passes, the
// codes, the writer's jobs, survey settings and manual coding.
#include <catch2/catch.hpp>

#include "../support/temp_dir.hpp"
#include "analysis/analysis_error.hpp"
#include "app/answering_window.hpp"
#include "app/coding.hpp"
#include "app/failure.hpp"
#include "app/margins.hpp"
#include "app/services.hpp"
#include "app/submission.hpp"
#include "app/surveys.hpp"
#include "collector/questionnaire/standard_template.hpp"
#include "collector/storage/analysis_store.hpp"
#include "collector/storage/response_store.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"

using namespace lyssna;

namespace {

questionnaire::Questionnaire standard_survey(bool requires_code = false) {
  questionnaire::TemplateOptions o;
  o.survey_id = "trygghet-2026";
  o.areas = questionnaire::parse_area_list("handen,jordbro");
  o.requires_code = requires_code;
  return questionnaire::build_from_template("trygghet", o);
}

struct Fixture {
  test::TempDir dir;
  app::Services services{{dir.file("a.db"), "script-token-0123456789"}};
  explicit Fixture(bool requires_code = false) {
    app::save_survey(services, app::Actor{"test"}, standard_survey(requires_code), false, "test");
  }

  app::Submission submission(const std::string& id, const std::string& channel = "online") {
    app::Submission s;
    s.record.id = id;
    s.record.survey = "trygghet-2026";
    s.record.lang = "sv";
    s.record.channel = channel;
    if (channel == "dialogue" || channel == "kiosk") s.record.session = "s-1";
    s.record.submitted_at = "2020-01-01T00:00:00Z";
    s.record.submitted_epoch = *clock::parse_rfc3339(s.record.submitted_at);
    s.record.answers = {{"area", "jordbro"}, {"free_text", "Mörkt vid tunneln"}};
    s.client = "192.0.2.1";
    return s;
  }
  std::optional<interchange::Record> stored(const std::string& id) {
    auto db = services.readers().acquire();
    return storage::find_response(*db, "trygghet-2026", id);
  }
};

}  // namespace

TEST_CASE("the answering window: not before it opens, not after it closes but for the grace hour",
          "[app]") {
  auto q = standard_survey();
  q.opens_at = 1000;
  q.closes_at = 5000;
  CHECK_THROWS_AS(app::require_open(q, 999, app::Moment::start), Closed);
  CHECK_NOTHROW(app::require_open(q, 1000, app::Moment::start));
  CHECK_THROWS_AS(app::require_open(q, 5000, app::Moment::start), Closed);
  CHECK_NOTHROW(app::require_open(q, 5000 + app::closing_grace_seconds - 1, app::Moment::submit));
  CHECK_THROWS_AS(app::require_open(q, 5000 + app::closing_grace_seconds, app::Moment::submit),
                  Closed);
  try {
    app::require_open(q, 10, app::Moment::submit);
  } catch (const Closed& e) {
    CHECK(e.why() == Closed::Why::not_open_yet);
    CHECK(e.date() == 1000);
    CHECK(e.outcome() == Outcome::closed);
  }
}

TEST_CASE("in the grace hour the form goes on with answers begun, and no one begins", "[app]") {
  auto q = standard_survey();
  q.closes_at = 5000;
  const int64_t in_grace = 5000 + 60;
  CHECK_THROWS_AS(app::require_open(q, in_grace, app::FormStep::open), Closed);
  CHECK_THROWS_AS(app::require_open(q, in_grace, app::FormStep::enter_code), Closed);
  CHECK_NOTHROW(app::require_open(q, in_grace, app::FormStep::go_on));
  CHECK_NOTHROW(app::require_open(q, in_grace, app::FormStep::submit));
  CHECK_NOTHROW(app::require_open(q, 4999, app::FormStep::enter_code));
  CHECK_THROWS_AS(app::require_open(q, 5000 + app::closing_grace_seconds, app::FormStep::submit),
                  Closed);
}

TEST_CASE("a resident's record: online only, the server's time, retries are duplicates", "[app]") {
  Fixture f;
  const auto resident = app::Access::resident();
  for (const std::string channel : {"paper", "dialogue", "kiosk"}) {
    CHECK_THROWS_AS(
        app::submit_response(f.services, resident, f.submission("x-" + channel, channel)),
        Unauthorized);
  }
  const int64_t before = clock::now_seconds();
  auto done = app::submit_response(f.services, resident, f.submission("r1"));
  CHECK(done.outcome == Outcome::created);
  auto stored = f.stored("r1");
  REQUIRE(stored);
  CHECK(stored->submitted_epoch >= before);
  CHECK(stored->submitted_epoch <= clock::now_seconds());
  CHECK(app::submit_response(f.services, resident, f.submission("r1")).outcome ==
        Outcome::duplicate);
  auto changed = f.submission("r1");
  changed.record.answers["area"] = "handen";
  CHECK_THROWS_AS(app::submit_response(f.services, resident, changed), Conflict);
}

TEST_CASE("a script's record keeps its channel and time", "[app]") {
  Fixture f;
  auto access = f.services.authenticate(std::string_view("script-token-0123456789"));
  CHECK(access.trusted());
  CHECK_THROWS_AS(f.services.authenticate(std::string_view("wrong-token-0123456789")),
                  Unauthorized);
  CHECK(app::submit_response(f.services, access, f.submission("p1", "paper")).outcome ==
        Outcome::created);
  CHECK(f.stored("p1")->submitted_at == "2020-01-01T00:00:00Z");
  CHECK(f.stored("p1")->channel == "paper");
}

TEST_CASE("answers that break the questionnaire are refused with every problem named", "[app]") {
  Fixture f;
  auto s = f.submission("bad");
  s.record.answers["safe_night"] = "so-so";
  s.record.answers["colour"] = "red";
  try {
    app::submit_response(f.services, app::Access::resident(), s);
    FAIL("accepted");
  } catch (const Invalid& e) {
    CHECK(e.outcome() == Outcome::invalid);
    CHECK(e.problems().size() == 2);
  }
  CHECK_FALSE(f.stored("bad"));
}

TEST_CASE("a sampled survey: a code is spent once, wrong ones are counted, right ones always pass",
          "[app][codes]") {
  Fixture f(true);
  auto codes = f.services.invitations().issue(f.services.writer(), "trygghet-2026", 3);
  REQUIRE(codes.size() == 3);
  const auto resident = app::Access::resident();
  auto without = f.submission("c0");
  CHECK_THROWS_AS(app::submit_response(f.services, resident, without), CodeRefused);
  auto with = f.submission("c1");
  with.code = codes[0];
  CHECK(app::submit_response(f.services, resident, with).outcome == Outcome::created);
  CHECK(app::submit_response(f.services, resident, with).outcome == Outcome::duplicate);  // a retry
  auto again = f.submission("c2");
  again.code = codes[0];
  try {
    app::submit_response(f.services, resident, again);
    FAIL("a spent code answered twice");
  } catch (const CodeRefused& e) {
    CHECK(e.why() == CodeRefused::Why::used);
  }
  // Ten wrong codes from one address are answered as wrong; the eleventh must
  // wait, a right one still passes.
  auto db = f.services.readers().acquire();
  for (int i = 0; i < 10; ++i) {
    CHECK_THROWS_AS(f.services.invitations().check(*db, "trygghet-2026", "AAAA-BBBB-CCCC-DDDD",
                                                   "192.0.2.9", "code"),
                    CodeRefused);
  }
  CHECK_THROWS_AS(f.services.invitations().check(*db, "trygghet-2026", "AAAA-BBBB-CCCC-DDDD",
                                                 "192.0.2.9", "code"),
                  TooManyAttempts);
  CHECK(
      f.services.invitations().check(*db, "trygghet-2026", codes[1], "192.0.2.9", "code").size() ==
      16);
  CHECK_THROWS_AS(f.services.invitations().check(*db, "trygghet-2026", "AAAA-BBBB-CCCC-DDDD",
                                                 "192.0.2.10", "code"),
                  CodeRefused);
}

TEST_CASE("a writer job is one transaction: all of it or nothing", "[app][writer]") {
  Fixture f;
  REQUIRE(app::submit_response(f.services, app::Access::resident(), f.submission("r")).outcome ==
          Outcome::created);
  CHECK_THROWS_AS(f.services.writer().execute([](storage::Database& db) {
    storage::add_manual_code(db, "trygghet-2026", {"r", "traffic", true, 0});
    throw Conflict("changed my mind");
  }),
                  Conflict);
  {
    auto db = f.services.readers().acquire();
    CHECK(storage::manual_codes(*db, "trygghet-2026").empty());
  }
  app::code_response(f.services, app::Actor{"tester"}, "trygghet-2026",
                     {"r", {"traffic", "lighting_environment"}, {"police_presence"}});
  auto db = f.services.readers().acquire();
  const auto codes = storage::manual_codes(*db, "trygghet-2026");
  REQUIRE(codes.size() == 3);
  CHECK(codes[0].coded_by == "tester");
  const auto audit = app::list_audit(f.services, 10, 0);
  REQUIRE(audit.total == 2);  // and the fixture's survey, created first
  CHECK(audit.entries[1].action == "survey_changed");
  CHECK(audit.entries[0].action == "response_recoded");
  CHECK(audit.entries[0].actor == "tester");
  CHECK(audit.entries[0].target == "trygghet-2026/r");
  CHECK(audit.entries[0].detail == "+traffic +lighting_environment -police_presence");
}

TEST_CASE("codebook and margin changes raise the survey's analysis revision", "[app]") {
  Fixture f;
  auto revision = [&] {
    auto db = f.services.readers().acquire();
    return storage::analysis_revision(*db, "trygghet-2026");
  };
  CHECK(revision() == 0);
  app::set_codebook(f.services, app::Actor{"tester"}, "trygghet-2026",
                    app::codebook_of(f.services, "trygghet-2026"));
  CHECK(revision() == 1);
  f.services.writer().execute([](storage::Database& db) {
    storage::save_margins(db, "trygghet-2026", {"{}", 1, "tester"});
  });
  CHECK(revision() == 2);
  app::reset_codebook(f.services, app::Actor{"tester"}, "trygghet-2026");
  CHECK(revision() == 3);
  CHECK(app::list_audit(f.services, 10, 0).total == 3);  // the survey, the two codebook changes
}

TEST_CASE("manual coding checks the response and the themes before it writes anything", "[app]") {
  Fixture f;
  REQUIRE(app::submit_response(f.services, app::Access::resident(), f.submission("r")).outcome ==
          Outcome::created);
  CHECK_THROWS_AS(app::code_response(f.services, app::Actor{"tester"}, "trygghet-2026",
                                     {"nope", {"traffic"}, {}}),
                  NotFound);
  CHECK_THROWS_AS(
      app::code_response(f.services, app::Actor{"tester"}, "nope", {"r", {"traffic"}, {}}),
      NotFound);
  CHECK_THROWS_AS(
      app::code_response(f.services, app::Actor{"tester"}, "trygghet-2026", {"r", {}, {}}),
      Invalid);
  try {
    app::code_response(f.services, app::Actor{"tester"}, "trygghet-2026",
                       {"r", {"traffic"}, {"no_such_theme"}});
    FAIL("accepted");
  } catch (const Invalid& e) {
    CHECK(e.field() == "remove");
  }
  auto db = f.services.readers().acquire();
  CHECK(storage::manual_codes(*db, "trygghet-2026").empty());  // nothing of the refused change
}

TEST_CASE("survey settings are checked by the definition rules and seen at once", "[app]") {
  Fixture f;
  app::SurveySettings open_late;
  open_late.opens_at = std::optional<int64_t>(2000000000);
  open_late.closes_at = std::optional<int64_t>(1000000000);
  CHECK_THROWS_AS(app::change_settings(f.services, app::Actor{"test"}, "trygghet-2026", open_late),
                  Invalid);
  app::SurveySettings sampled;
  sampled.requires_code = true;
  CHECK(
      app::change_settings(f.services, app::Actor{"test"}, "trygghet-2026", sampled).requires_code);
  CHECK(
      app::require_survey(f.services, "trygghet-2026")->requires_code);  // the cache saw the change
  CHECK_THROWS_AS(app::change_settings(f.services, app::Actor{"test"}, "nope", sampled), NotFound);
  CHECK_THROWS_AS(
      app::save_survey(f.services, app::Actor{"test"}, standard_survey(), false, "test"), Conflict);
}

TEST_CASE("an unavailable outcome tells a client nothing of the server's files or settings",
          "[app][security]") {
  const auto told = [](auto error) {
    const app::Failure f = app::failure_of(std::make_exception_ptr(error));
    CHECK(f.outcome == Outcome::unavailable);
    CHECK(f.public_message != f.message);  // so the server logs the whole story
    return f.public_message;
  };
  for (const std::string& message :
       {told(Unavailable("the invitation code key '/srv/lyssna/db.codes-key' is missing; set "
                         "LYSSNA_CODE_KEY_FILE")),
        told(analysis::IndexBusy("the text index /srv/lyssna/db.index is being written")),
        told(StorageError("unable to open database file /srv/lyssna/db"))}) {
    CHECK(message.find("/srv") == std::string::npos);
    CHECK(message.find("LYSSNA_") == std::string::npos);
  }
}

TEST_CASE("an unknown survey is the same NotFound wherever it is asked for", "[app]") {
  Fixture f;
  auto message_of = [](auto&& call) {
    try {
      call();
    } catch (const NotFound& e) {
      CHECK(e.field() == "survey");
      return std::string(e.what());
    }
    FAIL("no NotFound");
    return std::string();
  };
  auto s = f.submission("r");
  s.record.survey = "nope";
  const std::string expected = message_of([&] { app::require_survey(f.services, "nope"); });
  CHECK(message_of([&] { app::submit_response(f.services, app::Access::resident(), s); }) ==
        expected);
  CHECK(message_of([&] { app::record_from_body(f.services, "{}", "nope"); }) == expected);
  CHECK(message_of([&] { app::change_settings(f.services, app::Actor{"test"}, "nope", {}); }) ==
        expected);
}

TEST_CASE("free text from the API is stored as the form stores it", "[app]") {
  Fixture f;
  auto s = f.submission("crlf");
  s.record.answers["free_text"] = "Mörkt vid tunneln\r\noch\x07 kallt\r";
  REQUIRE(app::submit_response(f.services, app::Access::resident(), s).outcome == Outcome::created);
  auto stored = f.stored("crlf");
  REQUIRE(stored);
  CHECK(stored->answers.at("free_text") == "Mörkt vid tunneln\noch kallt\n");
}

TEST_CASE("a survey's margins are checked against it before they are stored", "[app]") {
  Fixture f;
  const app::Actor anna{"anna"};
  CHECK_FALSE(app::survey_margins(f.services, "trygghet-2026"));
  auto refused = [&](const std::string& text, const std::string& says) {
    try {
      app::set_survey_margins(f.services, anna, "trygghet-2026", text, "m.json");
      FAIL("accepted " << text);
    } catch (const BadInput& e) {  // Invalid, or malformed JSON
      CHECK(e.field() == "margins");
      CHECK_THAT(e.what(), Catch::Contains(says));
    }
  };
  refused("{\"margins\":\n {\"gender\": {\"woman\": 10,}}}", "line 2");
  refused(R"({"survey": "other", "margins": {"gender": {"woman": 10}}})", "for survey \"other\"");
  refused(R"({"margins": {"shoe_size": {"42": 10}}})", "'shoe_size'");
  refused(R"({"margins": {"gender": {"womn": 10}}})", "'womn' is not an option");
  refused(R"({"margins": {"gender": {"woman": -1}}})", "gender");
  refused(R"({"margins": {}})", "margins");
  CHECK_FALSE(app::survey_margins(f.services, "trygghet-2026"));  // nothing kept of them

  app::set_survey_margins(
      f.services, anna, "trygghet-2026",
      R"({"survey": "trygghet-2026", "margins": {"gender": {"woman": 60, "man": 40}}})", "m.json");
  const auto stored = app::survey_margins(f.services, "trygghet-2026");
  REQUIRE(stored);
  CHECK(stored->updated_by == "anna");
  REQUIRE(stored->margins.size() == 1);
  CHECK(stored->margins[0].counts.at("woman") == 60);
  CHECK(app::weighting_margins(f.services, "trygghet-2026").size() == 1);
  app::clear_survey_margins(f.services, anna, "trygghet-2026");
  CHECK(app::weighting_margins(f.services, "trygghet-2026").empty());
  const auto audit = app::list_audit(f.services, 10, 0);
  REQUIRE(audit.total == 3);  // after the fixture's survey
  CHECK(audit.entries[1].detail == "margins=gender");
  CHECK(audit.entries[0].detail == "margins cleared");
}

TEST_CASE("a margins file without the \"margins\" key is stored as the contract's form", "[app]") {
  Fixture f;
  // parse_margins reads the tables alone too (as `--weights` does); what is
  // stored is always {"survey": ..., "margins": {...}}.
  app::set_survey_margins(f.services, app::Actor{"anna"}, "trygghet-2026",
                          R"({"gender": {"woman": 60, "man": 40}})", "m.json");
  const auto stored = app::survey_margins(f.services, "trygghet-2026");
  REQUIRE(stored);
  REQUIRE(stored->margins.size() == 1);
  CHECK(stored->margins[0].variable == "gender");
  CHECK(stored->margins[0].counts.at("man") == 40);
  auto db = f.services.readers().acquire();
  const auto row = storage::load_margins(*db, "trygghet-2026");
  REQUIRE(row);
  CHECK(nlohmann::json::parse(row->definition) ==
        nlohmann::json::parse(
            R"({"survey": "trygghet-2026", "margins": {"gender": {"woman": 60, "man": 40}}})"));
}
