// Integration tests of sync with three real `lyssna serve` processes on
// loopback: a central server and two laptops that fetch the survey and a
// shared session from it, collect (imported kiosk and dialogue records,
// notes and votes), and push; the central server killed with SIGKILL in
// the middle of a push and restarted on its database; wrong and revoked
// tokens; a record the central server refuses, kept and reported; and the
// offline route (export --session, import).
#include <signal.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "collector/storage/schema.hpp"
#include "collector/storage/sqlite.hpp"
#include "server_fixture.hpp"

using namespace lyssna::test;

namespace {

const std::string sync_survey_args = "handen,jordbro,vasterhaninge=Västerhaninge";

std::string sync_url(const ServerProcess& p) {
  return "http://127.0.0.1:" + std::to_string(p.port());
}

std::string sync_session(const std::string& id, const std::string& status = "open") {
  return R"({"kind":"session","id":")" + id +
         R"(","survey":"trygghet-2026","area":"jordbro","place":"Jordbro bibliotek","held_on":"2026-03-12","format":"meeting","languages":["sv","ar"],"facilitator":"Kommunpolis Haninge","status":")" +
         status + R"("})";
}

std::string sync_record(const std::string& id, const std::string& session,
                        const std::string& channel, const std::string& text = "Mörkt vid tunneln") {
  return R"({"id":")" + id + R"(","survey":"trygghet-2026","lang":"sv","channel":")" + channel +
         R"(","session":")" + session +
         R"(","submitted_at":"2026-03-12T18:00:00Z","answers":{"area":"jordbro","free_text":")" +
         text + R"("}})";
}

std::string sync_vote(const std::string& session, const std::string& ballots) {
  return R"({"kind":"vote","id":"v-shared","session":")" + session +
         R"(","candidates":["lighting_environment","drugs_alcohol"],"dots_per_ballot":3,"ballots":[)" +
         ballots + "]}";
}

// Lines a laptop keeps as acknowledged: sessions and votes, and records by arrival number.
const std::string sent_lines_sql =
    "SELECT (SELECT count(*) FROM sync_sent) + (SELECT count(*) FROM sync_sent_records)";

int64_t sync_count(const std::string& db, const std::string& sql) {
  auto conn = lyssna::storage::open_connection(db);
  auto& s = conn.cached(sql);
  lyssna::storage::StatementUse use(s);
  use->step();
  return use->integer(0);
}

std::set<std::string> sync_lines_of(const std::string& text) {
  std::set<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.insert(line);
  }
  return out;
}

size_t sync_line_count(const std::string& text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

void sync_write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

struct SyncMachine {
  std::string db;
  std::unique_ptr<ServerProcess> server;
  void start(std::vector<std::string> extra = {}) {
    server.reset();
    server = std::make_unique<ServerProcess>(db, std::move(extra));
  }
  RunResult run(std::vector<std::string> args, const std::string& input = "") const {
    args.insert(args.begin(), {"--db", db});
    return run_lyssna(args, input);
  }
};

}  // namespace

TEST_CASE("two laptops sync into one central server exactly once, across a SIGKILL", "[sync]") {
  TempDir dir;
  SyncMachine central{dir.file("central.db")}, a{dir.file("a.db")}, b{dir.file("b.db")};
  REQUIRE(central.run({"survey", "new", "trygghet-2026", "--areas", sync_survey_args}).status == 0);
  // The shared session is planned centrally; both laptops fetch it.
  sync_write(dir.file("plan.jsonl"), sync_session("s-shared") + "\n" +
                                         sync_record("central-only", "s-shared", "dialogue") +
                                         "\n" + sync_record("clash", "s-shared", "kiosk") + "\n");
  REQUIRE(central.run({"import", dir.file("plan.jsonl")}).status == 0);
  const std::string token_a = central.run({"token", "new", "--name", "laptop-a"}).out;
  const std::string token_b = central.run({"token", "new", "--name", "laptop-b"}).out;
  const std::string token_c = central.run({"token", "new", "--name", "laptop-c"}).out;
  REQUIRE(token_a.size() > 40);
  auto tok = [](const std::string& t) { return t.substr(0, t.find('\n')); };
  central.start();
  const int central_port = central.server->port();
  const std::string url = sync_url(*central.server);

  // Getting ready: the survey and the open session, fetched.
  for (auto* laptop : {&a, &b}) {
    auto fetched =
        laptop->run({"sync", "--from", url, "--token", tok(laptop == &a ? token_a : token_b)});
    INFO(fetched.err);
    REQUIRE(fetched.status == 0);
    CHECK_THAT(fetched.out, Catch::Contains("1 survey") && Catch::Contains("sessions 1 new"));
    laptop->start();  // the laptop serves the room
  }
  auto again = a.run({"sync", "--from", url, "--token", tok(token_a), "--survey", "trygghet-2026"});
  CHECK(again.status == 0);
  CHECK_THAT(again.out, Catch::Contains("0 changed") && Catch::Contains("sessions 0 new"));

  // Collecting: laptop A holds a large session of its own and its part of
  // the shared one; laptop B its part, and one record under an id the
  // central server has with other answers.
  std::string a_lines = sync_session("s-a-walk", "closed") + "\n";
  for (int i = 0; i < 3000; ++i)
    a_lines +=
        sync_record("a-" + std::to_string(i), "s-a-walk", i % 2 ? "kiosk" : "dialogue") + "\n";
  a_lines += sync_record("a-shared-1", "s-shared", "kiosk") + "\n" +
             sync_record("a-note-1", "s-shared", "dialogue", "Belysningen vid torget") + "\n" +
             sync_vote("s-shared", R"({"id":"b-a1","dots":{"lighting_environment":3}})") + "\n" +
             sync_session("s-shared", "paused") + "\n";
  sync_write(dir.file("a.jsonl"), a_lines);
  REQUIRE(a.run({"import", dir.file("a.jsonl"), "--quiet"}).status == 0);
  sync_write(dir.file("b.jsonl"),
             sync_record("b-shared-1", "s-shared", "kiosk") + "\n" +
                 sync_record("clash", "s-shared", "kiosk", "Annan text") + "\n" +
                 sync_vote("s-shared", R"({"id":"b-b1","dots":{"drugs_alcohol":2}})") + "\n");
  REQUIRE(b.run({"import", dir.file("b.jsonl"), "--quiet"}).status == 0);

  SECTION("a wrong or revoked token is refused and stores nothing") {
    const int64_t before = sync_count(central.db, "SELECT count(*) FROM responses");
    auto wrong = b.run({"sync", "--to", url, "--token", "lys_not-a-token"});
    CHECK(wrong.status == 1);
    CHECK_THAT(wrong.err, Catch::Contains("refused the token"));
    REQUIRE(central.run({"token", "revoke", "laptop-c"}).status == 0);
    auto revoked = b.run({"sync", "--to", url, "--token", tok(token_c)});
    CHECK(revoked.status == 1);
    auto fetch = b.run({"sync", "--from", url, "--token", tok(token_c)});
    CHECK(fetch.status == 1);
    CHECK(sync_count(central.db, "SELECT count(*) FROM responses") == before);
    CHECK(sync_count(b.db, sent_lines_sql) == 0);
    auto listed = central.run({"token", "list"});
    CHECK_THAT(listed.out, Catch::Contains("laptop-c"));
  }

  SECTION("a push cut off by SIGKILL resumes; the central ends with the union, once each") {
    // Small batches, the central killed after the first acknowledged ones.
    std::atomic<int> a_status{-2};
    std::string a_err;
    std::thread push([&] {
      auto r = a.run({"sync", "--to", url, "--token", tok(token_a), "--batch", "20", "--quiet"});
      a_err = r.err;
      a_status = r.status;
    });
    for (int i = 0; i < 3000 && sync_count(a.db, sent_lines_sql) < 300; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    central.server->stop(SIGKILL);
    push.join();
    INFO(a_err);
    CHECK(a_status == 1);  // cut off: it says so
    const int64_t acknowledged = sync_count(a.db, sent_lines_sql);
    CHECK(acknowledged >= 300);
    CHECK(acknowledged < 3006);
    // Everything acknowledged is there after the crash.
    CHECK(sync_count(central.db, "SELECT count(*) FROM responses") >= acknowledged - 1);

    central.start({"--port", std::to_string(central_port)});
    REQUIRE(central.server->port() == central_port);
    auto resumed = a.run({"sync", "--to", url, "--token", tok(token_a), "--batch", "500"});
    INFO(resumed.err);
    CHECK(resumed.status == 0);
    CHECK_THAT(resumed.out, !Catch::Contains(" 3006 lines sent"));  // only the rest went
    auto pushed_b = b.run({"sync", "--to", url, "--token", tok(token_b)});
    CHECK(pushed_b.status == 3);  // the clash
    CHECK_THAT(pushed_b.err, Catch::Contains("record trygghet-2026/clash, field 'id'") &&
                                 Catch::Contains("different record"));

    // Exactly the union: the central's records are its own plus both
    // laptops' (the clash once, as the central had it), no duplicates.
    const std::string central_records = central.run({"export"}).out;
    std::set<std::string> expected = sync_lines_of(a.run({"export"}).out);
    for (const auto& l : sync_lines_of(b.run({"export"}).out)) {
      if (l.find("\"clash\"") == std::string::npos) expected.insert(l);
    }
    auto central_set = sync_lines_of(central_records);
    CHECK(sync_line_count(central_records) == central_set.size());  // no record twice
    std::set<std::string> central_without_own;
    for (const auto& l : central_set) {
      if (l.find("\"central-only\"") == std::string::npos &&
          l.find("\"clash\"") == std::string::npos)
        central_without_own.insert(l);
    }
    std::set<std::string> expected_without_own;
    for (const auto& l : expected) {
      if (l.find("\"central-only\"") == std::string::npos &&
          l.find("\"clash\"") == std::string::npos)
        expected_without_own.insert(l);
    }
    CHECK(central_without_own == expected_without_own);
    CHECK(central_set.size() == 3000 + 2 + 1 + 2);  // A's, B's shared one, central-only, clash
    // The shared session: paused (A moved it on), its vote the union of both laptops' ballots.
    const std::string shared = central.run({"export", "--session", "s-shared"}).out;
    CHECK_THAT(shared, Catch::Contains(R"("status":"paused")"));
    CHECK_THAT(shared, Catch::Contains(R"("b-a1")") && Catch::Contains(R"("b-b1")"));
    CHECK(sync_count(central.db, "SELECT count(*) FROM dialogue_sessions") == 2);
    CHECK(sync_count(central.db, "SELECT count(*) FROM dialogue_ballots") == 2);

    // Nothing more to send from A; the refused record stays on B and is reported again.
    auto idle = a.run({"sync", "--to", url, "--token", tok(token_a)});
    CHECK(idle.status == 0);
    CHECK_THAT(idle.out, Catch::Contains("0 lines sent"));
    // With nothing pending a wrong token still fails: the server is asked.
    CHECK(a.run({"sync", "--to", url, "--token", "lys_wrong"}).status == 1);
    auto still = b.run({"sync", "--to", url, "--token", tok(token_b)});
    CHECK(still.status == 3);
    CHECK_THAT(still.err, Catch::Contains("clash"));
    auto status = b.run({"sync", "--status", "--to", url});
    CHECK(status.status == 3);
    CHECK_THAT(status.out, Catch::Contains("pending for") && Catch::Contains("1 record") &&
                               Catch::Contains("trygghet-2026/clash, field 'id'"));
    CHECK_THAT(b.run({"export"}).out, Catch::Contains("Annan text"));  // kept on the laptop
    auto audit = central.run({"audit", "list", "--format", "json"});
    CHECK_THAT(audit.out, Catch::Contains("sync_received") && Catch::Contains("laptop-b"));

    // The offline route gives the central the same session.
    SyncMachine offline{dir.file("offline.db")};
    REQUIRE(offline.run({"survey", "new", "trygghet-2026", "--areas", sync_survey_args}).status ==
            0);
    auto file = a.run({"export", "--session", "s-a-walk", "--output", dir.file("walk.jsonl")});
    REQUIRE(file.status == 0);
    auto imported = offline.run({"import", dir.file("walk.jsonl")});
    CHECK(imported.status == 0);
    CHECK_THAT(imported.out,
               Catch::Contains("imported 3000") && Catch::Contains("sessions: imported 1"));
    CHECK(offline.run({"import", dir.file("walk.jsonl")}).out.find("imported 0") !=
          std::string::npos);
    // The same lines (two batches in flight may arrive in either order).
    CHECK(sync_lines_of(offline.run({"export", "--session", "s-a-walk"}).out) ==
          sync_lines_of(central.run({"export", "--session", "s-a-walk"}).out));
  }
}

TEST_CASE("sync answers 413 over its batch limit and 401 before reading a stranger's batch",
          "[sync]") {
  ServerFixture f;
  auto token = run_lyssna({"--db", f.db, "token", "new", "--name", "l1"}).out;
  token = token.substr(0, token.find('\n'));
  httplib::Headers auth = {{"Authorization", "Bearer " + token}};
  auto none = f.client->Post("/api/v1/sync/lines", "{}\n", "application/x-ndjson");
  REQUIRE(none);
  CHECK(none->status == 401);
  auto big = f.client->Post("/api/v1/sync/lines", auth, std::string(17u << 20, ' '),
                            "application/x-ndjson");
  REQUIRE(big);
  CHECK(big->status == 413);
  // A batch larger than any form's body (here about 1 MiB) is taken whole.
  std::string batch;
  for (int i = 0; i < 6000; ++i)
    batch += sync_record("big-" + std::to_string(i), "s-none", "kiosk") + "\n";
  REQUIRE(batch.size() > (1u << 20));
  auto taken = f.client->Post("/api/v1/sync/lines", auth, batch, "application/x-ndjson");
  REQUIRE(taken);
  CHECK(taken->status == 200);
  CHECK(nlohmann::json::parse(taken->body)["counts"]["records"]["stored"] == 6000);
  auto offer = f.client->Get("/api/v1/sync/surveys?survey=trygghet-2026", auth);
  REQUIRE(offer);
  CHECK(offer->status == 200);
  auto j = nlohmann::json::parse(offer->body);
  CHECK(j["surveys"][0]["kind"] == "lyssna-survey-bundle");
  auto missing = f.client->Get("/api/v1/sync/surveys?survey=nope-2026", auth);
  REQUIRE(missing);
  CHECK(missing->status == 404);
}

TEST_CASE("survey export writes a bundle that survey load takes on another machine", "[sync]") {
  TempDir dir;
  const std::string one = dir.file("one.db"), two = dir.file("two.db");
  REQUIRE(run_lyssna({"--db", one, "survey", "new", "trygghet-2026", "--areas", sync_survey_args})
              .status == 0);
  sync_write(
      dir.file("margins.json"),
      R"({"survey":"trygghet-2026","margins":{"area":{"handen":21000,"jordbro":9000,"vasterhaninge":12000}}})");
  REQUIRE(run_lyssna({"--db", one, "margins", "set", "trygghet-2026", dir.file("margins.json")})
              .status == 0);
  // The survey's own codebook: the default one, made its own.
  sync_write(dir.file("codebook.json"),
             run_lyssna({"--db", one, "codebook", "show", "trygghet-2026"}).out);
  REQUIRE(run_lyssna({"--db", one, "codebook", "load", "trygghet-2026", dir.file("codebook.json")})
              .status == 0);
  auto bundle = run_lyssna({"--db", one, "survey", "export", "trygghet-2026"});
  REQUIRE(bundle.status == 0);
  sync_write(dir.file("bundle.json"), bundle.out);
  auto loaded = run_lyssna({"--db", two, "survey", "load", dir.file("bundle.json")});
  INFO(loaded.err);
  CHECK(loaded.status == 0);
  CHECK_THAT(loaded.out, Catch::Contains("from a bundle"));
  CHECK_THAT(loaded.out, Catch::Contains("with margins"));
  CHECK_THAT(loaded.out, Catch::Contains("its own codebook"));
  CHECK(run_lyssna({"--db", two, "codebook", "show", "trygghet-2026"}).out ==
        run_lyssna({"--db", one, "codebook", "show", "trygghet-2026"}).out);
  // Loading it again changes nothing.
  CHECK_THAT(run_lyssna({"--db", two, "survey", "load", dir.file("bundle.json")}).out,
             Catch::Contains("definition unchanged"));
  CHECK_THAT(run_lyssna({"--db", two, "margins", "show", "trygghet-2026"}).out,
             Catch::Contains("21000") || Catch::Contains("21 000") || Catch::Contains("21,000"));
  CHECK(run_lyssna({"--db", two, "survey", "show", "trygghet-2026"}).out ==
        run_lyssna({"--db", one, "survey", "show", "trygghet-2026"}).out);
  for (const auto& help : {std::vector<std::string>{"sync", "--help"},
                           {"token", "new", "--help"},
                           {"token", "revoke", "--help"},
                           {"token", "list", "--help"},
                           {"survey", "export", "--help"}}) {
    auto h = run_lyssna(help);
    CHECK(h.status == 0);
    CHECK_THAT(h.out, Catch::Contains("usage: lyssna"));
  }
}

TEST_CASE("sync over HTTPS checks the central server's certificate, --ca trusting its own",
          "[sync][tls]") {
  TempDir dir;
  SyncMachine central{dir.file("central.db")}, laptop{dir.file("laptop.db")};
  REQUIRE(central.run({"survey", "new", "trygghet-2026", "--areas", sync_survey_args}).status == 0);
  std::string token = central.run({"token", "new", "--name", "tls-laptop"}).out;
  token = token.substr(0, token.find('\n'));
  const std::string make_cert =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 "
      "-subj /CN=localhost -addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout '" +
      dir.file("c.key") + "' -out '" + dir.file("c.crt") + "' >/dev/null 2>&1";
  REQUIRE(std::system(make_cert.c_str()) == 0);
  central.start({"--tls-cert", dir.file("c.crt"), "--tls-key", dir.file("c.key")});
  const std::string url = "https://127.0.0.1:" + std::to_string(central.server->port());

  auto untrusted = laptop.run({"sync", "--from", url, "--token", token});
  CHECK(untrusted.status == 1);  // a certificate nobody vouches for is not trusted
  auto fetched = laptop.run({"sync", "--from", url, "--token", token, "--ca", dir.file("c.crt")});
  INFO(fetched.err);
  REQUIRE(fetched.status == 0);
  sync_write(dir.file("l.jsonl"),
             sync_session("s-tls") + "\n" + sync_record("tls-1", "s-tls", "kiosk") + "\n");
  REQUIRE(laptop.run({"import", dir.file("l.jsonl")}).status == 0);
  auto pushed = laptop.run({"sync", "--to", url, "--token", token, "--ca", dir.file("c.crt")});
  INFO(pushed.err);
  CHECK(pushed.status == 0);
  CHECK_THAT(pushed.out, Catch::Contains("2 acknowledged"));
  CHECK_THAT(central.run({"export", "--session", "s-tls"}).out, Catch::Contains("\"tls-1\""));
}
