// Unit tests of the theme explorer's logic: what a codebook change moves
// (the preview's diff), the editor's changes of a codebook, dismissed
// suggestions, who coded a response, snippet parts and distinct quotes.
#include <catch2/catch.hpp>

#include "analysis/analysis_error.hpp"
#include "analysis/codebook/codebook_diff.hpp"
#include "analysis/quotes/theme_quotes.hpp"
#include "app/code_history.hpp"
#include "app/codebook_editing.hpp"
#include "app/suggestions.hpp"
#include "http/snippet_view.hpp"
#include "util/errors.hpp"

using namespace lyssna;

namespace {

analysis::Codebook book(const std::vector<std::string>& ids) {
  analysis::Codebook c;
  c.id = "test";
  for (const auto& id : ids) {
    analysis::Theme t;
    t.id = id;
    t.label = {{"en", "The " + id}};
    t.terms = {{"sv", {id + "ord"}}};
    c.themes.push_back(t);
  }
  return c;
}

// Rows r1..rN (sorted), each with the themes (indices) given.
analysis::ThemeAssignment assignment(const std::vector<std::vector<uint16_t>>& themes) {
  analysis::ThemeAssignment a;
  for (size_t i = 0; i < themes.size(); ++i) {
    analysis::TaggedResponse row;
    row.record_id = "r" + std::to_string(i + 1);
    row.area = "handen";
    row.docid = static_cast<Xapian::docid>(i + 1);
    row.themes = themes[i];
    a.rows.push_back(row);
  }
  return a;
}

const analysis::ThemeChange* change_of(const analysis::CodebookDiff& d, const std::string& theme) {
  for (const auto& c : d.themes) {
    if (c.theme == theme) return &c;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("a codebook diff counts the responses each theme gains and loses", "[explorer]") {
  const auto before = book({"a", "b"});
  SECTION("changed terms") {
    const auto old = assignment({{0}, {0, 1}, {}, {1}});
    const auto now = assignment({{0}, {1}, {0}, {1}});
    const auto d = analysis::diff_assignments(before, old, before, now);
    REQUIRE(d.themes.size() == 1);
    const auto* a = change_of(d, "a");
    REQUIRE(a);
    CHECK(a->kind == analysis::ThemeChange::Kind::kept);
    CHECK(a->gained == std::vector<std::string>{"r3"});
    CHECK(a->lost == std::vector<std::string>{"r2"});
    CHECK(d.gained == 1);
    CHECK(d.lost == 1);
    CHECK(d.responses_gaining == 1);
    CHECK(d.responses_losing == 1);
  }
  SECTION("a rename compares the theme with its old self") {
    auto after = before;
    after.themes[0].id = "c";
    after.renamed["a"] = "c";
    const auto old = assignment({{0}, {1}});
    const auto d = analysis::diff_assignments(before, old, after, old);
    REQUIRE(d.themes.size() == 1);
    CHECK(d.themes[0].kind == analysis::ThemeChange::Kind::renamed);
    CHECK(d.themes[0].theme == "c");
    CHECK(d.themes[0].was == "a");
    CHECK(d.gained == 0);
    CHECK(d.lost == 0);
  }
  SECTION("a merge: the merged theme loses all, the other gains what it lacked") {
    const auto after = app::with_merge(before, "a", "b");
    const auto old = assignment({{0}, {0, 1}, {1}, {}});
    const auto now = assignment({{0}, {0}, {0}, {}});  // b is index 0 now
    const auto d = analysis::diff_assignments(before, old, after, now);
    const auto* b = change_of(d, "b");
    const auto* a = change_of(d, "a");
    REQUIRE(b);
    REQUIRE(a);
    CHECK(b->gained == std::vector<std::string>{"r1"});
    CHECK(b->lost.empty());
    CHECK(a->kind == analysis::ThemeChange::Kind::dropped);
    CHECK(a->into == "b");
    CHECK(a->lost == std::vector<std::string>{"r1", "r2"});
    CHECK(d.responses_gaining == 1);
    CHECK(d.responses_losing == 2);
  }
  SECTION("a deletion and a new theme") {
    auto after = app::without_theme(before, "b");
    app::ThemeDraft draft;
    draft.id = "n";
    draft.terms = {{"sv", {"nytt"}}};
    after = app::with_theme(after, draft);
    const auto old = assignment({{1}, {0}});
    const auto now = assignment({{1}, {0}});  // n is index 1 now
    const auto d = analysis::diff_assignments(before, old, after, now);
    const auto* n = change_of(d, "n");
    const auto* b = change_of(d, "b");
    REQUIRE(n);
    REQUIRE(b);
    CHECK(n->kind == analysis::ThemeChange::Kind::created);
    CHECK(n->gained == std::vector<std::string>{"r1"});
    CHECK(b->kind == analysis::ThemeChange::Kind::dropped);
    CHECK(b->into.empty());
    CHECK(b->lost == std::vector<std::string>{"r1"});
  }
}

TEST_CASE("the editor's changes of a codebook keep it valid and name the field at fault",
          "[explorer]") {
  const auto c = book({"a", "b"});
  app::ThemeDraft edit;
  edit.original = "a";
  edit.id = "a";
  edit.label = {{"sv", "Ett"}, {"en", ""}};
  edit.terms = {{"sv", {"mörk*", "gatu belysning"}}, {"en", {}}};
  const auto changed = app::with_theme(c, edit);
  REQUIRE(changed.find("a"));
  CHECK(changed.find("a")->label == std::map<std::string, std::string>{{"sv", "Ett"}});
  CHECK(changed.find("a")->terms.at("sv").size() == 2);
  CHECK(changed.find("a")->terms.count("en") == 0);
  CHECK(app::codebook_fingerprint(changed) != app::codebook_fingerprint(c));
  CHECK(app::codebook_fingerprint(c) == app::codebook_fingerprint(book({"a", "b"})));

  auto bad = edit;
  bad.terms = {{"en", {"x*"}}};
  try {
    app::with_theme(c, bad);
    FAIL("a term with '*' after one letter passed");
  } catch (const Invalid& e) {
    CHECK(e.field() == "terms_en");
    CHECK(std::string(e.what()).find("x*") != std::string::npos);
  }
  auto taken = edit;
  taken.id = "b";
  CHECK_THROWS_AS(app::with_theme(c, taken), Invalid);
  auto malformed = edit;
  malformed.id = "Ö ö";
  try {
    app::with_theme(c, malformed);
    FAIL("a malformed id passed");
  } catch (const Invalid& e) {
    CHECK(e.field() == "id");
  }

  // A rename records the old id, and renames made earlier follow it.
  auto first = edit;
  first.id = "c";
  const auto renamed = app::with_theme(c, first);
  CHECK(renamed.resolve("a") == "c");
  auto second = first;
  second.original = "c";
  second.id = "d";
  const auto twice = app::with_theme(renamed, second);
  CHECK(twice.resolve("a") == "d");
  CHECK(twice.resolve("c") == "d");

  const auto merged = app::with_merge(c, "a", "b");
  CHECK(merged.themes.size() == 1);
  CHECK(merged.resolve("a") == "b");
  CHECK(merged.find("b")->terms.at("sv") == std::vector<std::string>{"bord", "aord"});
  CHECK_THROWS_AS(app::with_merge(c, "a", "a"), Invalid);
  CHECK_THROWS_AS(app::with_merge(c, "zz", "a"), NotFound);

  const auto fewer = app::without_theme(renamed, "c");
  CHECK(fewer.themes.size() == 1);
  CHECK(fewer.resolve("a").empty());  // its renames go with it
  CHECK_THROWS_AS(app::without_theme(book({"a"}), "a"), Invalid);

  CHECK(app::terms_from_lines(" mörkt \r\n\n  tunnel\nmörkt\n") ==
        std::vector<std::string>{"mörkt", "tunnel"});
}

TEST_CASE("dismissed suggestions are not offered again", "[explorer]") {
  analysis::CandidateTheme dogs, bikes, empty;
  dogs.terms = {"hund", "hundar"};
  bikes.terms = {"cykel"};
  const auto open = app::open_suggestions({dogs, bikes, empty}, {"hund"});
  REQUIRE(open.size() == 2);
  CHECK(open[0].terms == bikes.terms);
  CHECK(app::suggestion_key(dogs) == "hund");
  CHECK(app::suggestion_key(empty).empty());
}

TEST_CASE("the standing manual code of a theme is the latest, renames followed", "[explorer]") {
  auto c = book({"a", "b"});
  c.themes[0].id = "c";
  c.renamed["a"] = "c";
  const std::vector<storage::ManualCodeRow> rows = {
      {"r1", "a", true, 10, "anna"}, {"r1", "c", false, 20, "bo"},
      {"r1", "b", true, 30, "anna"}, {"r2", "b", true, 40, "cecilia"},
      {"r1", "gone", true, 50, "x"},
  };
  const auto codes = app::standing_codes(rows, c, {"r1"});
  REQUIRE(codes.size() == 1);
  const auto& r1 = codes.at("r1");
  REQUIRE(r1.size() == 2);
  CHECK(r1[0].theme == "c");
  CHECK_FALSE(r1[0].add);
  CHECK(r1[0].coded_by == "bo");
  CHECK(r1[1].theme == "b");
  CHECK(r1[1].coded_by == "anna");
}

TEST_CASE("snippet marks become parts, never markup", "[explorer]") {
  const auto parts = http::marked_parts("…vid **tunneln** är det <b>**mörkt**</b> och **");
  REQUIRE(parts.size() == 5);
  CHECK(parts[0]["text"] == "…vid ");
  CHECK(parts[1]["text"] == "tunneln");
  CHECK(parts[1]["marked"] == true);
  CHECK(parts[2]["text"] == " är det <b>");
  CHECK(parts[2]["marked"] == false);
  CHECK(parts[3]["text"] == "mörkt");
  CHECK(parts[4]["text"] == "</b> och **");
  CHECK(http::marked_parts("").empty());
  CHECK(http::url_encode("a b&c=ö/") == "a%20b%26c%3D%C3%B6%2F");
}

TEST_CASE("representative quotes are distinct texts as shown, contact details masked",
          "[explorer][quotes]") {
  // Three answers that differ only in a phone number are one text once masked.
  const std::vector<analysis::QuoteCandidate> candidates = {{"r1", "handen", "sv"},
                                                            {"r2", "jordbro", "sv"},
                                                            {"r3", "handen", "sv"},
                                                            {"r4", "jordbro", "sv"}};
  const std::map<std::string, std::string> texts = {
      {"r1", "Mörkt vid tunneln, ring mig 070-123 45 67"},
      {"r2", "Mörkt vid tunneln, ring mig 070-765 43 21"},
      {"r3", "mörkt vid tunneln; ring mig 08-555 123 45"},
      {"r4", "Bilarna kör för fort på Hantverkarvägen"}};
  analysis::TextSource source = [&](const std::vector<std::string>& ids) {
    std::vector<std::vector<analysis::TextAnswer>> out;
    for (const auto& id : ids) out.push_back({{"q_free", texts.at(id)}});
    return out;
  };
  const auto quotes = analysis::pick_quotes(candidates, 3, source);
  REQUIRE(quotes.size() == 2);
  CHECK(quotes[0].record_id == "r1");
  CHECK(quotes[0].text == "Mörkt vid tunneln, ring mig […]");
  CHECK(quotes[1].record_id == "r4");
}
