// Unit tests of storage: migrations, survey rows, idempotent inserts,
// invitation codes and group commit.
#include <catch2/catch.hpp>

#include <thread>

#include <sys/stat.h>
#include "../support/records.hpp"
#include "../support/temp_dir.hpp"

#include <fstream>

#include "collector/codes/code_key.hpp"
#include "collector/codes/invitation_codes.hpp"
#include "collector/questionnaire/standard_template.hpp"
#include "collector/storage/code_store.hpp"
#include "collector/storage/group_commit_writer.hpp"
#include "collector/storage/response_store.hpp"
#include "collector/storage/schema.hpp"
#include "collector/storage/survey_store.hpp"
#include "util/digest.hpp"
#include "util/errors.hpp"

using namespace lyssna;
using namespace lyssna::storage;
using nlohmann::json;

namespace {

questionnaire::Questionnaire survey(const std::string& id = "trygghet-2026") {
  questionnaire::TemplateOptions o;
  o.survey_id = id;
  o.areas = questionnaire::parse_area_list("handen,jordbro");
  return questionnaire::build_from_template("trygghet", o);
}

interchange::Record record(const std::string& id, const std::string& area = "jordbro") {
  return test::sample_record(id, {{"area", area}});
}

int user_version(Database& db) {
  Statement s(db, "PRAGMA user_version");
  s.step();
  return static_cast<int>(s.integer(0));
}

}  // namespace

TEST_CASE("migrations bring a new file to the current version, once", "[storage]") {
  test::TempDir dir;
  {
    auto db = open_database(dir.file("a.db"));
    CHECK(user_version(db) == current_schema_version());
    Statement mode(db, "PRAGMA journal_mode");
    mode.step();
    CHECK(mode.text(0) == "wal");
  }
  auto again = open_database(dir.file("a.db"));
  CHECK(migrate(again) == 0);
}

TEST_CASE("a database from a newer lyssna is refused", "[storage]") {
  test::TempDir dir;
  {
    auto db = open_database(dir.file("a.db"));
    db.exec("PRAGMA user_version = 999");
  }
  CHECK_THROWS_WITH(open_database(dir.file("a.db")), Catch::Contains("newer than this lyssna"));
}

TEST_CASE("statements fail loudly on a misspelt parameter", "[storage]") {
  test::TempDir dir;
  auto db = open_database(dir.file("a.db"));
  Statement s(db, "SELECT :value");
  CHECK_THROWS_AS(s.bind(":valeu", 1), StorageError);
}

TEST_CASE("a write transaction rolls back unless committed", "[storage]") {
  test::TempDir dir;
  auto db = open_database(dir.file("a.db"));
  {
    WriteTransaction tx(db);
    db.exec("CREATE TABLE scratch (x)");
  }
  Statement s(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'scratch'");
  s.step();
  CHECK(s.integer(0) == 0);
}

TEST_CASE("surveys are saved, replaced only on request, and listed", "[storage]") {
  test::TempDir dir;
  auto db = open_database(dir.file("a.db"));
  int64_t before = surveys_stamp(db);
  save_survey(db, survey(), false);
  CHECK(surveys_stamp(db) != before);
  CHECK_THROWS_AS(save_survey(db, survey(), false), Conflict);
  auto changed = survey();
  changed.requires_code = true;
  int64_t stamp = surveys_stamp(db);
  save_survey(db, changed, true);
  CHECK(surveys_stamp(db) != stamp);
  CHECK(load_survey(db, "trygghet-2026")->requires_code);
  CHECK_FALSE(load_survey(db, "nope"));
  auto list = list_surveys(db);
  REQUIRE(list.size() == 1);
  CHECK(list[0].responses == 0);
  // The definitions alone, as the survey cache reads them: the same surveys.
  auto definitions = list_survey_definitions(db);
  REQUIRE(definitions.size() == 1);
  CHECK(definitions[0].id == list[0].id);
  CHECK(definitions[0].revision == list[0].revision);
  CHECK(definitions[0].questionnaire->requires_code);
}

TEST_CASE("inserting is idempotent and refuses a different record under an id", "[storage]") {
  test::TempDir dir;
  auto db = open_database(dir.file("a.db"));
  save_survey(db, survey(), false);
  WriteTransaction tx(db);
  CHECK(insert_response(db, {record("a"), std::nullopt, false}) == InsertStatus::stored);
  CHECK(insert_response(db, {record("a"), std::nullopt, false}) == InsertStatus::duplicate);
  CHECK(insert_response(db, {record("a", "handen"), std::nullopt, false}) ==
        InsertStatus::conflict);
  // The web form's own retries: same id, other timestamp.
  auto retry = record("a");
  retry.submitted_at = "2026-03-04T18:22:07Z";
  CHECK(insert_response(db, {retry, std::nullopt, true}) == InsertStatus::duplicate);
  tx.commit();
  CHECK(count_responses(db, "trygghet-2026") == 1);
  CHECK(find_response(db, "trygghet-2026", "a")->answers == json{{"area", "jordbro"}});
}

TEST_CASE("an invitation code answers once and is stored only as a keyed digest",
          "[storage][codes]") {
  test::TempDir dir;
  auto db = open_database(dir.file("a.db"));
  save_survey(db, survey(), false);
  const std::string key = codes::load_or_create_key(dir.file("a.db.codes-key"));
  const std::string code = codes::generate_code();
  const std::string normalized = *codes::normalize_code(code);
  const std::string digest = codes::code_digest(key, normalized);
  CHECK(add_codes(db, "trygghet-2026", {digest}, true) == 1);
  CHECK(code_state(db, "trygghet-2026", digest) == CodeState::unused);
  {
    WriteTransaction tx(db);
    CHECK(insert_response(db, {record("a"), digest, true}) == InsertStatus::stored);
    CHECK(insert_response(db, {record("a"), digest, true}) ==
          InsertStatus::duplicate);  // retry: no second spend
    CHECK(insert_response(db, {record("b"), digest, true}) == InsertStatus::code_used);
    CHECK(insert_response(db, {record("c"), std::string(64, '0'), true}) ==
          InsertStatus::code_unknown);
    tx.commit();
  }
  CHECK(code_state(db, "trygghet-2026", digest) == CodeState::used);
  CHECK(count_responses(db, "trygghet-2026") == 1);
  CHECK(count_codes(db, "trygghet-2026").keyed == 1);
  // Nothing in the database gives the code back: not the code itself, not
  // its unkeyed digest (what a copy of the database could be searched for).
  for (const std::string& revealing :
       {normalized, code, sha256_hex("lyssna-invitation-code:" + normalized)}) {
    Statement s(db, "SELECT count(*) FROM invitation_codes WHERE code_hash = :code");
    s.bind(":code", revealing);
    s.step();
    CHECK(s.integer(0) == 0);
  }
  // Another key gives another digest: without the key file the digest is useless.
  CHECK(codes::code_digest(std::string(64, 'a'), normalized) != digest);
}

TEST_CASE("the code key file is made once, private, and shared by racing processes", "[codes]") {
  test::TempDir dir;
  const std::string path = dir.file("k");
  CHECK_FALSE(codes::load_key(path));
  const std::string key = codes::load_or_create_key(path);
  CHECK(key.size() == 64);
  CHECK(codes::load_or_create_key(path) == key);
  CHECK(codes::load_key(path) == key);
  struct stat st {};
  REQUIRE(stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  {
    std::ofstream broken(dir.file("broken"));
    broken << "not a key\n";
  }
  CHECK_THROWS_AS(codes::load_key(dir.file("broken")), StorageError);
}

TEST_CASE("invitation codes: format and normalisation", "[codes]") {
  auto code = codes::generate_code();
  CHECK(code.size() == 19);  // XXXX-XXXX-XXXX-XXXX
  CHECK(code[4] == '-');
  CHECK(code[9] == '-');
  CHECK(code[14] == '-');
  std::string typed = code;
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  typed.erase(std::remove(typed.begin(), typed.end(), '-'), typed.end());
  CHECK(codes::normalize_code(" " + typed + " ") == codes::normalize_code(code));
  CHECK_FALSE(codes::normalize_code("ABCD-EFGH-JKMN-PQR0"));  // 0 is not in the alphabet
  CHECK_FALSE(codes::normalize_code("ABCD"));
  CHECK_FALSE(codes::normalize_code("ABCD-EFGH-JKMN-PQRST"));  // too long
  CHECK(codes::generate_code() != codes::generate_code());
  // Codes of the earlier, 10-symbol kind still answer, by their unkeyed digest.
  REQUIRE(codes::normalize_code("ABCD-EFGH-JK"));
  CHECK(codes::is_legacy_code(*codes::normalize_code("ABCD-EFGH-JK")));
  CHECK(codes::code_digest("any key", "ABCDEFGHJK") ==
        sha256_hex("lyssna-invitation-code:ABCDEFGHJK"));
  CHECK_FALSE(codes::is_legacy_code(*codes::normalize_code(code)));
}

TEST_CASE("concurrent submissions are committed in groups", "[storage][writer]") {
  test::TempDir dir;
  {
    auto db = open_database(dir.file("a.db"));
    save_survey(db, survey(), false);
  }
  GroupCommitWriter writer(dir.file("a.db"));
  constexpr int threads = 16, per_thread = 40;
  std::vector<std::thread> pool;
  std::atomic<int> stored{0};
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) {
        auto r = record("t" + std::to_string(t) + "-" + std::to_string(i));
        if (writer.submit({r, std::nullopt, false}) == InsertStatus::stored) ++stored;
      }
    });
  }
  for (auto& t : pool) t.join();
  CHECK(stored == threads * per_thread);
  auto stats = writer.stats();
  CHECK(stats.records == threads * per_thread);
  CHECK(stats.groups < stats.records);  // some transactions carried several answers
  auto db = open_database(dir.file("a.db"));
  CHECK(count_responses(db, "trygghet-2026") == threads * per_thread);
}

TEST_CASE("a group whose transaction failed counts in no statistic", "[storage][writer]") {
  test::TempDir dir;
  {
    auto db = open_database(dir.file("a.db"));
    save_survey(db, survey(), false);
  }
  GroupCommitWriter writer(dir.file("a.db"));
  REQUIRE(writer.submit({record("stored"), std::nullopt, false}) == InsertStatus::stored);
  // A record of a survey that does not exist breaks a foreign key: the
  // transaction fails and rolls back.
  auto orphan = record("orphan");
  orphan.survey = "no-such-survey";
  CHECK_THROWS_AS(writer.submit({orphan, std::nullopt, false}), StorageError);
  const auto stats = writer.stats();
  CHECK(stats.groups == 1);
  CHECK(stats.records == 1);
}

TEST_CASE("a retried submission in the same group stores one record", "[storage][writer]") {
  test::TempDir dir;
  {
    auto db = open_database(dir.file("a.db"));
    save_survey(db, survey(), false);
  }
  GroupCommitWriter writer(dir.file("a.db"));
  std::vector<std::thread> pool;
  std::atomic<int> stored{0}, duplicates{0};
  for (int t = 0; t < 8; ++t) {
    pool.emplace_back([&] {
      auto status = writer.submit({record("same"), std::nullopt, true});
      if (status == InsertStatus::stored) ++stored;
      if (status == InsertStatus::duplicate) ++duplicates;
    });
  }
  for (auto& t : pool) t.join();
  CHECK(stored == 1);
  CHECK(duplicates == 7);
}

TEST_CASE("an empty string_view binds as empty text, not NULL", "[storage]") {
  test::TempDir dir;
  Database db(dir.file("e.db"));
  db.exec("CREATE TABLE t (v TEXT NOT NULL) STRICT");
  Statement insert(db, "INSERT INTO t (v) VALUES (:v)");
  insert.bind(":v", std::string_view{});  // no data pointer at all
  REQUIRE_NOTHROW(insert.run());
  Statement read(db, "SELECT v IS NULL, length(v) FROM t");
  REQUIRE(read.step());
  CHECK(read.integer(0) == 0);
  CHECK(read.integer(1) == 0);
}
