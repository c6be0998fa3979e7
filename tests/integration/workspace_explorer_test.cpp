// Integration tests of the theme explorer over real HTTP against the real
// binary: what each role gets from every route (a viewer and a visitor not
// logged in never a byte of free text), stored script in answers escaped in
// the drill-down, search and snippets, recoding and codebook changes through
// the pages (audited, a stale preview refused), and dismissed suggestions.
#include <regex>
#include <thread>

#include "workspace_client.hpp"

using namespace lyssna::test;

namespace {

const std::string survey = "/workspace/surveys/trygghet-2026";
const std::string script_answer = "<script>alert(1)</script> Mörkt vid tunneln";
const std::string img_answer = "\"><img src=x onerror=alert(2)> Bilarna kör för fort";

std::string record(const std::string& id, const std::string& area, const std::string& text) {
  nlohmann::json r = {{"id", id},
                      {"survey", "trygghet-2026"},
                      {"lang", "sv"},
                      {"channel", "online"},
                      {"session", nullptr},
                      {"submitted_at", "2026-03-04T18:22:05Z"},
                      {"answers", {{"area", area}, {"free_text", text}}}};
  return r.dump() + "\n";
}

struct Explorer : Workspace {
  std::string anna, vera;
  Explorer() {
    add_user("anna", "analyst");
    add_user("vera", "viewer");
    const std::string lines = record("x-script", "jordbro", script_answer) +
                              record("x-img", "handen", img_answer) +
                              record("x-plain", "handen", "Det är mörkt på gångvägen vid skolan");
    auto imported = lyssna({"import", "-"}, lines);
    INFO(imported.err);
    REQUIRE(imported.status == 0);
    anna = login("anna");
    vera = login("vera");
    // The server's indexer takes the imported answers within about a second.
    for (int i = 0; i < 100; ++i) {
      auto res = get(survey + "/search?q=tunneln", anna);
      if (res && res->body.find("x-script") != std::string::npos) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    FAIL("the imported answers were not indexed");
  }
};

std::string hidden(const std::string& html, const std::string& name) {
  std::smatch m;
  const std::regex re("name=\"" + name + "\" value=\"([^\"]*)\"");
  if (!std::regex_search(html, m, re)) return "";
  return m[1];
}

const std::vector<std::string> free_text_pages = {
    "/themes/traffic",    "/themes/traffic?area=handen",      "/search?q=tunneln",       "/search",
    "/themes/edit-theme", "/themes/edit-theme?theme=traffic", "/themes/suggested-themes"};

}  // namespace

TEST_CASE("explorer: each role gets what it may, a viewer and a visitor no free text",
          "[workspace][explorer]") {
  Explorer w;
  for (const std::string& text : {std::string("tunneln"), std::string("onerror"),
                                  std::string("gångvägen"), std::string("x-script")}) {
    INFO(text);
    auto table = w.get(survey + "/themes", w.vera);
    REQUIRE(table);
    CHECK(table->status == 200);
    CHECK(table->body.find(text) == std::string::npos);
    for (const auto& page : free_text_pages) {
      INFO(page);
      auto viewer = w.get(survey + page, w.vera);
      REQUIRE(viewer);
      CHECK(viewer->status == 403);
      CHECK(viewer->body.find(text) == std::string::npos);
      auto visitor = w.get(survey + page);
      REQUIRE(visitor);
      CHECK(visitor->status == 303);
      CHECK(visitor->body.empty());
    }
  }
  // The viewer's table has counts and shares, and no way into the answers.
  auto table = w.get(survey + "/themes", w.vera);
  CHECK(table->body.find("heat-") != std::string::npos);
  CHECK(table->body.find(survey + "/themes/traffic") == std::string::npos);
  CHECK(table->body.find("edit-theme") == std::string::npos);
  CHECK(w.get(survey + "/themes")->status == 303);
  // The analyst reads them; the pages carrying free text are not cached.
  for (const auto& page : free_text_pages) {
    INFO(page);
    auto res = w.get(survey + page, w.anna);
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Cache-Control") == "no-store");
    CHECK(res->body.find("style=") == std::string::npos);
    CHECK(res->body.find("<script") == std::string::npos);
  }
  auto analyst_table = w.get(survey + "/themes", w.anna);
  CHECK(analyst_table->body.find(survey + "/themes/traffic?area=handen") != std::string::npos);
  CHECK(w.get(survey + "/themes/no_such_theme", w.anna)->status == 404);
  CHECK(w.get(survey + "/themes/traffic?area=atlantis", w.anna)->status == 422);
  CHECK(w.get("/workspace/surveys/no-survey/themes", w.anna)->status == 404);

  // Every POST: refused without the session's token, and for a viewer.
  const std::vector<std::pair<std::string, Fields>> posts = {
      {"/recode", {{"record", "x-plain"}, {"theme", "traffic"}, {"change", "add"}}},
      {"/themes/edit-theme", {{"kind", "edit"}, {"op", "preview"}, {"id", "new_one"}}},
      {"/themes/suggested-themes/dismiss", {{"suggestion", "torget"}}}};
  const std::string vera_csrf = w.csrf(w.vera);
  for (const auto& [path, fields] : posts) {
    INFO(path);
    CHECK(w.post(survey + path, fields, w.anna)->status == 403);
    Fields forged = fields;
    forged.emplace_back("_csrf", std::string(64, 'a'));
    CHECK(w.post(survey + path, forged, w.anna)->status == 403);
    Fields as_viewer = fields;
    as_viewer.emplace_back("_csrf", vera_csrf);
    auto res = w.post(survey + path, as_viewer, w.vera);
    CHECK(res->status == 403);
    CHECK(w.post(survey + path, fields)->status == 303);
  }
  CHECK(count_actions(w.audit(), "response_recoded") == 0);
  CHECK(count_actions(w.audit(), "suggestion_dismissed") == 0);
}

TEST_CASE("explorer: stored script in answers comes back escaped, marks as <mark>",
          "[workspace][explorer]") {
  Explorer w;
  for (const std::string page : {"/search?q=tunneln", "/search?q=fort", "/search",
                                 "/themes/traffic", "/themes/lighting_environment"}) {
    INFO(page);
    auto res = w.get(survey + page, w.anna);
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->body.find("<script>alert") == std::string::npos);
    CHECK(res->body.find("<img src=x") == std::string::npos);
    CHECK(res->body.find("onerror=alert(2)>") == std::string::npos);
  }
  auto search = w.get(survey + "/search?q=tunneln", w.anna);
  CHECK(search->body.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(search->body.find("<mark>tunneln</mark>") != std::string::npos);
  auto fast = w.get(survey + "/search?q=fort", w.anna);
  CHECK(fast->body.find("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;") != std::string::npos);
  // A search the engine cannot read: the form again, saying why.
  auto broken = w.get(survey + "/search?q=%22unclosed+AND", w.anna);
  CHECK((broken->status == 422 || broken->status == 200));
  auto bad_date = w.get(survey + "/search?q=x&from=yesterday", w.anna);
  CHECK(bad_date->status == 422);
  CHECK(bad_date->body.find("search-from") != std::string::npos);
  // The filters: area, language, channel, theme, dates.
  auto in_handen = w.get(survey + "/search?q=m%C3%B6rkt&area=handen", w.anna);
  CHECK(in_handen->body.find("x-plain") != std::string::npos);
  CHECK(in_handen->body.find("x-script") == std::string::npos);
  auto english = w.get(survey + "/search?q=m%C3%B6rkt&language=en", w.anna);
  CHECK(english->body.find("x-plain") == std::string::npos);
  auto paper = w.get(survey + "/search?channel=paper", w.anna);
  CHECK(paper->body.find("x-plain") == std::string::npos);
  auto dated = w.get(survey + "/search?from=2026-03-04&to=2026-03-04", w.anna);
  CHECK(dated->body.find("x-plain") != std::string::npos);
  auto later = w.get(survey + "/search?from=2026-03-05", w.anna);
  CHECK(later->body.find("x-plain") == std::string::npos);
  // The filter by language is `language`: `lang` stays the page's own language.
  auto swedish_page = w.get(survey + "/search?lang=sv", w.anna);
  CHECK(swedish_page->body.find("<html lang=\"sv\"") != std::string::npos);
}

TEST_CASE("explorer: recoding a response through its card is audited and shows who",
          "[workspace][explorer]") {
  Explorer w;
  const std::string csrf = w.csrf(w.anna);
  const std::string back = survey + "/search?q=tunneln";
  auto added = w.post(survey + "/recode",
                      {{"_csrf", csrf},
                       {"record", "x-script"},
                       {"theme", "youth_activities"},
                       {"change", "add"},
                       {"back", back}},
                      w.anna);
  REQUIRE(added);
  CHECK(added->status == 303);
  CHECK(added->get_header_value("Location") == back + "#r-x-script");
  auto theme = w.get(survey + "/themes/youth_activities", w.anna);
  CHECK(theme->body.find("x-script") != std::string::npos);
  CHECK(theme->body.find("added by <span dir=\"auto\">anna</span>") != std::string::npos);
  // Taken off again, and a theme the engine gave taken off: the manual code wins.
  auto traffic = w.get(survey + "/themes/traffic", w.anna);
  REQUIRE(traffic->body.find("x-img") != std::string::npos);
  auto removed = w.post(survey + "/recode",
                        {{"_csrf", csrf},
                         {"record", "x-img"},
                         {"theme", "traffic"},
                         {"change", "remove"},
                         {"back", "https://evil.example/"}},
                        w.anna);
  CHECK(removed->status == 303);
  CHECK(removed->get_header_value("Location") == survey + "/themes#r-x-img");
  CHECK(w.get(survey + "/themes/traffic", w.anna)->body.find("x-img") == std::string::npos);
  auto card = w.get(survey + "/search?q=fort", w.anna);
  CHECK(card->body.find("Taken off by hand:") != std::string::npos);
  // Refused: an unknown theme or response, a change of neither kind.
  CHECK(w.post(survey + "/recode",
               {{"_csrf", csrf}, {"record", "x-img"}, {"theme", "nope"}, {"change", "add"}}, w.anna)
            ->status == 422);
  CHECK(w.post(survey + "/recode",
               {{"_csrf", csrf}, {"record", "nobody"}, {"theme", "traffic"}, {"change", "add"}},
               w.anna)
            ->status == 404);
  CHECK(w.post(survey + "/recode",
               {{"_csrf", csrf}, {"record", "x-img"}, {"theme", "traffic"}, {"change", "maybe"}},
               w.anna)
            ->status == 422);
  const auto audit = w.audit();
  CHECK(count_actions(audit, "response_recoded") == 2);
  for (const auto& e : audit) {
    if (e["action"] == "response_recoded") CHECK(e["actor"] == "anna");
  }
}

TEST_CASE("explorer: a codebook change is previewed, saved and audited, a stale one refused",
          "[workspace][explorer]") {
  Explorer w;
  const std::string csrf = w.csrf(w.anna);
  const std::string editor = survey + "/themes/edit-theme";
  auto page = w.get(editor + "?theme=lighting_environment", w.anna);
  REQUIRE(page->status == 200);
  Fields change = {{"_csrf", csrf},
                   {"kind", "edit"},
                   {"op", "preview"},
                   {"theme", "lighting_environment"},
                   {"id", "lighting_environment"},
                   {"label_sv", "Belysning"},
                   {"label_en", "Lighting"},
                   {"terms_sv", "gångvägen\ntunnel"}};
  auto preview = w.post(editor, change, w.anna);
  REQUIRE(preview);
  CHECK(preview->status == 200);
  // Both answers about the dark still match (by tunnel and by gångvägen): the samples show them.
  CHECK(preview->body.find("would gain a theme") != std::string::npos);
  const std::string base = hidden(preview->body, "base");
  const std::string previewed = hidden(preview->body, "previewed");
  REQUIRE(base.size() == 16);
  REQUIRE(previewed.size() == 16);
  CHECK(count_actions(w.audit(), "codebook_changed") == 0);  // a preview changes nothing

  // Fields changed after the preview: previewed again, not saved.
  Fields changed = change;
  changed.emplace_back("base", base);
  changed.emplace_back("previewed", previewed);
  for (auto& [k, v] : changed) {
    if (k == "op") v = "save";
    if (k == "terms_sv") v = "tunnel";
  }
  auto again = w.post(editor, changed, w.anna);
  CHECK(again->status == 200);
  CHECK(again->body.find("The fields changed since the preview") != std::string::npos);
  CHECK(count_actions(w.audit(), "codebook_changed") == 0);

  Fields save = change;
  for (auto& [k, v] : save) {
    if (k == "op") v = "save";
  }
  save.emplace_back("base", base);
  save.emplace_back("previewed", previewed);
  auto saved = w.post(editor, save, w.anna);
  REQUIRE(saved);
  CHECK(saved->status == 303);
  CHECK(saved->get_header_value("Location") == editor + "?theme=lighting_environment&done=saved");
  CHECK(count_actions(w.audit(), "codebook_changed") == 1);
  auto theme = w.get(survey + "/themes/lighting_environment", w.anna);
  CHECK(theme->body.find("x-plain") != std::string::npos);
  CHECK(theme->body.find("Belysning") == std::string::npos);  // the page is in English
  CHECK(theme->body.find("<h1>Lighting</h1>") != std::string::npos);

  // The same preview saved once more: the codebook changed since, 409.
  auto stale = w.post(editor, save, w.anna);
  CHECK(stale->status == 409);
  CHECK(stale->body.find("changed this survey") != std::string::npos);
  CHECK(count_actions(w.audit(), "codebook_changed") == 1);

  // A term that breaks the syntax: 422 naming it; nothing saved.
  Fields bad = change;
  for (auto& [k, v] : bad) {
    if (k == "terms_sv") v = "x*";
  }
  auto refused = w.post(editor, bad, w.anna);
  CHECK(refused->status == 422);
  CHECK(refused->body.find("x*") != std::string::npos);

  // A new theme, then merged into another: each previewed, saved and audited.
  Fields fresh = {{"_csrf", csrf},    {"kind", "edit"},         {"op", "preview"},   {"theme", ""},
                  {"id", "darkness"}, {"label_en", "Darkness"}, {"terms_sv", "mörk"}};
  auto fresh_preview = w.post(editor, fresh, w.anna);
  CHECK(fresh_preview->body.find("new theme") != std::string::npos);
  for (auto& [k, v] : fresh) {
    if (k == "op") v = "save";
  }
  fresh.emplace_back("base", hidden(fresh_preview->body, "base"));
  fresh.emplace_back("previewed", hidden(fresh_preview->body, "previewed"));
  CHECK(w.post(editor, fresh, w.anna)->status == 303);
  Fields merge = {{"_csrf", csrf},
                  {"kind", "merge"},
                  {"op", "preview"},
                  {"theme", "darkness"},
                  {"into", "lighting_environment"}};
  auto merge_preview = w.post(editor, merge, w.anna);
  CHECK(merge_preview->status == 200);
  CHECK(merge_preview->body.find("merged into") != std::string::npos);
  for (auto& [k, v] : merge) {
    if (k == "op") v = "save";
  }
  merge.emplace_back("base", hidden(merge_preview->body, "base"));
  merge.emplace_back("previewed", hidden(merge_preview->body, "previewed"));
  CHECK(w.post(editor, merge, w.anna)->status == 303);
  CHECK(w.get(survey + "/themes/darkness", w.anna)->status == 303);  // its old id leads on
  CHECK(count_actions(w.audit(), "codebook_changed") == 3);
  bool noted = false;
  for (const auto& e : w.audit()) {
    if (e["action"] == "codebook_changed" &&
        e["detail"] == "merge darkness into lighting_environment")
      noted = e["actor"] == "anna";
  }
  CHECK(noted);
}

TEST_CASE("explorer: a suggested theme is accepted into the editor or dismissed for good",
          "[workspace][explorer]") {
  Explorer w;
  REQUIRE(
      w.lyssna({"demo", "--responses", "400", "--seed", "3", "--survey", "trygghet-demo"}).status ==
      0);
  const std::string demo = "/workspace/surveys/trygghet-demo";
  std::string body;
  for (int i = 0; i < 100; ++i) {
    // The server sees the new survey within a second, its answers soon after.
    auto page = w.get(demo + "/themes/suggested-themes", w.anna);
    REQUIRE(page);
    body = page->status == 200 ? page->body : "";
    if (body.find("name=\"suggestion\"") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const std::string key = hidden(body, "suggestion");
  REQUIRE_FALSE(key.empty());
  // Accepting opens the editor with the suggestion's terms filled in.
  std::smatch m;
  REQUIRE(std::regex_search(body, m,
                            std::regex("href=\"(" + demo + "/themes/edit-theme\\?id=[^\"]*)\"")));
  std::string accept = m[1];
  accept = std::regex_replace(accept, std::regex("&amp;"), "&");
  auto editor = w.get(accept, w.anna);
  CHECK(editor->status == 200);
  CHECK(editor->body.find("name=\"terms_sv\"") != std::string::npos);
  CHECK(editor->body.find("New theme") != std::string::npos);
  // Dismissed: not proposed again, and audited.
  auto dismissed = w.post(demo + "/themes/suggested-themes/dismiss",
                          {{"_csrf", w.csrf(w.anna)}, {"suggestion", key}}, w.anna);
  CHECK(dismissed->status == 303);
  CHECK(dismissed->get_header_value("Location") ==
        demo + "/themes/suggested-themes?done=dismissed");
  auto after = w.get(dismissed->get_header_value("Location"), w.anna);
  CHECK(after->body.find("name=\"suggestion\" value=\"" + key + "\"") == std::string::npos);
  CHECK(after->body.find("will not be proposed again") != std::string::npos);
  const auto audit = w.audit();
  CHECK(count_actions(audit, "suggestion_dismissed") == 1);
  for (const auto& e : audit) {
    if (e["action"] == "suggestion_dismissed") {
      CHECK(e["target"] == "trygghet-demo");
      CHECK(e["detail"] == key);
    }
  }
}
