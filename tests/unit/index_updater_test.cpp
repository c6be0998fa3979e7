// Unit tests of keeping the index in step with SQLite: a response whose
// document cannot be built is set aside, listed and retried, and never
// stops the responses after it.
#include <catch2/catch.hpp>

#include "../support/records.hpp"
#include "../support/temp_dir.hpp"
#include "analysis/index/terms.hpp"
#include "collector/questionnaire/standard_template.hpp"
#include "collector/storage/response_store.hpp"
#include "collector/storage/schema.hpp"
#include "collector/storage/survey_store.hpp"
#include "indexing/index_updater.hpp"
#include "indexing/language_data.hpp"

using namespace lyssna;

namespace {

struct Store {
  test::TempDir dir;
  std::string path = dir.file("x.db");
  storage::Database db = storage::open_database(path);

  Store() {
    questionnaire::TemplateOptions o;
    o.survey_id = "trygghet-2026";
    o.areas = questionnaire::parse_area_list("handen,jordbro");
    storage::save_survey(db, questionnaire::build_from_template("trygghet", o), false);
  }
  void add(const std::string& id, const std::string& free_text) {
    storage::WriteTransaction tx(db);
    const auto r = test::sample_record(id, {{"area", "jordbro"}, {"free_text", free_text}});
    REQUIRE(storage::insert_response(db, {r, std::nullopt, false}) ==
            storage::InsertStatus::stored);
    tx.commit();
  }
  // What no reader of this version can parse: a row broken on disk, or
  // written by a later version.
  void break_answers(const std::string& id, const std::string& answers) {
    storage::Statement s(db, "UPDATE responses SET answers = :answers WHERE id = :id");
    s.bind(":answers", answers).bind(":id", id).run();
  }
  bool indexed(const analysis::TextIndex& index, const std::string& id) {
    return index.database().term_exists(analysis::unique_term("trygghet-2026", id));
  }
};

}  // namespace

TEST_CASE("a response that cannot be indexed is set aside, the rest go on, and it is retried",
          "[indexing]") {
  Store s;
  s.add("before", "Bilarna kör för fort");
  s.add("broken", "Mörkt vid tunneln");
  s.add("long", "Mörkt " + std::string(300, 'a') + " vid tunneln");
  s.add("after", "Knark vid skolan");
  s.break_answers("broken", R"({"area": "jordbro", "free_text": )");
  analysis::TextAnalyzer analyzer(indexing::language_resources());
  {
    analysis::TextIndex index(analysis::index_path_for(s.path), analysis::TextIndex::Mode::update);
    const auto result = indexing::update_index(s.db, index, analyzer);
    CHECK(result.read == 4);
    REQUIRE(result.set_aside.size() == 1);
    CHECK(result.set_aside[0].id == "broken");
    CHECK(result.still_set_aside == 1);
    CHECK(indexing::describe(result.set_aside[0])
              .find("response 'broken' of survey 'trygghet-2026'") == 0);
    // The watermark passed it: the answers after it are in.
    CHECK(index.indexed_through() == storage::last_seq(s.db));
    CHECK(s.indexed(index, "before"));
    CHECK(s.indexed(index, "long"));
    CHECK(s.indexed(index, "after"));
    CHECK_FALSE(s.indexed(index, "broken"));
  }
  {
    // Listed durably, and still failing: it stays listed, nothing else changes.
    analysis::TextIndex index(analysis::index_path_for(s.path), analysis::TextIndex::Mode::update);
    REQUIRE(index.set_aside().size() == 1);
    const auto again = indexing::update_index(s.db, index, analyzer);
    CHECK(again.read == 0);
    CHECK(again.set_aside.empty());
    CHECK(again.recovered.empty());
    CHECK(again.still_set_aside == 1);
    // Not retried when the caller says so (a server between its retries).
    s.break_answers("broken", R"({"area": "jordbro", "free_text": "Mörkt vid tunneln"})");
    indexing::UpdateOptions no_retry;
    no_retry.retry_set_aside = false;
    CHECK(indexing::update_index(s.db, index, analyzer, {}, no_retry).recovered.empty());
    CHECK_FALSE(s.indexed(index, "broken"));
    // Retried once it can be read: indexed, and off the list.
    const auto retried = indexing::update_index(s.db, index, analyzer);
    REQUIRE(retried.recovered.size() == 1);
    CHECK(retried.recovered[0].id == "broken");
    CHECK(retried.still_set_aside == 0);
    CHECK(s.indexed(index, "broken"));
  }
  analysis::TextIndex reopened(analysis::index_path_for(s.path),
                               analysis::TextIndex::Mode::read_only);
  CHECK(reopened.set_aside().empty());
  CHECK(s.indexed(reopened, "broken"));
}

TEST_CASE("a rebuild tries every response again", "[indexing]") {
  Store s;
  s.add("a", "Bilarna kör för fort");
  s.add("b", "Mörkt vid tunneln");
  s.break_answers("b", "[1, 2");
  auto first = indexing::rebuild_index(s.path);
  CHECK(first.read == 2);
  REQUIRE(first.set_aside.size() == 1);
  s.break_answers("b", R"({"free_text": "Mörkt vid tunneln"})");
  auto second = indexing::rebuild_index(s.path);
  CHECK(second.set_aside.empty());
  analysis::TextIndex index(analysis::index_path_for(s.path), analysis::TextIndex::Mode::read_only);
  CHECK(index.database().get_doccount() == 2);
  CHECK(index.set_aside().empty());
}

TEST_CASE("an update asked to stop commits the batch in hand and the next carries on",
          "[indexing]") {
  // A server shutting down during a long rebuild once waited for all of it.
  Store s;
  {
    storage::WriteTransaction tx(s.db);
    for (int i = 0; i < 1200; ++i) {
      const auto r = test::sample_record("r" + std::to_string(i),
                                         {{"area", "jordbro"}, {"free_text", "Mörkt vid tunneln"}});
      REQUIRE(storage::insert_response(s.db, {r, std::nullopt, false}) ==
              storage::InsertStatus::stored);
    }
    tx.commit();
  }
  analysis::TextAnalyzer analyzer(indexing::language_resources());
  analysis::TextIndex index(analysis::index_path_for(s.path), analysis::TextIndex::Mode::update);
  int asked = 0;
  indexing::UpdateOptions stop_now;
  stop_now.stop = [&] { return ++asked >= 1; };
  const auto first = indexing::update_index(s.db, index, analyzer, {}, stop_now);
  CHECK(first.stopped);
  CHECK(asked == 1);
  CHECK(first.read > 0);
  CHECK(first.read < 1200);
  CHECK(index.indexed_through() > 0);
  CHECK(index.indexed_through() < storage::last_seq(s.db));
  CHECK(index.database().get_doccount() == static_cast<Xapian::doccount>(first.read));
  const auto rest = indexing::update_index(s.db, index, analyzer);
  CHECK_FALSE(rest.stopped);
  CHECK(first.read + rest.read == 1200);
  CHECK(index.indexed_through() == storage::last_seq(s.db));
  CHECK(index.database().get_doccount() == 1200);
}
