// Unit tests of the dialogue lines' import (interchange.md section 6: the
// same line twice, status only forward, other fields refused by name,
// ballots' union and conflicts), the session export read back elsewhere,
// sync tokens, and the central server's intake of a batch.
#include <catch2/catch.hpp>

#include <sstream>

#include "../support/app_survey.hpp"
#include "../support/temp_dir.hpp"
#include "app/sync_central.hpp"
#include "app/sync_laptop.hpp"
#include "app/sync_tokens.hpp"
#include "app/transfer.hpp"
#include "collector/interchange/exporter.hpp"
#include "collector/interchange/importer.hpp"
#include "collector/questionnaire/standard_template.hpp"
#include "collector/storage/dialogue_store.hpp"
#include "collector/storage/schema.hpp"
#include "collector/storage/survey_store.hpp"
#include "collector/storage/sync_store.hpp"
#include "util/digest.hpp"
#include "util/errors.hpp"

using namespace lyssna;
using namespace lyssna::interchange;

namespace {

struct SyncLinesDb {
  test::TempDir dir;
  storage::Database db;
  std::vector<std::string> problems;

  explicit SyncLinesDb(const std::string& name = "a.db")
      : db(storage::open_database(dir.file(name))) {
    questionnaire::TemplateOptions o;
    o.survey_id = "trygghet-2026";
    o.areas = questionnaire::parse_area_list("handen,jordbro");
    storage::save_survey(db, questionnaire::build_from_template("trygghet", o), false);
  }
  ImportReport import(const std::string& text) {
    problems.clear();
    std::istringstream in(text);
    ImportOptions options;
    options.batch_size = 2;
    return import_records(db, in, options, [&](const std::string& p) { problems.push_back(p); });
  }
};

std::string sync_session_line(const std::string& status = "open",
                              const std::string& place = "Jordbro bibliotek") {
  return R"({"kind":"session","id":"s-jordbro-1","survey":"trygghet-2026","area":"jordbro","place":")" +
         place +
         R"(","held_on":"2026-03-12","format":"meeting","languages":["sv","ar"],"facilitator":"Kommunpolis Haninge","status":")" +
         status + R"("})";
}

std::string sync_vote_line(const std::string& ballots) {
  return R"({"kind":"vote","id":"v-1","session":"s-jordbro-1","candidates":["lighting_environment","drugs_alcohol"],"dots_per_ballot":3,"ballots":[)" +
         ballots + "]}";
}

std::string sync_record_line(const std::string& id, const std::string& channel = "kiosk") {
  return R"({"id":")" + id + R"(","survey":"trygghet-2026","lang":"sv","channel":")" + channel +
         R"(","session":"s-jordbro-1","submitted_at":"2026-03-12T18:00:00Z","answers":{"area":"jordbro"}})";
}

const std::string sync_b1 = R"({"id":"b-1","dots":{"lighting_environment":2}})";
const std::string sync_b2 = R"({"id":"b-2","dots":{"drugs_alcohol":1,"lighting_environment":1}})";
const std::string sync_b1_other = R"({"id":"b-1","dots":{"drugs_alcohol":3}})";

}  // namespace

TEST_CASE("import takes session and vote lines beside records, in line order", "[sync][import]") {
  SyncLinesDb f;
  auto r = f.import(sync_session_line() + "\n" + sync_record_line("k1") + "\n" +
                    sync_record_line("d1", "dialogue") + "\n" + sync_vote_line(sync_b1) + "\n");
  CHECK(f.problems.empty());
  CHECK(r.taken == 2);
  CHECK(r.sessions.taken == 1);
  CHECK(r.votes.taken == 1);
  CHECK_FALSE(r.any_refused());
  auto counts = storage::session_counts(f.db, "s-jordbro-1");
  CHECK(counts.records == 2);
  CHECK(counts.kiosk == 1);
  CHECK(counts.ballots == 1);

  SECTION("the same lines twice are a no-op") {
    auto again = f.import(sync_session_line() + "\n" + sync_record_line("k1") + "\n" +
                          sync_vote_line(sync_b1) + "\n");
    CHECK(again.taken == 0);
    CHECK(again.duplicates == 1);
    CHECK(again.sessions.duplicates == 1);
    CHECK(again.votes.duplicates == 1);
    CHECK_FALSE(again.any_refused());
    CHECK(storage::session_counts(f.db, "s-jordbro-1").ballots == 1);
  }
  SECTION("a session's status moves only forward") {
    auto closed = f.import(sync_session_line("closed") + "\n");
    CHECK(closed.sessions.updated == 1);
    CHECK(storage::find_dialogue_session(f.db, "s-jordbro-1")->line.status == "closed");
    auto back = f.import(sync_session_line("paused") + "\n");
    CHECK(back.sessions.duplicates == 1);
    CHECK_FALSE(back.any_refused());
    CHECK(storage::find_dialogue_session(f.db, "s-jordbro-1")->line.status == "closed");
  }
  SECTION("any other field of a session changed is refused, naming it") {
    auto moved = f.import("\n" + sync_session_line("open", "Handens bibliotek") + "\n");
    CHECK(moved.sessions.refused == 1);
    REQUIRE(f.problems.size() == 1);
    CHECK_THAT(f.problems[0], Catch::StartsWith("line 2, field 'place'"));
    CHECK(storage::find_dialogue_session(f.db, "s-jordbro-1")->line.place == "Jordbro bibliotek");
  }
  SECTION("a vote takes the union of its ballots") {
    auto more = f.import(sync_vote_line(sync_b1 + "," + sync_b2) + "\n");
    CHECK(more.votes.updated == 1);
    CHECK_FALSE(more.any_refused());
    auto vote = storage::find_vote(f.db, "v-1");
    REQUIRE(vote);
    CHECK(vote->line.ballots.size() == 2);
  }
  SECTION("a ballot seen with other dots is refused by its field, the rest taken") {
    auto clash = f.import(sync_record_line("k2") + "\n" +
                          sync_vote_line(sync_b2 + "," + sync_b1_other) + "\n");
    CHECK(clash.ballots_refused == 1);
    CHECK(clash.votes.updated == 1);
    CHECK(clash.any_refused());
    REQUIRE(f.problems.size() == 1);
    CHECK_THAT(f.problems[0],
               Catch::StartsWith("line 2, field 'ballots[1]'") && Catch::Contains("other dots"));
    auto vote = storage::find_vote(f.db, "v-1");
    REQUIRE(vote->line.ballots.size() == 2);
    CHECK(vote->line.ballots[0].dots.at("lighting_environment") == 2);  // b-1 as first stored
  }
  SECTION("a vote's other candidates are refused naming the field") {
    auto other = f.import(
        R"({"kind":"vote","id":"v-1","session":"s-jordbro-1","candidates":["drugs_alcohol"],"dots_per_ballot":3,"ballots":[]})"
        "\n");
    CHECK(other.votes.refused == 1);
    REQUIRE(f.problems.size() == 1);
    CHECK_THAT(f.problems[0], Catch::StartsWith("line 1, field 'candidates'"));
  }
}

TEST_CASE("import refuses dialogue lines that break the contract, naming line and field",
          "[sync][import]") {
  SyncLinesDb f;
  auto r = f.import(
      R"({"kind":"session","id":"s-x","survey":"other-survey","place":"Torget","held_on":"2026-03-12","format":"walk","languages":["sv"],"facilitator":"P","status":"open"})"
      "\n" +
      sync_vote_line(sync_b1) + "\n" + R"({"kind":"promise","id":"x"})" + "\n" +
      sync_session_line("finished") + "\n" + sync_record_line("ok") + "\n");
  CHECK(r.taken == 1);
  CHECK(r.sessions.refused == 2);
  CHECK(r.votes.refused == 1);
  CHECK(r.refused == 1);  // the unknown kind counts as a record line
  REQUIRE(f.problems.size() == 4);
  CHECK_THAT(f.problems[0], Catch::StartsWith("line 1, field 'survey'"));
  CHECK_THAT(f.problems[1], Catch::StartsWith("line 2, field 'session'"));
  CHECK_THAT(f.problems[2], Catch::StartsWith("line 3, field 'kind'"));
  CHECK_THAT(f.problems[3], Catch::StartsWith("line 4, field 'status'"));
}

TEST_CASE("a session exported as JSON Lines imports elsewhere to the same session",
          "[sync][export]") {
  SyncLinesDb laptop("laptop.db");
  laptop.import(sync_session_line("closed") + "\n" + sync_record_line("k1") + "\n" +
                sync_record_line("d1", "dialogue") + "\n" +
                sync_vote_line(sync_b1 + "," + sync_b2) + "\n");
  std::ostringstream out;
  const auto n = export_session(laptop.db, "s-jordbro-1", out);
  CHECK(n.records == 2);
  CHECK(n.votes == 1);
  CHECK(n.ballots == 2);
  SyncLinesDb central("central.db");
  auto first = central.import(out.str());
  CHECK(first.taken == 2);
  CHECK(first.sessions.taken == 1);
  CHECK(first.votes.taken == 1);
  auto second = central.import(out.str());
  CHECK(second.taken == 0);
  CHECK(second.duplicates == 2);
  CHECK_FALSE(second.any_refused());
  std::ostringstream back;
  export_session(central.db, "s-jordbro-1", back);
  CHECK(back.str() == out.str());
  std::ostringstream none;
  CHECK_THROWS_AS(export_session(central.db, "s-none", none), NotFound);
}

TEST_CASE("sync tokens: printed once, kept as a digest, revoked for good", "[sync][tokens]") {
  test::AppSurvey s("tokens.db");
  const app::Actor admin{"cli:admin"};
  const std::string token = app::create_sync_token(s.services, admin, "laptop-1");
  CHECK(token.rfind("lys_", 0) == 0);
  CHECK(token.size() > 40);
  CHECK_THROWS_AS(app::create_sync_token(s.services, admin, "laptop-1"), Conflict);
  CHECK_THROWS_AS(app::create_sync_token(s.services, admin, "bad name"), Invalid);
  {
    auto db = s.services.readers().acquire();
    auto row = storage::find_sync_token(*db, "laptop-1");
    REQUIRE(row);
    CHECK(row->token_digest == sha256_hex(token));
    CHECK(row->token_digest.find(token) == std::string::npos);
    CHECK_FALSE(row->last_used_at);
  }
  CHECK(app::authenticate_sync(s.services, token) == "laptop-1");
  auto listed = app::list_sync_tokens(s.services);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].last_used_at);
  CHECK_FALSE(listed[0].revoked_at);
  CHECK_THROWS_AS(app::authenticate_sync(s.services, std::string_view("lys_wrong")), Unauthorized);
  CHECK_THROWS_AS(app::authenticate_sync(s.services, std::nullopt), Unauthorized);
  app::revoke_sync_token(s.services, admin, "laptop-1");
  CHECK_THROWS_AS(app::authenticate_sync(s.services, token), Unauthorized);
  CHECK_THROWS_AS(app::revoke_sync_token(s.services, admin, "laptop-1"), NotFound);
  CHECK(app::list_sync_tokens(s.services)[0].revoked_at);
  const auto log = app::list_audit(s.services, 10, 0);
  int changes = 0;
  for (const auto& e : log.entries) changes += e.action == "sync_token_changed";
  CHECK(changes == 2);
}

TEST_CASE("the central server's intake answers each line of a batch and audits it",
          "[sync][central]") {
  test::AppSurvey s("central.db");
  const std::string body = sync_session_line() + "\n" + sync_record_line("k1") + "\n\n" +
                           sync_record_line("k1") + "\n" + R"({"id":"x"})" + "\n" +
                           sync_vote_line(sync_b1) + "\n";
  auto r = app::receive_sync_lines(s.services, "laptop-1", body);
  REQUIRE(r.lines.size() == 5);
  CHECK(r.lines[0].kind == LineKind::session);
  CHECK(r.lines[0].result.status == StoredLine::Status::stored);
  CHECK(r.lines[1].result.status == StoredLine::Status::stored);
  CHECK(r.lines[2].line == 4);
  CHECK(r.lines[2].result.status == StoredLine::Status::duplicate);
  CHECK(r.lines[3].result.status == StoredLine::Status::refused);
  CHECK(r.lines[3].result.field == "survey");
  CHECK(r.lines[4].result.status == StoredLine::Status::stored);
  CHECK(r.records.taken == 1);
  CHECK(r.records.refused == 1);
  const auto j = app::received_json(r);
  CHECK(j["lines"][3]["status"] == "refused");
  CHECK(j["counts"]["sessions"]["stored"] == 1);
  const auto log = app::list_audit(s.services, 1, 0);
  REQUIRE(log.entries.size() == 1);
  CHECK(log.entries[0].action == "sync_received");
  CHECK(log.entries[0].target == "laptop-1");
  CHECK_THAT(log.entries[0].detail, Catch::Contains("records 1+0=1!1"));
  CHECK_THROWS_AS(app::receive_sync_lines(s.services, "laptop-1",
                                          std::string(app::max_sync_batch_bytes + 1, ' ')),
                  TooLarge);
}

TEST_CASE("a laptop owes a central server what it has not acknowledged in its present form",
          "[sync][laptop]") {
  test::AppSurvey s("laptop.db");
  app::receive_sync_lines(
      s.services, "local",
      sync_session_line() + "\n" + sync_record_line("k1") + "\n" + sync_vote_line(sync_b1) + "\n");
  const std::string target = "http://central:80";
  auto pending = app::pending_sync_lines(s.services, target);
  REQUIRE(pending.size() == 3);
  CHECK(pending[0].kind == "session");
  CHECK(pending[1].kind == "record");
  CHECK(pending[1].key == "trygghet-2026/k1");
  CHECK(pending[2].kind == "vote");
  app::note_sync_verdicts(s.services, target, pending,
                          {{true, "", ""}, {false, "id", "a different record"}, {true, "", ""}});
  auto again = app::pending_sync_lines(s.services, target);
  REQUIRE(again.size() == 1);  // the refused record goes again
  CHECK(again[0].kind == "record");
  auto st = app::sync_status(s.services, target);
  CHECK(st.records == 1);
  CHECK(st.pending_records == 1);
  CHECK(st.pending_sessions == 0);
  REQUIRE(st.refused.size() == 1);
  CHECK(st.refused[0].field == "id");
  // New ballots make the vote's line another: it goes again.
  app::receive_sync_lines(s.services, "local", sync_vote_line(sync_b1 + "," + sync_b2) + "\n");
  auto with_ballot = app::pending_sync_lines(s.services, target);
  REQUIRE(with_ballot.size() == 2);
  CHECK(with_ballot[1].kind == "vote");
  CHECK(app::pending_sync_lines(s.services, "http://other:80").size() == 3);
  // A central server restored from an older backup: --resend owes it all again.
  CHECK(app::forget_sync_target(s.services, target) == 2);  // the session and the first vote
  CHECK(app::pending_sync_lines(s.services, target).size() == 3);
}

TEST_CASE("a record's line read as stored is record_to_jsonl's, byte for byte", "[sync][laptop]") {
  test::AppSurvey s("stored.db");
  // The characters the string writer escapes that an answer may hold
  // (other control characters are refused), a null session: the line built from the stored text
  // without parsing it must be the one the parsed record gives.
  const std::string tricky = R"(\"quoted\" back\\slash \/ tab\t nl\n cr\r \u00e5 )"
                             "Ångest عربی 🌙";
  const std::string body =
      R"({"id":"a/b\"c","survey":"trygghet-2026","lang":"ar","channel":"online","session":null,"submitted_at":"2026-03-12T18:00:00+01:00","answers":{"free_text":")" +
      tricky + R"(","area":"jordbro","age_group":"65+"}})" + "\n" + sync_record_line("k2") + "\n";
  const auto r = app::receive_sync_lines(s.services, "local", body);
  INFO(r.lines[0].result.field << ": " << r.lines[0].result.reason);
  REQUIRE(r.records.taken == 2);
  auto pending = app::pending_sync_lines(s.services, "http://central:80");
  REQUIRE(pending.size() == 2);
  auto db = s.services.readers().acquire();
  for (const auto& line : pending) {
    const auto slash = line.key.find('/');
    const auto stored =
        storage::find_response(*db, line.key.substr(0, slash), line.key.substr(slash + 1));
    REQUIRE(stored);
    CHECK(line.text == record_to_jsonl(*stored));
    CHECK(line.seq > 0);
  }
  CHECK(pending[0].key == R"(trygghet-2026/a/b"c)");
}

TEST_CASE("acknowledged records are skipped by arrival number, refused ones go again",
          "[sync][laptop]") {
  test::AppSurvey s("records.db");
  std::string body;
  for (int i = 0; i < 6; ++i) body += sync_record_line("r" + std::to_string(i)) + "\n";
  app::receive_sync_lines(s.services, "local", body);
  const std::string target = "https://central.example:8443";
  auto pending = app::pending_sync_lines(s.services, target);
  REQUIRE(pending.size() == 6);
  CHECK(app::pending_sync_estimate(s.services, target) == 6);
  // The first batch's verdicts arrive after the second's (two in flight).
  const std::vector<app::OutgoingLine> second(pending.begin() + 3, pending.end());
  const std::vector<app::OutgoingLine> first(pending.begin(), pending.begin() + 3);
  app::note_sync_verdicts(s.services, target, second,
                          {{true, "", ""}, {true, "", ""}, {true, "", ""}});
  app::note_sync_verdicts(s.services, target, first,
                          {{true, "", ""}, {false, "answers.area", "not an area"}, {true, "", ""}});
  auto again = app::pending_sync_lines(s.services, target);
  REQUIRE(again.size() == 1);
  CHECK(again[0].key == "trygghet-2026/r1");
  CHECK(app::pending_sync_estimate(s.services, target) == 1);
  auto st = app::sync_status(s.services, target);
  CHECK(st.records == 6);
  CHECK(st.pending_records == 1);
  REQUIRE(st.refused.size() == 1);
  // Taken the second time: no longer refused, nothing pending.
  app::note_sync_verdicts(s.services, target, again, {{true, "", ""}});
  CHECK(app::pending_sync_lines(s.services, target).empty());
  CHECK(app::sync_status(s.services, target).refused.empty());
  // Another central server is owed everything; --resend forgets all six.
  CHECK(app::pending_sync_lines(s.services, "http://other:80").size() == 6);
  CHECK(app::forget_sync_target(s.services, target) == 6);
  CHECK(app::pending_sync_lines(s.services, target).size() == 6);
}

TEST_CASE("migration 9 keeps what a laptop had sent of its records", "[sync][laptop][storage]") {
  SyncLinesDb s("old.db");
  REQUIRE(s.import(sync_record_line("k1") + "\n" + sync_record_line("k/2") + "\n" +
                   sync_record_line("k3") + "\n")
              .taken == 3);
  // Back to version 8, where sync_sent held each record by its key.
  s.db.exec(
      "DROP TABLE sync_sent_records; DROP TABLE sync_targets; "
      "DROP TABLE dialogue_session_activities; "  // migration 10's, after
      "INSERT INTO sync_sent (target, kind, key, digest, sent_at) VALUES "
      "('http://central:80', 'record', 'trygghet-2026/k1', 'd1', 1), "
      "('http://central:80', 'record', 'trygghet-2026/k/2', 'd2', 1), "
      "('http://central:80', 'record', 'trygghet-2026/gone', 'd3', 1), "
      "('http://central:80', 'session', 's-1', 'd4', 1); "
      "PRAGMA user_version = 8;");
  CHECK(storage::migrate(s.db) == storage::current_schema_version() - 8);
  std::vector<std::string> unsent;
  storage::for_each_unsent_record(
      s.db, "http://central:80",
      [&](int64_t, const StoredRecordText& r) { unsent.emplace_back(r.id); });
  CHECK(unsent == std::vector<std::string>{"k3"});
  CHECK(storage::sent_count(s.db, "http://central:80") == 3);  // two records and the session
  CHECK(storage::sent_lines(s.db, "http://central:80").size() == 1);
}

TEST_CASE("a vote naming no theme of its survey's codebook is refused by sync and import",
          "[sync][import]") {
  test::AppSurvey s("themes.db");
  const std::string unknown =
      R"({"kind":"vote","id":"v-9","session":"s-jordbro-1","candidates":["lighting_environment","no_such_theme"],"dots_per_ballot":3,"ballots":[]})";
  const std::string custom =
      R"({"kind":"vote","id":"v-10","session":"s-jordbro-1","candidates":["drugs_alcohol","custom:skate-park"],"labels":{"custom:skate-park":{"sv":"Skatepark"}},"dots_per_ballot":3,"ballots":[{"id":"b-1","dots":{"custom:skate-park":3}}]})";
  const auto r = app::receive_sync_lines(
      s.services, "laptop-1", sync_session_line() + "\n" + unknown + "\n" + custom + "\n");
  REQUIRE(r.lines.size() == 3);
  CHECK(r.lines[1].result.status == StoredLine::Status::refused);
  CHECK(r.lines[1].result.field == "candidates");
  CHECK_THAT(r.lines[1].result.reason, Catch::Contains("no_such_theme"));
  CHECK(r.lines[2].result.status == StoredLine::Status::stored);  // custom:<slug> is the room's own
  CHECK(r.votes.refused == 1);

  // The same line in a file for `import` on the central server.
  std::istringstream in(
      R"({"kind":"vote","id":"v-11","session":"s-jordbro-1","candidates":["nope"],"dots_per_ballot":1,"ballots":[]})"
      "\n");
  std::vector<std::string> problems;
  const auto report =
      app::import_records(s.services, in, {}, [&](const std::string& p) { problems.push_back(p); });
  CHECK(report.votes.refused == 1);
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0], Catch::Contains("line 1") && Catch::Contains("candidates"));
}
