// The cache of the form's first pages: rendered once per survey definition
// and language, never served for another definition than the caller's.
#include "http/first_pages.hpp"

#include <catch2/catch.hpp>

#include "collector/questionnaire/standard_template.hpp"
#include "util/errors.hpp"

using namespace lyssna;

namespace {

questionnaire::QuestionnairePtr survey(const std::string& title) {
  questionnaire::TemplateOptions o;
  o.survey_id = "trygghet-2026";
  o.areas = questionnaire::parse_area_list("handen,jordbro");
  auto q = std::make_shared<questionnaire::Questionnaire>(
      questionnaire::build_from_template("trygghet", o));
  q->title["sv"] = title;
  return q;
}

}  // namespace

TEST_CASE("a first page is rendered once per survey definition and language", "[form]") {
  http::FirstPages pages;
  int renders = 0;
  auto render_of = [&](const questionnaire::QuestionnairePtr& q) {
    return [&renders, q](const std::string& marker) {
      ++renders;
      return "<h1>" + q->title.at("sv") + "</h1><input value=\"" + marker + "\">";
    };
  };
  const auto before = survey("Före");
  auto first = pages.get(before, "sv", render_of(before));
  CHECK(first->before == "<h1>Före</h1><input value=\"");
  CHECK(first->after == "\">");
  CHECK(pages.get(before, "sv", render_of(before)) == first);  // cached
  CHECK(renders == 1);
  pages.get(before, "en", render_of(before));  // another language is another page
  CHECK(renders == 2);

  // The survey changed: its new definition gets its own page, and a request
  // still holding the old one (read before the change) gets the old one's,
  // never a page of the other under its own.
  const auto after = survey("Efter");
  CHECK(pages.get(after, "sv", render_of(after))->before == "<h1>Efter</h1><input value=\"");
  CHECK(pages.get(before, "sv", render_of(before))->before == "<h1>Före</h1><input value=\"");
  CHECK(pages.get(after, "sv", render_of(after))->before == "<h1>Efter</h1><input value=\"");
  CHECK(renders == 5);
}

TEST_CASE("a first page without the record id's place is an error", "[form]") {
  http::FirstPages pages;
  CHECK_THROWS_AS(pages.get(survey("x"), "sv", [](const std::string&) { return "<p>"; }), Error);
}
