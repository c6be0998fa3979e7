// Theme suggestions for notes (app/theme_suggestions.hpp): the default
// codebook's themes for a Swedish and an English note, none for a text no
// theme matches, the same themes the index gives the stored note, a
// renamed theme's new id, and a compiled codebook kept until it changes.
#include <catch2/catch.hpp>

#include "../support/app_survey.hpp"
#include "app/coding.hpp"
#include "app/survey_analysis.hpp"
#include "app/theme_suggestions.hpp"
#include "indexing/language_data.hpp"

using namespace lyssna;

namespace {

std::vector<std::string> suggestion_ids(const std::vector<app::ThemeSuggestion>& found) {
  std::vector<std::string> ids;
  for (const auto& f : found) ids.push_back(f.theme);
  return ids;
}

bool suggests(const std::vector<app::ThemeSuggestion>& found, const std::string& theme) {
  const auto ids = suggestion_ids(found);
  return std::find(ids.begin(), ids.end(), theme) != ids.end();
}

}  // namespace

TEST_CASE(
    "theme suggestions: a Swedish and an English note get their theme from the default codebook",
    "[theme_suggestions]") {
  test::AppSurvey fixture("suggest-default.db");
  app::ThemeSuggester suggester;
  auto sv = suggester.suggest(fixture.services, "trygghet-2026",
                              {"Det är mycket fortkörning på Storgatan om kvällarna", "sv", {}});
  CHECK(suggests(sv, "traffic"));
  auto en =
      suggester.suggest(fixture.services, "trygghet-2026",
                        {"The underpass is pitch black, the streetlights are broken", "en", {}});
  REQUIRE_FALSE(en.empty());
  CHECK(en.front().theme == "lighting_environment");
  CHECK(en.front().terms >= 1);
  // Two themes in one note: both, the one with more matched terms first.
  auto both = suggester.suggest(
      fixture.services, "trygghet-2026",
      {"Bilarna kör fort, fortkörning hela tiden, och det är mörkt vid busshållplatsen", "sv", {}});
  CHECK(suggests(both, "traffic"));
  CHECK(both.front().theme == "traffic");
}

TEST_CASE("theme suggestions: a text no theme matches gets none, an empty text none",
          "[theme_suggestions]") {
  test::AppSurvey fixture("suggest-none.db");
  app::ThemeSuggester suggester;
  CHECK(suggester
            .suggest(fixture.services, "trygghet-2026", {"Vi drack kaffe och åt bullar", "sv", {}})
            .empty());
  CHECK(suggester.suggest(fixture.services, "trygghet-2026", {"   ", "sv", {}}).empty());
  CHECK_THROWS_AS(suggester.suggest(fixture.services, "trygghet-2026", {"hej", "xx", {}}), Invalid);
  CHECK_THROWS_AS(
      suggester.suggest(fixture.services, "trygghet-2026", {std::string(3000, 'a'), "sv", {}}),
      Invalid);
  CHECK_THROWS_AS(suggester.suggest(fixture.services, "no-such-survey", {"fortkörning", "sv", {}}),
                  NotFound);
}

TEST_CASE("theme suggestions: the themes the index gives the same text once stored",
          "[theme_suggestions]") {
  test::AppSurvey fixture("suggest-index.db");
  app::ThemeSuggester suggester;
  const std::vector<std::pair<std::string, std::string>> texts = {
      {"r-1", "Ingen belysning i tunneln och killar som säljer knark"},
      {"r-2", "Inbrott i förråden och klotter på skolan"},
      {"r-3", "Trafiken är inget problem här, men mopeder kör på trottoaren"},
      {"r-4", "Vi vill ha fler vuxna ute på kvällarna och en fritidsgård"}};
  for (const auto& [id, text] : texts)
    test::submit_answer(fixture.services, "trygghet-2026", id,
                        {{"area", "jordbro"}, {"free_text", text}});
  app::SurveyAnalysis analysis(fixture.services, "trygghet-2026");
  const auto& ctx = analysis.context();
  for (const auto& [id, text] : texts) {
    INFO(text);
    const auto* row = ctx.themes().find(id);
    REQUIRE(row);
    std::vector<std::string> indexed;
    for (auto t : row->themes) indexed.push_back(ctx.codebook().themes[t].id);
    auto suggested = suggestion_ids(
        suggester.suggest(fixture.services, "trygghet-2026", {text, "sv", {}}, 1000));
    std::sort(indexed.begin(), indexed.end());
    std::sort(suggested.begin(), suggested.end());
    CHECK(suggested == indexed);
    CHECK_FALSE(suggested.empty());
  }
}

TEST_CASE(
    "theme suggestions: a renamed theme is suggested under its new id, compiled once per codebook",
    "[theme_suggestions]") {
  test::AppSurvey fixture("suggest-renamed.db");
  app::ThemeSuggester suggester;
  const app::NoteDraft note{"Fortkörning varje kväll utanför skolan", "sv", {}};
  CHECK(suggests(suggester.suggest(fixture.services, "trygghet-2026", note), "traffic"));
  CHECK(suggester.compilations() == 1);
  CHECK(suggests(suggester.suggest(fixture.services, "trygghet-2026", note), "traffic"));
  CHECK(suggester.compilations() == 1);  // the compiled codebook kept

  analysis::Codebook renamed = indexing::default_codebook();
  for (auto& theme : renamed.themes) {
    if (theme.id != "traffic") continue;
    theme.id = "road_safety";
    theme.label["sv"] = "Trafiksäkerhet";
  }
  renamed.renamed["traffic"] = "road_safety";
  app::set_codebook(fixture.services, app::Actor{"test"}, "trygghet-2026", renamed);
  auto found = suggester.suggest(fixture.services, "trygghet-2026", note);
  CHECK(suggests(found, "road_safety"));
  CHECK_FALSE(suggests(found, "traffic"));
  CHECK(suggester.compilations() == 2);
}
