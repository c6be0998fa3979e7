// Integration tests of the admin's survey pages over real HTTP against the
// real binary: the survey list for each role, a new survey from the
// standard questionnaire and as a copy (the same ids), the settings, the
// invitation codes, the margins, the answers' export with the spreadsheet
// guard, and the audit entry of each change and export.
#include <set>

#include "workspace_client.hpp"

using namespace lyssna::test;

namespace {

// The audit entries of one action for one target, but for the fixture's
// own surveys being made (`lyssna survey new`, audited too).
std::vector<nlohmann::json> audited(const nlohmann::json& audit, const std::string& action,
                                    const std::string& target) {
  std::vector<nlohmann::json> out;
  for (const auto& e : audit) {
    if (e["detail"] == "created from template trygghet") continue;
    if (e["action"] == action && e["target"] == target) out.push_back(e);
  }
  return out;
}

struct AdminWorkspace : Workspace {
  std::string root, token;
  AdminWorkspace() {
    add_user("root", "admin");
    root = login("root");
    token = csrf(root);
  }
  nlohmann::json definition(const std::string& survey) {
    auto r = lyssna({"survey", "show", survey});
    REQUIRE(r.status == 0);
    return nlohmann::json::parse(r.out);
  }
  httplib::Result create(Fields fields) {
    fields.emplace_back("_csrf", token);
    return post("/workspace/surveys", fields, root);
  }
};

std::vector<std::string> question_ids(const nlohmann::json& d) {
  std::vector<std::string> ids;
  for (const auto& page : d["pages"])
    for (const auto& q : page["questions"]) ids.push_back(q["id"]);
  return ids;
}

}  // namespace

TEST_CASE("the survey list: every role that sees results, each with what it may do there",
          "[workspace][admin]") {
  AdminWorkspace w;
  for (const std::string role : {"analyst", "facilitator", "viewer"})
    w.add_user("the " + role, role);
  struct Expect {
    std::string user;
    int status;
    bool settings, exports, form;
  };
  for (const auto& e : std::vector<Expect>{{"root", 200, true, true, true},
                                           {"the analyst", 200, false, true, false},
                                           {"the viewer", 200, false, false, false},
                                           {"the facilitator", 403, false, false, false}}) {
    INFO(e.user);
    const std::string cookie = e.user == "root" ? w.root : w.login(e.user);
    auto home = w.get("/workspace", cookie);
    CHECK((home->body.find("href=\"/workspace/surveys\"") != std::string::npos) ==
          (e.status == 200));  // the header's navigation
    auto res = w.get("/workspace/surveys", cookie);
    REQUIRE(res);
    CHECK(res->status == e.status);
    CHECK(res->get_header_value("Cache-Control") == "no-store");
    if (e.status != 200) continue;
    CHECK_THAT(res->body, Catch::Contains("<code>trygghet-2026</code>"));
    CHECK_THAT(res->body, Catch::Contains("Open"));
    CHECK((res->body.find("/workspace/surveys/trygghet-2026/settings") != std::string::npos) ==
          e.settings);
    CHECK((res->body.find("action=\"/workspace/surveys/trygghet-2026/export\"") !=
           std::string::npos) == e.exports);
    CHECK((res->body.find("action=\"/workspace/surveys\"") != std::string::npos) == e.form);
  }
  // Nobody but an admin may create one, even with a valid token of their own.
  const std::string analyst = w.login("the analyst");
  auto refused =
      w.post("/workspace/surveys",
             {{"_csrf", w.csrf(analyst)}, {"id", "by-analyst"}, {"areas", "a"}}, analyst);
  CHECK(refused->status == 403);
  // Nor the admin without the form's token.
  auto no_token = w.post("/workspace/surveys", {{"id", "no-token"}, {"areas", "a"}}, w.root);
  CHECK(no_token->status == 403);
  auto list = w.lyssna({"survey", "list", "--format", "json"});
  CHECK(nlohmann::json::parse(list.out).size() == 1);
}

TEST_CASE("a new survey from the standard questionnaire, and one as a copy that keeps the ids",
          "[workspace][admin]") {
  AdminWorkspace w;
  auto made = w.create({{"id", "trygghet-2027"},
                        {"title", "Trygghet i Haninge 2027"},
                        {"source", "template"},
                        {"areas", "handen = Handen\r\nbrandbergen=Brandbergen\r\n\r\njordbro"},
                        {"lang_sv", "on"},
                        {"lang_en", "on"}});
  REQUIRE(made);
  INFO(made->body);
  CHECK(made->status == 303);
  CHECK(made->get_header_value("Location") ==
        "/workspace/surveys/trygghet-2027/settings?done=created");
  auto d = w.definition("trygghet-2027");
  CHECK(d["languages"] == nlohmann::json::array({"sv", "en"}));
  CHECK(d["title"]["en"] == "Trygghet i Haninge 2027");
  REQUIRE(d["areas"].size() == 3);
  CHECK(d["areas"][1]["id"] == "brandbergen");
  CHECK(d["areas"][2]["label"]["sv"] == "jordbro");

  // A copy of last year's: the same questions, options and areas under a new id and title.
  auto copied = w.create({{"id", "trygghet-2028"},
                          {"title", "Trygghet 2028"},
                          {"source", "copy"},
                          {"copy_of", "trygghet-2026"}});
  REQUIRE(copied);
  CHECK(copied->status == 303);
  const auto earlier = w.definition("trygghet-2026");
  const auto copy = w.definition("trygghet-2028");
  CHECK(question_ids(copy) == question_ids(earlier));
  CHECK(copy["areas"] == earlier["areas"]);
  CHECK(copy["languages"] == earlier["languages"]);
  CHECK(copy["pages"] == earlier["pages"]);
  CHECK(copy["title"]["sv"] == "Trygghet 2028");
  CHECK_FALSE(copy.contains("opens_at"));

  auto list = w.get("/workspace/surveys", w.root);
  CHECK_THAT(list->body, Catch::Contains("Trygghet 2028"));
  CHECK_THAT(list->body, Catch::Contains("<code>trygghet-2027</code>"));

  const auto audit = w.audit();
  auto created = audited(audit, "survey_changed", "trygghet-2027");
  REQUIRE(created.size() == 1);
  CHECK(created[0]["actor"] == "root");
  CHECK(created[0]["detail"] == "created from the standard questionnaire");
  auto copy_entry = audited(audit, "survey_changed", "trygghet-2028");
  REQUIRE(copy_entry.size() == 1);
  CHECK(copy_entry[0]["detail"] == "copied from trygghet-2026");
}

TEST_CASE("a new survey's problems come back on the form, naming the field", "[workspace][admin]") {
  AdminWorkspace w;
  auto bad_id =
      w.create({{"id", "Bad Id!"}, {"source", "template"}, {"areas", "a"}, {"lang_sv", "on"}});
  CHECK(bad_id->status == 422);
  CHECK_THAT(bad_id->body, Catch::Contains("href=\"#new-id\""));
  CHECK_THAT(bad_id->body, Catch::Contains("lower-case letters"));
  CHECK_THAT(bad_id->body, Catch::Contains("value=\"Bad Id!\""));  // typed text kept

  auto taken =
      w.create({{"id", "trygghet-2026"}, {"source", "copy"}, {"copy_of", "trygghet-2026"}});
  CHECK(taken->status == 409);
  CHECK_THAT(taken->body, Catch::Contains("There is already a survey with the id trygghet-2026"));

  auto no_areas =
      w.create({{"id", "x1"}, {"source", "template"}, {"areas", ""}, {"lang_sv", "on"}});
  CHECK(no_areas->status == 422);
  CHECK_THAT(no_areas->body, Catch::Contains("href=\"#new-areas\""));

  auto bad_area =
      w.create({{"id", "x2"}, {"source", "template"}, {"areas", "Bad Area"}, {"lang_sv", "on"}});
  CHECK(bad_area->status == 422);
  CHECK_THAT(bad_area->body, Catch::Contains("href=\"#new-areas\""));

  auto no_lang = w.create({{"id", "x3"}, {"source", "template"}, {"areas", "a"}});
  CHECK(no_lang->status == 422);
  CHECK_THAT(no_lang->body, Catch::Contains("Choose at least one language"));

  auto no_copy = w.create({{"id", "x4"}, {"source", "copy"}, {"copy_of", "nothing"}});
  CHECK(no_copy->status == 422);
  CHECK_THAT(no_copy->body, Catch::Contains("href=\"#new-copy\""));

  auto list = w.lyssna({"survey", "list", "--format", "json"});
  CHECK(nlohmann::json::parse(list.out).size() == 1);  // none was stored
  CHECK(audited(w.audit(), "survey_changed", "x1").empty());
}

TEST_CASE("the settings: only an admin opens and changes them, each change checked and audited",
          "[workspace][admin]") {
  AdminWorkspace w;
  w.add_user("anna", "analyst");
  w.add_user("vera", "viewer");
  const std::string path = "/workspace/surveys/trygghet-2026/settings";
  for (const std::string user : {"anna", "vera"}) {
    const std::string cookie = w.login(user);
    CHECK(w.get(path, cookie)->status == 403);
    auto post = w.post(path, {{"_csrf", w.csrf(cookie)}, {"areas", "x"}}, cookie);
    CHECK(post->status == 403);
  }
  CHECK(w.get("/workspace/surveys/nothing/settings", w.root)->status == 404);
  auto page = w.get(path, w.root);
  REQUIRE(page->status == 200);
  CHECK_THAT(page->body, Catch::Contains("vasterhaninge = Västerhaninge"));
  CHECK_THAT(page->body, Catch::Contains("aria-current=\"page\">Settings"));  // the survey's tab

  const Fields good = {{"_csrf", w.token},
                       {"areas",
                        "handen = Handen C\njordbro = Jordbro\nvasterhaninge = "
                        "Västerhaninge\nbrandbergen = Brandbergen"},
                       {"lang_sv", "on"},
                       {"lang_en", "on"},
                       {"default_lang", "en"},
                       {"opens", "2026-03-01"},
                       {"closes", "2026-03-31"},
                       {"requires_code", "on"}};
  auto saved = w.post(path, good, w.root);
  REQUIRE(saved);
  INFO(saved->body);
  CHECK(saved->status == 303);
  CHECK(saved->get_header_value("Location") == path + "?done=saved");
  auto d = w.definition("trygghet-2026");
  CHECK(d["languages"] == nlohmann::json::array({"en", "sv"}));
  CHECK(d["areas"].size() == 4);
  CHECK(d["areas"][0]["label"]["sv"] == "Handen C");
  CHECK(d["opens_at"] == "2026-03-01T00:00:00Z");
  CHECK(d["closes_at"] == "2026-04-01T00:00:00Z");  // the end of the last day
  CHECK(d["requires_code"] == true);
  CHECK_FALSE(d["title"].contains("ar"));  // the other languages' wording went
  auto again = w.get(path + "?done=saved", w.root);
  CHECK_THAT(again->body, Catch::Contains("value=\"2026-03-31\""));
  CHECK_THAT(again->body, Catch::Contains("The settings were saved."));
  auto entries = audited(w.audit(), "survey_changed", "trygghet-2026");
  REQUIRE(entries.size() == 1);
  CHECK(entries[0]["detail"] == "opens_at,closes_at,requires_code,languages,areas");
  // The same again changes nothing, and logs nothing.
  CHECK(w.post(path, good, w.root)->status == 303);
  CHECK(audited(w.audit(), "survey_changed", "trygghet-2026").size() == 1);

  // A rule broken: the page again with the problem, naming the field; nothing stored.
  Fields backwards = good;
  for (auto& [k, v] : backwards)
    if (k == "closes") v = "2026-02-01";
  auto refused = w.post(path, backwards, w.root);
  CHECK(refused->status == 422);
  CHECK_THAT(refused->body, Catch::Contains("href=\"#set-closes\""));
  CHECK_THAT(refused->body, Catch::Contains("value=\"2026-02-01\""));  // as typed
  Fields bad_day = good;
  for (auto& [k, v] : bad_day)
    if (k == "opens") v = "1 March";
  auto unreadable = w.post(path, bad_day, w.root);
  CHECK(unreadable->status == 422);
  CHECK_THAT(unreadable->body, Catch::Contains("First day: give a date such as 2026-03-01."));
  // On a Swedish page the page's own checks speak Swedish, and a rule of the
  // survey definition (in English) is marked as English under a Swedish lead.
  REQUIRE(w.get(path + "?lang=sv", w.root)->status == 200);  // the session's language
  auto svenska = w.post(path, bad_day, w.root);
  CHECK(svenska->status == 422);
  CHECK_THAT(svenska->body, Catch::Contains("Första dag: ange ett datum som 2026-03-01."));
  auto regel = w.post(path, backwards, w.root);
  CHECK(regel->status == 422);
  CHECK_THAT(
      regel->body,
      Catch::Contains("Enkätens regler tillåter det inte (på engelska):</a> <span lang=\"en\">"));
  REQUIRE(w.get(path + "?lang=en", w.root)->status == 200);
  Fields bad_area = good;
  for (auto& [k, v] : bad_area)
    if (k == "areas") v = "Not An Id = X";
  auto area = w.post(path, bad_area, w.root);
  CHECK(area->status == 422);
  CHECK_THAT(area->body, Catch::Contains("href=\"#set-areas\""));
  Fields no_default = good;
  for (auto& [k, v] : no_default)
    if (k == "default_lang") v = "fi";
  CHECK(w.post(path, no_default, w.root)->status == 422);
  CHECK(audited(w.audit(), "survey_changed", "trygghet-2026").size() == 1);

  // Once there are answers, an area they name cannot go.
  auto imported = w.lyssna({"import", "-"}, record_json("r1") + "\n");
  REQUIRE(imported.status == 0);
  Fields fewer = good;
  for (auto& [k, v] : fewer)
    if (k == "areas") v = "handen = Handen";
  auto kept = w.post(path, fewer, w.root);
  CHECK(kept->status == 422);
  CHECK_THAT(kept->body, Catch::Contains("area &#39;jordbro&#39; cannot go"));
}

TEST_CASE("the settings page counts the answers by channel and day", "[workspace][admin]") {
  AdminWorkspace w;
  std::string records =
      record_json("a1") + "\n" + record_json("a2") + "\n" + record_json("a3", "", "paper") + "\n";
  std::string later = record_json("a4");
  later.replace(later.find("2026-03-04"), 10, "2026-03-06");
  records += later + "\n";
  REQUIRE(w.lyssna({"import", "-"}, records).status == 0);
  auto page = w.get("/workspace/surveys/trygghet-2026/settings", w.root);
  REQUIRE(page->status == 200);
  const std::string& b = page->body;
  CHECK_THAT(b, Catch::Contains("<th scope=\"col\" class=\"ws-admin-num\">Online</th><th "
                                "scope=\"col\" class=\"ws-admin-num\">Paper</th>"));
  CHECK_THAT(b, Catch::Contains("<time datetime=\"2026-03-04\">2026-03-04</time></th><td "
                                "class=\"ws-admin-num\">2</td><td class=\"ws-admin-num\">1</td><td "
                                "class=\"ws-admin-num\">3</td>"));
  CHECK_THAT(b, Catch::Contains("<time datetime=\"2026-03-06\">2026-03-06</time></th><td "
                                "class=\"ws-admin-num\">1</td><td class=\"ws-admin-num\">0</td><td "
                                "class=\"ws-admin-num\">1</td>"));
  CHECK_THAT(
      b, Catch::Contains("<td class=\"ws-admin-num\">3</td><td class=\"ws-admin-num\">1</td><td "
                         "class=\"ws-admin-num\">4</td></tr></tfoot>"));
}

TEST_CASE("invitation codes: issued on the page, downloaded once as CSV, audited",
          "[workspace][admin]") {
  AdminWorkspace w;
  const std::string path = "/workspace/surveys/trygghet-2026/codes";
  auto res = w.post(path, {{"_csrf", w.token}, {"count", "3"}}, w.root);
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->get_header_value("Content-Type") == "text/csv; charset=utf-8");
  CHECK_THAT(res->get_header_value("Content-Disposition"),
             Catch::StartsWith("attachment; filename=\"trygghet-2026-codes-"));
  CHECK(res->get_header_value("Cache-Control") == "no-store");
  std::vector<std::string> lines;
  std::string body = res->body.substr(3);  // the byte-order mark
  for (size_t at = 0; at < body.size();) {
    const size_t end = body.find("\r\n", at);
    lines.push_back(body.substr(at, end - at));
    at = end + 2;
  }
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == "code,link");
  const std::string code = lines[1].substr(0, lines[1].find(','));
  CHECK(lines[1] == code + ",http://127.0.0.1:" + std::to_string(w.server->port()) +
                        "/s/trygghet-2026?code=" + code);
  auto counts = w.lyssna({"codes", "--survey", "trygghet-2026"});
  CHECK_THAT(counts.out, Catch::Contains("3 codes issued, 0 used"));
  auto page = w.get("/workspace/surveys/trygghet-2026/settings", w.root);
  CHECK_THAT(page->body, Catch::Contains("<dd>3</dd>"));
  CHECK(page->body.find(code) == std::string::npos);  // shown once, never again
  auto entries = audited(w.audit(), "responses_exported", "trygghet-2026");
  REQUIRE(entries.size() == 1);
  CHECK(entries[0]["detail"] == "invitation codes, 3");

  for (const std::string bad : {"0", "", "-1", "20001", "abc"}) {
    INFO(bad);
    auto refused = w.post(path, {{"_csrf", w.token}, {"count", bad}}, w.root);
    CHECK(refused->status == 422);
    CHECK_THAT(refused->body, Catch::Contains("Give a number of codes from 1 to 20000"));
  }
  w.add_user("anna", "analyst");
  const std::string anna = w.login("anna");
  CHECK(w.post(path, {{"_csrf", w.csrf(anna)}, {"count", "2"}}, anna)->status == 403);
  CHECK(w.post(path, {{"count", "2"}}, w.root)->status == 403);  // no token
  CHECK_THAT(w.lyssna({"codes", "--survey", "trygghet-2026"}).out,
             Catch::Contains("3 codes issued"));
}

namespace {

const std::string good_margins =
    R"({"survey": "trygghet-2026", "margins": {"area": {"handen": 21000, "jordbro": 9000, "vasterhaninge": 12000}, "gender": {"woman": 21000, "man": 21000}}})";

// A multipart/form-data POST as a browser sends a form with a file.
httplib::Result upload(Workspace& w, const std::string& path, const std::string& cookie,
                       const std::string& token, const std::string& file_name,
                       const std::string& content, const std::string& text = "") {
  httplib::MultipartFormDataItems items = {{"_csrf", token, "", ""},
                                           {"file", content, file_name, "application/json"},
                                           {"text", text, "", ""}};
  httplib::Headers headers = {{"Cookie", cookie}};
  return w.client->Post(path.c_str(), headers, items);
}

}  // namespace

TEST_CASE("margins: uploaded as a file or pasted, a bad file's error on the page, cleared",
          "[workspace][admin]") {
  AdminWorkspace w;
  const std::string path = "/workspace/surveys/trygghet-2026/margins";
  const std::string settings = "/workspace/surveys/trygghet-2026/settings";
  CHECK_THAT(w.get(settings, w.root)->body, Catch::Contains("No margins are stored"));

  auto bad = upload(w, path, w.root, w.token, "befolkning.json",
                    R"({"margins": {"shoe_size": {"42": 100}}})");
  REQUIRE(bad);
  CHECK(bad->status == 422);
  CHECK_THAT(bad->body, Catch::Contains("The margins were not stored"));
  CHECK_THAT(bad->body, Catch::Contains("befolkning.json"));
  CHECK_THAT(bad->body, Catch::Contains("shoe_size"));
  auto broken = upload(w, path, w.root, w.token, "broken.json", "{\"margins\": {\n  \"area\": }");
  CHECK(broken->status == 422);
  CHECK_THAT(broken->body, Catch::Contains("broken.json"));
  CHECK_THAT(broken->body, Catch::Contains("line 2"));
  auto other = upload(w, path, w.root, w.token, "m.json",
                      R"({"survey": "trygghet-2019", "margins": {"gender": {"woman": 1}}})");
  CHECK(other->status == 422);
  CHECK_THAT(other->body, Catch::Contains("not &#39;trygghet-2026&#39;"));
  auto empty = upload(w, path, w.root, w.token, "", "");
  CHECK(empty->status == 422);
  CHECK_THAT(empty->body, Catch::Contains("Choose a margins file or paste its text"));
  // Larger than the upload limit: refused before it is held.
  auto huge = upload(w, path, w.root, w.token, "huge.json", std::string(600 * 1024, ' '));
  CHECK(huge->status == 413);
  CHECK(audited(w.audit(), "survey_changed", "trygghet-2026").empty());  // nothing stored

  auto stored = upload(w, path, w.root, w.token, "befolkning.json", good_margins);
  CHECK(stored->status == 303);
  auto page = w.get(settings, w.root);
  CHECK_THAT(page->body, Catch::Contains("Margin: area"));
  CHECK_THAT(
      page->body,
      Catch::Contains("<code>vasterhaninge</code></th><td class=\"ws-admin-num\">12000</td>"));
  CHECK_THAT(page->body, Catch::Contains("by root"));

  // Pasted into the text box (an urlencoded form, as without a file).
  auto pasted = w.post(path, {{"_csrf", w.token}, {"text", good_margins}}, w.root);
  CHECK(pasted->status == 303);
  auto bad_text = w.post(path, {{"_csrf", w.token}, {"text", "{\"margins\": 3}"}}, w.root);
  CHECK(bad_text->status == 422);
  CHECK_THAT(bad_text->body, Catch::Contains("the pasted text"));

  // Others may not, nor without the token.
  w.add_user("anna", "analyst");
  const std::string anna = w.login("anna");
  CHECK(upload(w, path, anna, w.csrf(anna), "m.json", good_margins)->status == 403);
  CHECK(upload(w, path, w.root, "", "m.json", good_margins)->status == 403);
  CHECK(w.post(path + "/clear", {{"_csrf", w.csrf(anna)}}, anna)->status == 403);

  auto cleared = w.post(path + "/clear", {{"_csrf", w.token}}, w.root);
  CHECK(cleared->status == 303);
  CHECK_THAT(w.get(settings, w.root)->body, Catch::Contains("No margins are stored"));
  auto entries = audited(w.audit(), "survey_changed", "trygghet-2026");
  REQUIRE(entries.size() == 3);  // newest first
  CHECK(entries[0]["detail"] == "margins cleared");
  CHECK(entries[1]["detail"] == "margins=area,gender");
}

TEST_CASE("the answers' export: for those who read free text, spreadsheet-safe, audited",
          "[workspace][admin]") {
  AdminWorkspace w;
  w.add_user("anna", "analyst");
  w.add_user("vera", "viewer");
  const std::string formula = "=HYPERLINK(\\\"http://evil.example\\\",\\\"klicka\\\")";
  REQUIRE(w.lyssna({"import", "-"}, record_json("x1", ",\"free_text\":\"" + formula + "\"") + "\n" +
                                        record_json("x2", ",\"free_text\":\"+46 70 123\"") + "\n" +
                                        record_json("x3", ",\"free_text\":\"@SUM(A1)\"") + "\n" +
                                        record_json("x4", ",\"free_text\":\"-1+2\"") + "\n" +
                                        record_json("x5", ",\"free_text\":\"\\tTAB\"") + "\n")
              .status == 0);
  const std::string path = "/workspace/surveys/trygghet-2026/export";
  // A viewer, a visitor, and a POST without the token get no byte of it.
  const std::string vera = w.login("vera");
  auto viewer = w.post(path, {{"_csrf", w.csrf(vera)}}, vera);
  CHECK(viewer->status == 403);
  CHECK(viewer->body.find("HYPERLINK") == std::string::npos);
  auto visitor = w.post(path, {});
  CHECK(visitor->status == 303);
  CHECK(visitor->body.empty());
  CHECK(w.post(path, {}, w.root)->status == 403);

  const std::string anna = w.login("anna");
  auto res = w.post(path, {{"_csrf", w.csrf(anna)}}, anna);
  REQUIRE(res);
  REQUIRE(res->status == 200);
  CHECK(res->get_header_value("Content-Type") == "text/csv; charset=utf-8");
  CHECK_THAT(res->get_header_value("Content-Disposition"),
             Catch::StartsWith("attachment; filename=\"trygghet-2026-answers-"));
  const std::string& csv = res->body;
  CHECK_THAT(csv, Catch::Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"klicka\"\")\""));
  CHECK_THAT(csv, Catch::Contains(",'+46 70 123,"));
  CHECK_THAT(csv, Catch::Contains(",'@SUM(A1),"));
  CHECK_THAT(csv, Catch::Contains(",'-1+2,"));
  CHECK_THAT(csv, Catch::Contains(",'\tTAB,"));
  // No cell begins with a character a spreadsheet would run.
  for (const std::string bad : {",=", ",+", ",@", ",-1+", ",\t", "\n=", "\n+", "\n@", "\n-"})
    CHECK(csv.find(bad) == std::string::npos);
  auto entries = audited(w.audit(), "responses_exported", "trygghet-2026");
  REQUIRE(entries.size() == 1);
  CHECK(entries[0]["actor"] == "anna");
  CHECK(entries[0]["detail"] == "csv, 5 answers");
}

TEST_CASE("the admin changes a user's role and resets a password through the pages",
          "[workspace][admin]") {
  AdminWorkspace w;
  w.add_user("anna", "analyst");
  // Ids in the order the users were added (the list of `user list` has none).
  const std::string root_id = "1", anna_id = "2";
  const std::string anna = w.login("anna");
  CHECK(w.get("/workspace/surveys/trygghet-2026/settings", anna)->status == 403);

  // Another role: from the user's next request on, without logging in again.
  auto changed = w.post("/workspace/admin/users/role",
                        {{"_csrf", w.token}, {"user", anna_id}, {"role", "admin"}}, w.root);
  CHECK(changed->status == 303);
  CHECK(changed->get_header_value("Location") == "/workspace/admin/users?done=role_changed");
  CHECK(w.get("/workspace/surveys/trygghet-2026/settings", anna)->status == 200);
  auto down = w.post("/workspace/admin/users/role",
                     {{"_csrf", w.token}, {"user", anna_id}, {"role", "viewer"}}, w.root);
  CHECK(down->status == 303);
  CHECK(w.get("/workspace/surveys/trygghet-2026/settings", anna)->status == 403);
  auto export_try =
      w.post("/workspace/surveys/trygghet-2026/export", {{"_csrf", w.csrf(anna)}}, anna);
  CHECK(export_try->status == 403);  // a viewer now
  // The last enabled admin keeps the role; a role the server lacks is refused.
  auto last = w.post("/workspace/admin/users/role",
                     {{"_csrf", w.token}, {"user", root_id}, {"role", "viewer"}}, w.root);
  CHECK(last->status == 409);
  CHECK_THAT(last->body, Catch::Contains("last enabled administrator"));
  CHECK(w.post("/workspace/admin/users/role",
               {{"_csrf", w.token}, {"user", anna_id}, {"role", "root"}}, w.root)
            ->status == 400);
  CHECK(w.post("/workspace/admin/users/role",
               {{"_csrf", w.token}, {"user", "999"}, {"role", "viewer"}}, w.root)
            ->status == 404);
  // Only an admin, and only with the token.
  CHECK(w.post("/workspace/admin/users/role",
               {{"_csrf", w.csrf(anna)}, {"user", anna_id}, {"role", "admin"}}, anna)
            ->status == 403);
  CHECK(w.post("/workspace/admin/users/role", {{"user", anna_id}, {"role", "admin"}}, w.root)
            ->status == 403);

  // A new password: the user's sessions end; the old password no longer works.
  const std::string fresh = "a brand new password";
  auto mismatch = w.post(
      "/workspace/admin/users/password",
      {{"_csrf", w.token}, {"user", anna_id}, {"password", fresh}, {"password_again", fresh + "!"}},
      w.root);
  CHECK(mismatch->status == 422);
  CHECK_THAT(mismatch->body, Catch::Contains("The two passwords differ"));
  auto short_one = w.post(
      "/workspace/admin/users/password",
      {{"_csrf", w.token}, {"user", anna_id}, {"password", "short"}, {"password_again", "short"}},
      w.root);
  CHECK(short_one->status == 422);
  auto reset = w.post(
      "/workspace/admin/users/password",
      {{"_csrf", w.token}, {"user", anna_id}, {"password", fresh}, {"password_again", fresh}},
      w.root);
  CHECK(reset->status == 303);
  CHECK(w.get("/workspace", anna)->status == 303);  // her session ended
  CHECK(w.try_login("anna")->status == 401);
  CHECK(w.try_login("anna", fresh)->status == 303);

  const auto audit = w.audit();
  auto roles = audited(audit, "user_role_changed", "anna");
  REQUIRE(roles.size() == 2);
  CHECK(roles[0]["detail"] == "admin -> viewer");
  CHECK(roles[1]["detail"] == "analyst -> admin");
  CHECK(audited(audit, "password_changed", "anna").size() == 1);
}

TEST_CASE("stored script in a survey's title and areas comes back escaped on the admin's pages",
          "[workspace][admin]") {
  AdminWorkspace w;
  auto made = w.create({{"id", "xss"},
                        {"title", "<script>alert(1)</script>\"><img src=x onerror=alert(2)>"},
                        {"source", "template"},
                        {"areas", "evil = <b onmouseover=alert(3)>Evil</b>"},
                        {"lang_sv", "on"}});
  REQUIRE(made->status == 303);
  for (const std::string path : {"/workspace/surveys", "/workspace/surveys/xss/settings"}) {
    INFO(path);
    auto res = w.get(path, w.root);
    REQUIRE(res->status == 200);
    CHECK(res->body.find("<script>alert") == std::string::npos);
    CHECK(res->body.find("<img src=x") == std::string::npos);
    CHECK(res->body.find("<b onmouseover") == std::string::npos);
  }
  CHECK_THAT(w.get("/workspace/surveys", w.root)->body,
             Catch::Contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}
