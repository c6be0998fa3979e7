// Integration tests of the workspace's promise pages over real HTTP
// against the real binary, on `lyssna demo` (a survey with marked
// priorities and a published promise): an analyst drafts a promise from
// the marks, adds parties and activities, is refused with the form kept,
// adopts, follows up and publishes; the public page shows the public text
// and never the internal note; the quarter view shows what is behind; a
// viewer reads but changes nothing and sees no resident's words; a focus
// area is evaluated against a later survey.
#include <regex>

#include "workspace_client.hpp"

using namespace lyssna;
using namespace lyssna::test;

namespace {

struct PromiseWorkspace : Workspace {
  PromiseWorkspace() {
    // No server while the demo indexes its answers (it drafts its promise
    // from priorities with their quotes) and while reindexing.
    server.reset();
    const auto demo = lyssna({"demo", "--responses", "400"});
    INFO(demo.err);
    REQUIRE(demo.status == 0);
    add_user("anna", "analyst");
    add_user("vera", "viewer");
    // Indexed before the server starts: a draft made at once takes the
    // evidence quotes of an index that has every answer.
    const auto indexed = lyssna({"reindex", "--quiet"});
    INFO(indexed.err);
    REQUIRE(indexed.status == 0);
    start();
  }
  // The page, which must be there.
  std::string page(const std::string& path, const std::string& cookie) {
    auto res = get(path, cookie);
    REQUIRE(res);
    INFO(res->body.substr(0, 2000));
    REQUIRE(res->status == 200);
    return res->body;
  }
  // A change that must succeed: the address it sends the browser to.
  std::string change(const std::string& path, Fields fields, const std::string& cookie,
                     const std::string& csrf) {
    fields.emplace_back("_csrf", csrf);
    auto res = post(path, fields, cookie);
    REQUIRE(res);
    INFO(res->body.substr(0, 3000));
    REQUIRE(res->status == 303);
    return res->get_header_value("Location");
  }
};

std::vector<std::string> all_of(const std::string& html, const std::string& pattern) {
  std::vector<std::string> out;
  const std::regex re(pattern);
  for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator();
       ++it)
    out.push_back((*it)[1]);
  return out;
}

}  // namespace

TEST_CASE("an analyst drafts a promise from the marked priorities and takes it to the residents",
          "[workspace][promise]") {
  PromiseWorkspace w;
  const std::string anna = w.login("anna");
  const std::string csrf = w.csrf(anna);
  const auto audit_before = w.audit();

  // The priority page leads to the form, with the survey chosen.
  const std::string prio = w.page("/workspace/surveys/trygghet-demo/priorities", anna);
  CHECK(prio.find("/workspace/promises?from=trygghet-demo") != std::string::npos);
  const std::string list = w.page("/workspace/promises?from=trygghet-demo", anna);
  CHECK(list.find("<option value=\"trygghet-demo\" selected>") != std::string::npos);

  const std::string created = w.change("/workspace/promises",
                                       {{"from", "trygghet-demo"},
                                        {"kommun", "nynashamn"},
                                        {"first_year", "2027"},
                                        {"last_year", "2027"},
                                        {"title_sv", "Medborgarlöfte 2027"},
                                        {"title_en", "Citizen promise 2027"}},
                                       anna, csrf);
  const std::smatch m = [&] {
    std::smatch found;
    REQUIRE(std::regex_match(created, found,
                             std::regex("/workspace/promises/([0-9]+)\\?done=created")));
    return found;
  }();
  const std::string path = "/workspace/promises/" + std::string(m[1]);
  std::string html = w.page(path, anna);
  const auto focus_areas = all_of(html, "id=\"fa-([0-9]+)\"");
  REQUIRE(focus_areas.size() >= 2);  // demo marks its three top priorities
  // The evidence: the figures and the residents' words, for an analyst.
  CHECK(html.find("respondents") != std::string::npos);
  CHECK(html.find("<blockquote") != std::string::npos);
  // A new activity follows the theme's survey indicator up: prefilled.
  CHECK(html.find("<option value=\"theme_") != std::string::npos);

  // A new kommun has no parties yet: add two, sign with both.
  w.change(path + "/party", {{"code", "SBF"}, {"kind", "kommun"}, {"name_sv", "Samhällsbyggnad"}},
           anna, csrf);
  w.change(path + "/party",
           {{"code", "polis"}, {"kind", "police"}, {"name_sv", "Lokalpolisområde Nynäshamn"}}, anna,
           csrf);
  html = w.page(path, anna);
  const auto parties = all_of(html, "id=\"header-party-([0-9]+)\"");
  REQUIRE(parties.size() == 2);
  w.change(path + "/header",
           {{"title_sv", "Medborgarlöfte 2027"},
            {"first_year", "2027"},
            {"last_year", "2027"},
            {"party", parties[0]},
            {"party", parties[1]}},
           anna, csrf);

  // Refused: an activity without a responsible party, the form as typed.
  auto refused = w.post(path + "/focus-areas/" + focus_areas[0] + "/activities",
                        {{"_csrf", csrf},
                         {"text_sv", "Min aktivitet utan ansvar"},
                         {"indicator_kind", "count"},
                         {"indicator_text_sv", "antal"}},
                        anna);
  REQUIRE(refused);
  CHECK(refused->status == 422);
  CHECK(refused->body.find("id=\"problems\"") != std::string::npos);
  CHECK(refused->body.find("href=\"#new-" + focus_areas[0] + "-party\"") != std::string::npos);
  CHECK(refused->body.find(">Min aktivitet utan ansvar</textarea>") != std::string::npos);

  // Three activities over two focus areas, one with a countable target.
  const std::string first = w.change(path + "/focus-areas/" + focus_areas[0] + "/activities",
                                     {{"text_sv", "Trygghetsvandringar i centrum"},
                                      {"text_en", "Safety walks in the centre"},
                                      {"party", parties[0]},
                                      {"party", parties[1]},
                                      {"frequency_sv", "två per halvår"},
                                      {"target_count", "2"},
                                      {"target_unit", "half_year"},
                                      {"indicator_kind", "survey_indicator"},
                                      {"indicator_id", "unsafe_at_night"},
                                      {"indicator_area", ""}},
                                     anna, csrf);
  const std::string activity = all_of(first, "#act-([0-9]+)$").at(0);
  w.change(path + "/focus-areas/" + focus_areas[0] + "/activities",
           {{"text_sv", "Dialogmöten med föreningar"},
            {"party", parties[1]},
            {"target_count", "4"},
            {"target_unit", "year"},
            {"indicator_kind", "count"},
            {"indicator_text_sv", "antal möten"}},
           anna, csrf);
  for (size_t i = 1; i < focus_areas.size(); ++i) {
    w.change(path + "/focus-areas/" + focus_areas[i] + "/activities",
             {{"text_sv", "Bättre belysning"},
              {"party", parties[0]},
              {"indicator_kind", "text"},
              {"indicator_text_sv", "Rapport till styrgruppen"}},
             anna, csrf);
  }

  // Adopted, a draft's forms are gone and a change is refused.
  w.change(path + "/status", {{"status", "adopted"}}, anna, csrf);
  html = w.page(path, anna);
  CHECK(html.find("action=\"" + path + "/header\"") == std::string::npos);
  auto late = w.post(path + "/focus-areas/" + focus_areas[0] + "/activities",
                     {{"_csrf", csrf},
                      {"text_sv", "Sent"},
                      {"party", parties[0]},
                      {"indicator_kind", "count"},
                      {"indicator_text_sv", "x"}},
                     anna);
  REQUIRE(late);
  CHECK(late->status == 409);

  w.change(path + "/activities/" + activity + "/follow-up",
           {{"date", "2027-02-10"},
            {"done_count", "1"},
            {"status", "on_track"},
            {"public_text_sv", "Den första trygghetsvandringen gick genom centrum."},
            {"internal_note", "Intern: ny kontaktperson hos fastighetsägaren."},
            {"published", "1"}},
           anna, csrf);
  html = w.page(path, anna);
  CHECK(html.find("Intern: ny kontaktperson") != std::string::npos);
  w.change(path + "/status", {{"status", "published"}}, anna, csrf);

  // The residents' page: the public text, never the internal note.
  const std::string id = m[1];
  const std::string public_page = w.page("/promise/" + id + "?lang=sv", "");
  CHECK(public_page.find("Den första trygghetsvandringen") != std::string::npos);
  CHECK(public_page.find("Intern: ny kontaktperson") == std::string::npos);

  // The first quarter: a dialogue meeting was planned (4 a year) and none
  // held, so it is behind; the walk (one planned, one done) is not.
  const std::string progress = w.page(path + "/progress?period=2027-Q1", anna);
  CHECK(progress.find("class=\"promise-behind\"") != std::string::npos);
  CHECK(progress.find("Dialogmöten med föreningar") != std::string::npos);
  const auto behind_rows =
      all_of(progress, "<tr class=\"promise-behind\"><th scope=\"row\"><a[^>]*>([^<]*)<");
  CHECK(std::find(behind_rows.begin(), behind_rows.end(), "Trygghetsvandringar i centrum") ==
        behind_rows.end());
  CHECK(std::find(behind_rows.begin(), behind_rows.end(), "Dialogmöten med föreningar") !=
        behind_rows.end());

  const auto audit = w.audit();
  auto added = [&](const std::string& action) {
    return count_actions(audit, action) - count_actions(audit_before, action);
  };
  CHECK(added("promise_changed") >= 8);
  CHECK(added("promise_parties_changed") == 2);
  CHECK(added("follow_up_recorded") == 1);
}

TEST_CASE("a viewer reads a promise but changes nothing and reads no resident's words",
          "[workspace][promise]") {
  PromiseWorkspace w;
  const std::string vera = w.login("vera");
  const std::string csrf = w.csrf(vera);
  const std::string html = w.page("/workspace/promises/1", vera);
  // Residents' words only as published with the promise (public anyway):
  // no evidence quote to choose from.
  CHECK(html.find("name=\"record\"") == std::string::npos);
  const std::string public_page = w.page("/promise/1?lang=en", "");
  for (const auto& quote : all_of(html, "<blockquote[^>]*>([^<]*)</blockquote>"))
    CHECK(public_page.find(quote) != std::string::npos);
  CHECK(html.find("/status\"") == std::string::npos);
  CHECK(html.find("type=\"submit\" class=\"ws-button small\">Publish") == std::string::npos);
  auto res =
      w.post("/workspace/promises/1/status", {{"_csrf", csrf}, {"status", "evaluated"}}, vera);
  REQUIRE(res);
  CHECK(res->status == 403);
  res = w.post("/workspace/promises", {{"_csrf", csrf}, {"kommun", "x"}}, vera);
  REQUIRE(res);
  CHECK(res->status == 403);
  // The agreement to print, and its table as spreadsheets, for a viewer too.
  const std::string agreement = w.page("/workspace/promises/1/agreement?doc_lang=sv", vera);
  CHECK(agreement.find("<th scope=\"rowgroup\" rowspan=\"") != std::string::npos);
  CHECK(agreement.find("Underskrifter") != std::string::npos);
  auto csv = w.get("/workspace/promises/1/agreement.csv?doc_lang=sv", vera);
  REQUIRE(csv);
  CHECK(csv->status == 200);
  CHECK(csv->body.rfind("\xEF\xBB\xBF", 0) == 0);
  CHECK(csv->body.find("Fokusområde") != std::string::npos);
  auto xlsx = w.get("/workspace/promises/1/agreement.xlsx", vera);
  REQUIRE(xlsx);
  CHECK(xlsx->status == 200);
  CHECK(xlsx->body.rfind("PK", 0) == 0);  // a zip, as every XLSX
  CHECK(xlsx->get_header_value("Content-Disposition").find("promise-1-agreement.xlsx") !=
        std::string::npos);
  // And nobody signed out sees the workspace's promise at all.
  auto anonymous = w.get("/workspace/promises/1");
  REQUIRE(anonymous);
  CHECK(anonymous->status == 303);
}

TEST_CASE("an analyst publishes a quote and evaluates a focus area against the next survey",
          "[workspace][promise]") {
  PromiseWorkspace w;
  const auto later =
      w.lyssna({"demo", "--survey", "trygghet-demo-2027", "--responses", "400", "--seed", "7"});
  INFO(later.err);
  REQUIRE(later.status == 0);
  w.start();
  const std::string anna = w.login("anna");
  const std::string csrf = w.csrf(anna);
  const std::string path = "/workspace/promises/1";
  std::string html = w.page(path, anna);
  const auto focus_areas = all_of(html, "id=\"fa-([0-9]+)\"");
  REQUIRE(!focus_areas.empty());
  // The first evidence quote the page offers (a theme few wrote about has none).
  const std::regex quote_form("action=\"" + path +
                              "/focus-areas/([0-9]+)/quote\"><input type=\"hidden\" "
                              "name=\"_csrf\" value=\"[0-9a-f]+\">"
                              "<input type=\"hidden\" name=\"record\" value=\"([^\"]+)\">"
                              "<input type=\"hidden\" name=\"text\" value=\"([^\"&]+)\">");
  std::smatch q;
  REQUIRE(std::regex_search(html, q, quote_form));
  const std::string fa = q[1];
  const std::string record = q[2], text = q[3];
  // Words the resident did not write are refused; theirs are published.
  auto made_up =
      w.post(path + "/focus-areas/" + fa + "/quote",
             {{"_csrf", csrf}, {"record", record}, {"text", "Inte sagt: " + text}}, anna);
  REQUIRE(made_up);
  CHECK(made_up->status == 422);
  w.change(path + "/focus-areas/" + fa + "/quote", {{"record", record}, {"text", text}}, anna,
           csrf);
  html = w.page(path, anna);
  CHECK(html.find("/quotes/") != std::string::npos);  // its withdraw button
  CHECK(w.page("/promise/1?lang=sv", "").find(text) != std::string::npos);

  // Each focus area compared with the next survey, then the promise is evaluated.
  for (const auto& id : focus_areas) {
    w.change(path + "/focus-areas/" + id + "/evaluate",
             {{"later_survey", "trygghet-demo-2027"},
              {"conclusion_sv", "Slutsats för område " + id + "."},
              {"conclusion_en", "Conclusion " + id + "."}},
             anna, csrf);
  }
  html = w.page(path, anna);
  CHECK(html.find("Conclusion " + fa + ".") != std::string::npos);
  CHECK(html.find("class=\"promise-verdict ") != std::string::npos);
  w.change(path + "/status", {{"status", "evaluated"}}, anna, csrf);
  CHECK(w.page("/promise/1?lang=sv", "").find("Slutsats för område " + fa + ".") !=
        std::string::npos);
  // Evaluated: no quote is published or withdrawn any more.
  auto after = w.post(path + "/focus-areas/" + fa + "/quote",
                      {{"_csrf", csrf}, {"record", record}, {"text", text}}, anna);
  REQUIRE(after);
  CHECK(after->status == 409);
}
