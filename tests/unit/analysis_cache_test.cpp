// The per-survey analysis cache (app/analysis_cache.hpp): what it gives is
// what a fresh analysis gives, after every kind of change, incrementally
// where it can, and under concurrent readers and writers.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

#include "../support/app_survey.hpp"
#include "../support/temp_dir.hpp"
#include "app/coding.hpp"
#include "app/margins.hpp"
#include "app/services.hpp"
#include "app/submission.hpp"
#include "app/survey_analysis.hpp"
#include "app/surveys.hpp"
#include "collector/questionnaire/standard_template.hpp"
#include "indexing/index_updater.hpp"
#include "reports/documents.hpp"
#include "reports/reports.hpp"
#include "util/clock.hpp"

using namespace lyssna;
using nlohmann::json;

namespace {

constexpr const char* survey_id = "trygghet-2026";

struct CacheFixture {
  test::TempDir dir;
  app::Services services{{dir.file("a.db"), "script-token-0123456789"}};
  int next = 0;

  CacheFixture() {
    questionnaire::TemplateOptions o;
    o.survey_id = survey_id;
    o.areas = questionnaire::parse_area_list("handen,jordbro");
    app::save_survey(services, app::Actor{"test"},
                     questionnaire::build_from_template("trygghet", o), false, "test");
  }

  std::string answer(const std::string& text, const std::string& area = "jordbro") {
    const std::string id = "r-" + std::to_string(++next);
    test::submit_answer(services, survey_id, id, {{"area", area}, {"free_text", text}});
    return id;
  }

  // The four documents the pages read, through the cache ...
  json cached() {
    app::SurveyAnalysis s(services, survey_id);
    return documents(s.context());
  }
  // ... and as a context that reads everything itself.
  json fresh() {
    auto db = services.readers().acquire();
    auto index = indexing::open_index_for_reading(services.db_path());
    reports::SurveyContext ctx(*db, index, survey_id);
    return documents(ctx);
  }
  json documents(const reports::SurveyContext& ctx) {
    reports::PriorityOptions p;
    p.margins = app::weighting_margins(services, survey_id);
    reports::IndicatorOptions i;
    i.margins = p.margins;
    return {{"themes", reports::document(reports::theme_summary(ctx, std::nullopt))},
            {"per_response", reports::document(reports::themes_per_response(ctx, std::nullopt))},
            {"priorities", reports::document(reports::priority_report(ctx, p))},
            {"indicators", reports::document(reports::indicator_report(ctx, i))}};
  }
};

int64_t theme_count(const json& docs, const std::string& theme) {
  for (const auto& t : docs["themes"]["themes"])
    if (t["theme"] == theme) return t["count"].get<int64_t>();
  FAIL("no theme " + theme);
  return -1;
}

json themes_of(const json& docs, const std::string& id) {
  for (const auto& line : docs["per_response"]["responses"])
    if (line["id"] == id) return line["themes"];
  return nullptr;
}

}  // namespace

TEST_CASE("the analysis cache gives what a fresh analysis gives, after every kind of change",
          "[app][cache]") {
  CacheFixture f;
  f.answer("Mörkt vid tunneln, ingen belysning");
  f.answer("Bilarna kör alldeles för fort förbi skolan", "handen");
  f.answer("Knarkförsäljning vid centrum på kvällarna");
  const auto& cache = f.services.analyses();

  json before = f.cached();
  CHECK(before == f.fresh());
  CHECK(theme_count(before, "traffic") == 1);
  auto counts = cache.counts();
  CHECK(counts.full_tagging == 1);
  CHECK(counts.full_coding == 1);

  SECTION("nothing changed: the same snapshot, nothing made again") {
    CHECK(f.cached() == before);
    CHECK(cache.counts().snapshots == counts.snapshots);
    CHECK(cache.counts().full_tagging == 1);
  }

  SECTION("a new answer: only it is coded and tagged") {
    const std::string id = f.answer("Det körs för fort på gatan, farlig trafik");
    const json after = f.cached();
    CHECK(theme_count(after, "traffic") == 2);
    CHECK(after["priorities"]["n"] == 4);
    CHECK(after == f.fresh());
    CHECK(themes_of(after, id) == json::array({"traffic"}));
    CHECK(cache.counts().full_tagging == 1);
    CHECK(cache.counts().full_coding == 1);
    CHECK(cache.counts().added_tagging >= 1);
    CHECK(cache.counts().added_coding == 1);
  }

  SECTION("a manual code, and a new answer after it that it names") {
    app::code_response(f.services, app::Actor{"tester"}, survey_id, {"r-2", {}, {"traffic"}});
    json after = f.cached();
    CHECK(theme_count(after, "traffic") == 0);
    CHECK(after == f.fresh());
    app::code_response(f.services, app::Actor{"tester"}, survey_id, {"r-1", {"traffic"}, {}});
    after = f.cached();
    CHECK(theme_count(after, "traffic") == 1);
    CHECK(after == f.fresh());
    CHECK(cache.counts().full_tagging == 1);  // codes are applied, not tagged again
  }

  SECTION("a codebook change tags every answer again") {
    auto codebook = app::codebook_of(f.services, survey_id);
    for (auto& theme : codebook.themes)
      if (theme.id == "traffic") theme.terms["sv"].push_back("tunnel");
    app::set_codebook(f.services, app::Actor{"tester"}, survey_id, codebook);
    const json after = f.cached();
    CHECK(theme_count(after, "traffic") == 2);
    CHECK(after == f.fresh());
    CHECK(cache.counts().full_tagging == 2);
    app::reset_codebook(f.services, app::Actor{"tester"}, survey_id);
    CHECK(f.cached() == before);
  }

  SECTION("margins weight the next result, without tagging again") {
    app::set_survey_margins(f.services, app::Actor{"tester"}, survey_id,
                            R"({"margins": {"area": {"handen": 600, "jordbro": 400}}})",
                            "margins.json");
    const json after = f.cached();
    CHECK(after["priorities"]["weighted"] == true);
    CHECK(before["priorities"]["weighted"] == false);
    CHECK(after == f.fresh());
    CHECK(cache.counts().full_tagging == 1);
    app::clear_survey_margins(f.services, app::Actor{"tester"}, survey_id);
    CHECK(f.cached() == before);
  }

  SECTION("a new survey definition codes every answer again") {
    app::SurveySettings closed;
    closed.closes_at = std::optional<int64_t>(2000000000);
    app::change_settings(f.services, app::Actor{"test"}, survey_id, closed);
    CHECK(f.cached() == before);
    CHECK(cache.counts().full_coding == 2);
  }
}

TEST_CASE("incremental tagging finds what tagging everything finds", "[app][cache]") {
  CacheFixture f;
  const std::vector<std::string> texts = {"Mörkt vid tunneln",      "Bilarna kör för fort",
                                          "Ingen polis syns till",  "Gängen skjuter i området",
                                          "Inga problem alls",      "Klotter och skräp överallt",
                                          "Knark säljs vid skolan", "Ungdomar skriker på natten"};
  for (size_t round = 0; round < 3; ++round) {
    for (const auto& text : texts) f.answer(text + " " + std::to_string(round));
    CHECK(f.cached() == f.fresh());
  }
  CHECK(f.services.analyses().counts().full_tagging == 1);
  CHECK(f.services.analyses().counts().added_tagging == 2);
}

TEST_CASE("readers on many threads see every change, never an older state", "[app][cache]") {
  CacheFixture f;
  f.services.keep_index_current();
  for (int i = 0; i < 20; ++i) f.answer("Mörkt vid tunneln nummer " + std::to_string(i));
  std::atomic<bool> stop{false};
  std::atomic<int> reads{0}, went_back{0}, failed{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&, t] {
      int64_t seen_texts = 0, seen_respondents = 0;
      while (!stop) {
        try {
          app::SurveyAnalysis s(f.services, survey_id);
          const auto& ctx = s.context();
          const auto themes = reports::theme_summary(ctx, std::nullopt);
          reports::PriorityOptions o;
          if (t % 2) o.area = "handen";
          const auto priorities = reports::priority_report(ctx, o);
          // Answers are only added: a later read never shows fewer.
          if (themes.texts < seen_texts) ++went_back;
          if (!o.area && priorities.respondents < seen_respondents) ++went_back;
          seen_texts = themes.texts;
          if (!o.area) seen_respondents = priorities.respondents;
          ++reads;
        } catch (...) {
          ++failed;
        }
      }
    });
  }
  std::vector<std::string> added;
  for (int i = 0; i < 30; ++i) {
    added.push_back(f.answer("Bilarna kör för fort, runda " + std::to_string(i), "handen"));
    if (i % 5 == 0)
      app::code_response(f.services, app::Actor{"tester"}, survey_id,
                         {"r-" + std::to_string(i + 1), {"police_presence"}, {}});
    if (i == 15) {
      app::set_survey_margins(f.services, app::Actor{"tester"}, survey_id,
                              R"({"margins": {"area": {"handen": 600, "jordbro": 400}}})",
                              "margins.json");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // The indexer adds the last answers within about a second.
  json now;
  for (int i = 0; i < 100; ++i) {
    now = f.cached();
    if (!themes_of(now, added.back()).is_null()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  stop = true;
  for (auto& r : readers) r.join();
  CHECK(reads > 4);
  CHECK(went_back == 0);
  CHECK(failed == 0);
  CHECK(now["themes"]["texts"] == 50);
  CHECK(themes_of(now, added.back()) == json::array({"traffic"}));
  CHECK(now == f.fresh());
}
