// Integration tests of facilitator mode's session pages, phones joining by
// the code, and the kiosk, over real HTTP against the real binary: who sees
// which session, status changes, joining in each state, the stored
// records' channel and session, the kiosk's tokens, lock and PIN, a crash
// right after acknowledged answers, and pages that load nothing from
// another host.
#include <csignal>
#include <regex>

#include "../support/public_promise_seed.hpp"
#include "app/dialogues.hpp"
#include "workspace_client.hpp"

using namespace lyssna::test;

namespace {

struct RoomWorkspace : Workspace {
  RoomWorkspace() {
    add_user("fac1", "facilitator");
    add_user("fac2", "facilitator");
    add_user("boss", "admin");
  }
  // Creates a session as `cookie`'s user and returns its id.
  std::string create(const std::string& cookie, const std::string& place = "Jordbro bibliotek") {
    auto res = post("/workspace/dialogues",
                    {{"_csrf", csrf(cookie)},
                     {"survey", "trygghet-2026"},
                     {"area", "jordbro"},
                     {"place", place},
                     {"held_on", "2026-03-12"},
                     {"languages", "sv"},
                     {"languages", "en"},
                     {"languages", "ar"},
                     {"format", "meeting"},
                     {"facilitator", "Kim"}},
                    cookie);
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 303);
    std::smatch m;
    const std::string location = res->get_header_value("Location");
    REQUIRE(std::regex_match(location, m,
                             std::regex("/workspace/dialogues/([a-z0-9-]+)\\?done=created")));
    return m[1];
  }
  std::string join_code(const std::string& cookie, const std::string& id) {
    auto page = get("/workspace/dialogues/" + id, cookie);
    REQUIRE(page);
    REQUIRE(page->status == 200);
    std::smatch m;
    REQUIRE(std::regex_search(page->body, m, std::regex("/d/([a-z0-9]{6})\"")));
    return m[1];
  }
  httplib::Result set_status(const std::string& cookie, const std::string& id,
                             const std::string& status) {
    return post("/workspace/dialogues/" + id + "/status",
                {{"_csrf", csrf(cookie)}, {"status", status}}, cookie);
  }
  // The last page's submit of a phone or a kiosk: the area is the one
  // required answer; the server checks every page.
  httplib::Result submit(const std::string& path, const std::string& cookie, const Fields& hidden,
                         const std::string& area = "handen") {
    Fields post_fields = hidden;
    for (auto& [k, v] : post_fields)
      if (k == "_page") v = "4";
    post_fields.emplace_back("area", area);
    post_fields.emplace_back("_action", "submit");
    return post(path, post_fields, cookie);
  }
  std::vector<nlohmann::json> records() {
    std::vector<nlohmann::json> out;
    std::istringstream lines(export_jsonl());
    for (std::string line; std::getline(lines, line);)
      if (!line.empty()) out.push_back(nlohmann::json::parse(line));
    return out;
  }
};

std::string room_kiosk_cookie(const httplib::Result& res) {
  const std::string set = res->get_header_value("Set-Cookie");
  return set.substr(0, set.find(';'));
}

}  // namespace

TEST_CASE("a facilitator creates dialogue sessions and sees only their own", "[dialogue]") {
  RoomWorkspace w;
  const std::string fac1 = w.login("fac1");
  const std::string fac2 = w.login("fac2");
  const std::string boss = w.login("boss");

  auto home = w.get("/workspace", fac1);
  CHECK_THAT(home->body, Catch::Contains("href=\"/workspace/dialogues\""));
  auto list = w.get("/workspace/dialogues", fac1);
  REQUIRE(list->status == 200);
  CHECK_THAT(list->body, Catch::Contains("name=\"languages\" value=\"fa\""));
  CHECK_THAT(list->body, Catch::Contains("<option value=\"jordbro\""));

  const std::string id = w.create(fac1);
  CHECK_THAT(id, Catch::StartsWith("s-2026-03-12-jordbro-bibliotek-"));
  CHECK_THAT(w.get("/workspace/dialogues", fac1)->body, Catch::Contains(id));
  CHECK_THAT(w.get("/workspace/dialogues", fac2)->body, !Catch::Contains(id));
  CHECK_THAT(w.get("/workspace/dialogues", boss)->body, Catch::Contains(id));
  CHECK(w.get("/workspace/dialogues/" + id, fac2)->status == 404);
  CHECK(w.get("/workspace/dialogues/" + id, boss)->status == 200);
  CHECK(w.set_status(fac2, id, "paused")->status == 404);

  auto page = w.get("/workspace/dialogues/" + id, fac1);
  CHECK_THAT(page->body, Catch::Contains("<svg class=\"qr\""));
  CHECK_THAT(page->body, Catch::Contains("href=\"/workspace/dialogues/" + id + "/notes\""));
  CHECK_THAT(page->body, Catch::Contains("href=\"/workspace/dialogues/" + id + "/votes\""));
  CHECK_THAT(page->body, Catch::Contains("href=\"/workspace/dialogues/" + id + "/summary\""));
  const std::string code = w.join_code(fac1, id);
  // Reached on loopback with no network address bound: the address it was reached by.
  CHECK_THAT(page->body, Catch::Contains("http://127.0.0.1:" + std::to_string(w.server->port()) +
                                         "/d/" + code));

  SECTION("a refused form names its field and keeps what was typed") {
    auto res = w.post("/workspace/dialogues",
                      {{"_csrf", w.csrf(fac1)},
                       {"survey", "trygghet-2026"},
                       {"place", ""},
                       {"held_on", "2026-03-12"},
                       {"languages", "fi"},
                       {"format", "walk"},
                       {"facilitator", "Typed <name>"}},
                      fac1);
    REQUIRE(res->status == 422);
    CHECK_THAT(res->body, Catch::Contains("href=\"#new-place\""));
    CHECK_THAT(res->body, Catch::Contains("value=\"Typed &lt;name&gt;\""));
    CHECK_THAT(res->body, Catch::Contains("value=\"fi\" checked"));
    CHECK_THAT(res->body, Catch::Contains("value=\"walk\" checked"));
    auto no_csrf = w.post("/workspace/dialogues", {{"survey", "trygghet-2026"}}, fac1);
    CHECK(no_csrf->status == 403);
    auto bad_language = w.post("/workspace/dialogues",
                               {{"_csrf", w.csrf(fac1)},
                                {"survey", "trygghet-2026"},
                                {"place", "Hall"},
                                {"held_on", "2026-03-12"},
                                {"languages", "de"},
                                {"format", "meeting"},
                                {"facilitator", "Kim"}},
                               fac1);
    CHECK(bad_language->status == 422);
    CHECK_THAT(bad_language->body, Catch::Contains("href=\"#new-languages\""));
  }
  SECTION("an analyst has no dialogues") {
    w.add_user("ana", "analyst");
    CHECK(w.get("/workspace/dialogues", w.login("ana"))->status == 403);
  }
}

TEST_CASE("phones join by the code in each state and store records of channel dialogue",
          "[dialogue][join]") {
  RoomWorkspace w;
  const std::string fac1 = w.login("fac1");
  const std::string id = w.create(fac1);
  const std::string code = w.join_code(fac1, id);
  std::string upper = code;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));

  auto box = w.get("/d?code=" + upper);
  REQUIRE(box->status == 303);
  CHECK_THAT(box->get_header_value("Location"), Catch::StartsWith("/d/" + code));
  CHECK(w.get("/d?code=zzzzzz")->status == 404);

  auto first = w.client->Get(("/d/" + upper).c_str(), {{"Accept-Language", "fi, en;q=0.5"}});
  REQUIRE(first->status == 200);
  CHECK(first->get_header_value("Set-Cookie").empty());
  CHECK_THAT(first->body, Catch::Contains("action=\"/d/" + code + "\""));
  CHECK_THAT(first->body, Catch::Contains("<html lang=\"en\""));  // fi is not the session's
  CHECK_THAT(first->body, Catch::Contains("value=\"ar\""));       // the session's languages ...
  CHECK_THAT(first->body, !Catch::Contains("value=\"so\""));      // ... only
  auto done = w.submit("/d/" + code, "", hidden_fields(first->body));
  REQUIRE(done->status == 303);
  CHECK(done->get_header_value("Location") == "/d/" + code + "/thanks?lang=en");
  CHECK(w.get("/d/" + code + "/thanks?lang=ar")->status == 200);
  auto stored = w.records();
  REQUIRE(stored.size() == 1);
  CHECK(stored[0]["channel"] == "dialogue");
  CHECK(stored[0]["session"] == id);
  CHECK(stored[0]["lang"] == "en");

  // Paused: a kind message instead of the form, and nothing stored.
  REQUIRE(w.set_status(fac1, id, "paused")->status == 303);
  auto paused = w.get("/d/" + code + "?lang=sv");
  CHECK(paused->status == 200);
  CHECK_THAT(paused->body, Catch::Contains("Dialogen har en paus"));
  CHECK_THAT(paused->body, !Catch::Contains("name=\"_rid\""));
  auto fresh = hidden_fields(first->body);
  for (auto& [k, v] : fresh)
    if (k == "_rid") v = "phone-while-paused";
  CHECK(w.submit("/d/" + code, "", fresh)->status == 200);
  CHECK(w.records().size() == 1);

  REQUIRE(w.set_status(fac1, id, "open")->status == 303);
  CHECK(w.get("/d/" + code)->status == 200);
  REQUIRE(w.set_status(fac1, id, "closed")->status == 303);
  // Closed: the code is no session's any more.
  auto closed = w.get("/d/" + code + "?lang=sv");
  CHECK(closed->status == 404);
  CHECK_THAT(closed->body, Catch::Contains("Ingen öppen dialog"));
  auto reopen = w.set_status(fac1, id, "open");
  CHECK(reopen->status == 422);
  CHECK_THAT(reopen->body, Catch::Contains("href=\"#status\""));
}

TEST_CASE("the kiosk: lock cookie, channel kiosk, forgotten tokens, the PIN to leave",
          "[dialogue][kiosk]") {
  RoomWorkspace w;
  const std::string fac1 = w.login("fac1");
  const std::string id = w.create(fac1);
  const std::string path = "/kiosk/" + id;

  auto no_pin =
      w.post("/workspace/dialogues/" + id + "/kiosk/start", {{"_csrf", w.csrf(fac1)}}, fac1);
  CHECK(no_pin->status == 422);
  CHECK_THAT(no_pin->body, Catch::Contains("href=\"#kiosk-pin\""));
  auto short_pin = w.post("/workspace/dialogues/" + id + "/kiosk",
                          {{"_csrf", w.csrf(fac1)}, {"pin", "12"}, {"idle_seconds", "60"}}, fac1);
  CHECK(short_pin->status == 422);
  CHECK_THAT(short_pin->body, Catch::Contains("href=\"#kiosk-pin\""));
  CHECK_THAT(short_pin->body, Catch::Contains("value=\"60\""));
  auto set = w.post("/workspace/dialogues/" + id + "/kiosk",
                    {{"_csrf", w.csrf(fac1)}, {"pin", "4711"}, {"idle_seconds", "20"}}, fac1);
  REQUIRE(set->status == 303);
  const std::string csrf = w.csrf(fac1);
  auto start = w.post("/workspace/dialogues/" + id + "/kiosk/start", {{"_csrf", csrf}}, fac1);
  REQUIRE(start->status == 303);
  CHECK(start->get_header_value("Location") == path);
  const std::string lock = room_kiosk_cookie(start);
  CHECK(lock == "lyssna_kiosk=" + id);
  const std::string both = fac1 + "; " + lock;

  // The kiosk's browser reaches no workspace page while locked.
  for (const std::string p : {"/workspace", "/workspace/dialogues", "/workspace/login"}) {
    auto res = w.get(p, both);
    INFO(p);
    CHECK(res->status == 303);
    CHECK(res->get_header_value("Location") == path);
  }
  CHECK(w.post("/workspace/dialogues/" + id + "/status", {{"_csrf", csrf}, {"status", "closed"}},
               both)
            ->status == 303);
  CHECK_THAT(w.get("/workspace/dialogues/" + id, fac1)->body,
             Catch::Contains("dialogue-status open"));

  // Another browser is no kiosk.
  CHECK(w.get(path)->status == 403);
  CHECK(w.post(path, {{"_action", "start"}, {"_lang", "sv"}})->status == 403);

  auto start_page = w.get(path + "?lang=en", lock);
  REQUIRE(start_page->status == 200);
  CHECK(start_page->get_header_value("Cache-Control") == "no-store");
  CHECK(start_page->get_header_value("Set-Cookie").empty());
  CHECK_THAT(start_page->body, Catch::Contains("value=\"start\""));
  CHECK_THAT(start_page->body, !Catch::Contains("/kiosk/" + id + "/vote"));  // no vote open

  auto first = w.post(path, {{"_action", "start"}, {"_lang", "en"}}, lock);
  REQUIRE(first->status == 200);
  CHECK_THAT(first->body, Catch::Contains("autocomplete=\"off\""));
  CHECK_THAT(first->body, Catch::Contains("data-kiosk-idle=\"20\""));
  CHECK_THAT(first->body, Catch::Contains("http-equiv=\"refresh\" content=\"50;"));
  const Fields hidden = hidden_fields(first->body);
  const std::string token = field_value(hidden, "_kt");
  REQUIRE(token.size() == 36);
  auto done = w.submit(path, lock, hidden);
  REQUIRE(done->status == 303);
  CHECK(done->get_header_value("Location") == path + "/thanks?lang=en");
  auto thanks = w.get(path + "/thanks?lang=en", lock);
  CHECK(thanks->status == 200);
  CHECK_THAT(thanks->body, Catch::Contains("data-kiosk-reset=\"" + path + "?lang=en\""));
  auto stored = w.records();
  REQUIRE(stored.size() == 1);
  CHECK(stored[0]["channel"] == "kiosk");
  CHECK(stored[0]["session"] == id);

  // The same page sent again (back, resubmit): its token is forgotten.
  auto again = w.submit(path, lock, hidden, "jordbro");
  CHECK(again->status == 303);
  CHECK(again->get_header_value("Location") == path + "?lang=en");
  auto next_page = w.post(path, {{"_action", "next"}, {"_page", "0"}, {"_kt", token}}, lock);
  CHECK(next_page->status == 303);
  CHECK(w.records().size() == 1);

  // A reset (the idle timeout) forgets the person too.
  auto second = w.post(path, {{"_action", "start"}, {"_lang", "sv"}}, lock);
  const Fields second_hidden = hidden_fields(second->body);
  const std::string second_token = field_value(second_hidden, "_kt");
  CHECK(second_token != token);
  CHECK(w.get(path + "?lang=sv&forget=" + second_token, lock)->status == 200);
  CHECK(w.submit(path, lock, second_hidden)->status == 303);
  CHECK(w.records().size() == 1);

  // Leaving needs the PIN.
  auto wrong = w.post(path + "/exit", {{"pin", "0000"}}, lock);
  CHECK(wrong->status == 403);
  CHECK(wrong->get_header_value("Set-Cookie").empty());
  auto right = w.post(path + "/exit", {{"pin", "4711"}}, both);
  REQUIRE(right->status == 303);
  CHECK(right->get_header_value("Location") == "/workspace/dialogues/" + id + "?done=kiosk_left");
  CHECK_THAT(right->get_header_value("Set-Cookie"), Catch::StartsWith("lyssna_kiosk=;"));
  CHECK(w.get("/workspace", fac1)->status == 200);
}

TEST_CASE("wrong kiosk PINs are slowed and then refused for a while", "[dialogue][kiosk]") {
  RoomWorkspace w;
  const std::string fac1 = w.login("fac1");
  const std::string id = w.create(fac1);
  REQUIRE(w.post("/workspace/dialogues/" + id + "/kiosk",
                 {{"_csrf", w.csrf(fac1)}, {"pin", "4711"}, {"idle_seconds", "90"}}, fac1)
              ->status == 303);
  const auto began = std::chrono::steady_clock::now();
  for (int i = 0; i < 5; ++i)
    CHECK(w.post("/kiosk/" + id + "/exit", {{"pin", std::to_string(1000 + i)}})->status == 403);
  CHECK(std::chrono::steady_clock::now() - began >= std::chrono::seconds(5));
  auto blocked = w.post("/kiosk/" + id + "/exit", {{"pin", "4711"}});
  CHECK(blocked->status == 429);
  CHECK_FALSE(blocked->get_header_value("Retry-After").empty());
}

TEST_CASE("acknowledged kiosk and phone answers survive a SIGKILL of the server",
          "[dialogue][crash]") {
  RoomWorkspace w;
  const std::string fac1 = w.login("fac1");
  const std::string id = w.create(fac1);
  const std::string code = w.join_code(fac1, id);
  REQUIRE(w.post("/workspace/dialogues/" + id + "/kiosk",
                 {{"_csrf", w.csrf(fac1)}, {"pin", "4711"}, {"idle_seconds", "90"}}, fac1)
              ->status == 303);
  const std::string lock = room_kiosk_cookie(
      w.post("/workspace/dialogues/" + id + "/kiosk/start", {{"_csrf", w.csrf(fac1)}}, fac1));
  int acknowledged = 0;
  for (int i = 0; i < 10; ++i) {
    auto page = w.post("/kiosk/" + id, {{"_action", "start"}, {"_lang", "sv"}}, lock);
    REQUIRE(page->status == 200);
    acknowledged += w.submit("/kiosk/" + id, lock, hidden_fields(page->body))->status == 303;
    auto phone = w.get("/d/" + code);
    REQUIRE(phone->status == 200);
    acknowledged += w.submit("/d/" + code, "", hidden_fields(phone->body))->status == 303;
  }
  w.server->stop(SIGKILL);
  CHECK(acknowledged == 20);
  int kiosk = 0, dialogue = 0;
  for (const auto& r : w.records()) {
    CHECK(r["session"] == id);
    kiosk += r["channel"] == "kiosk";
    dialogue += r["channel"] == "dialogue";
  }
  CHECK(kiosk == 10);
  CHECK(dialogue == 10);
  w.start();
  CHECK(w.get("/d/" + code)->status == 200);
}

TEST_CASE("no page of a dialogue loads anything from another host", "[dialogue][offline]") {
  RoomWorkspace w;
  const std::string fac1 = w.login("fac1");
  const std::string id = w.create(fac1);
  const std::string code = w.join_code(fac1, id);
  REQUIRE(w.post("/workspace/dialogues/" + id + "/kiosk",
                 {{"_csrf", w.csrf(fac1)}, {"pin", "4711"}, {"idle_seconds", "90"}}, fac1)
              ->status == 303);
  std::vector<std::pair<std::string, std::string>> pages;
  auto keep = [&](const std::string& name, const httplib::Result& res) {
    REQUIRE(res);
    INFO(name);
    REQUIRE(res->status < 500);
    pages.emplace_back(name, res->body);
  };
  for (const std::string& p : std::vector<std::string>{"/workspace", "/workspace/dialogues",
                                                       "/workspace/dialogues/" + id}) {
    keep(p, w.get(p, fac1));
  }
  keep("/s/trygghet-2026", w.get("/s/trygghet-2026"));
  keep("/d", w.get("/d"));
  keep("/d/<code>", w.get("/d/" + code));
  auto phone = w.get("/d/" + code);
  keep("/d/<code> page 2", w.post("/d/" + code, [&] {
    Fields f = hidden_fields(phone->body);
    f.emplace_back("area", "handen");
    f.emplace_back("_action", "next");
    return f;
  }()));
  keep("/d/<code>/thanks", w.get("/d/" + code + "/thanks"));
  const std::string lock = room_kiosk_cookie(
      w.post("/workspace/dialogues/" + id + "/kiosk/start", {{"_csrf", w.csrf(fac1)}}, fac1));
  keep("/kiosk/<id>", w.get("/kiosk/" + id, lock));
  keep("/kiosk/<id> first page",
       w.post("/kiosk/" + id, {{"_action", "start"}, {"_lang", "ar"}}, lock));
  keep("/kiosk/<id>/thanks", w.get("/kiosk/" + id + "/thanks", lock));
  keep("/kiosk/<id>/exit", w.get("/kiosk/" + id + "/exit"));
  // Their stylesheets and scripts too.
  std::set<std::string> assets;
  static const std::regex asset_ref("(?:href|src)=\"(/static/[^\"]+)\"");
  for (const auto& [name, body] : pages) {
    for (auto it = std::sregex_iterator(body.begin(), body.end(), asset_ref);
         it != std::sregex_iterator(); ++it)
      assets.insert((*it)[1]);
  }
  CHECK(assets.size() >= 4);
  for (const auto& a : assets) keep(a, w.get(a));
  // A reference that leaves this server: an absolute URL or a scheme-relative
  // one in src, href, action, url(...) or @import. The join address (the
  // laptop's own) is the one absolute link allowed.
  static const std::regex external(
      "(?:src|href|action|srcset|poster|data)\\s*=\\s*[\"']?\\s*(?:https?:)?//"
      "|url\\(\\s*[\"']?\\s*(?:https?:)?//|@import\\s+[\"']?(?:url\\()?\\s*[\"']?(?:https?:)?//");
  const std::string own = "href=\"http://127.0.0.1:" + std::to_string(w.server->port()) + "/d/";
  for (const auto& [name, body] : pages) {
    std::string text = body;
    for (size_t at = text.find(own); at != std::string::npos; at = text.find(own))
      text.erase(at, own.size());
    INFO(name);
    std::smatch m;
    const bool found = std::regex_search(text, m, external);
    if (found) INFO("at: " << text.substr(static_cast<size_t>(m.position(0)), 120));
    CHECK_FALSE(found);
  }
}

TEST_CASE("serve --public-url sets the address the session page shows phones", "[dialogue][join]") {
  Workspace w({"--public-url", "http://10.42.0.1:8080/"});
  w.add_user("fac1", "facilitator");
  const std::string fac1 = w.login("fac1");
  auto res = w.post("/workspace/dialogues",
                    {{"_csrf", w.csrf(fac1)},
                     {"survey", "trygghet-2026"},
                     {"place", "Torget"},
                     {"held_on", "2026-05-01"},
                     {"languages", "sv"},
                     {"format", "street"},
                     {"facilitator", "Kim"}},
                    fac1);
  REQUIRE(res->status == 303);
  auto page = w.get(res->get_header_value("Location"), fac1);
  REQUIRE(page->status == 200);
  CHECK(std::regex_search(page->body,
                          std::regex("href=\"http://10\\.42\\.0\\.1:8080/d/[a-z0-9]{6}\"")));
  // The browser's own address wins over the network's, not over the one asked for.
  auto lan = w.client->Get(res->get_header_value("Location").c_str(),
                           {{"Cookie", fac1}, {"Host", "192.168.7.7:8080"}});
  CHECK_THAT(lan->body, Catch::Contains("http://10.42.0.1:8080/d/"));
}

TEST_CASE("a session page reached by a network address shows that address to phones",
          "[dialogue][join]") {
  RoomWorkspace w;
  const std::string fac1 = w.login("fac1");
  const std::string id = w.create(fac1);
  auto page = w.client->Get(("/workspace/dialogues/" + id).c_str(),
                            {{"Cookie", fac1}, {"Host", "192.168.7.7:8080"}});
  REQUIRE(page->status == 200);
  CHECK(std::regex_search(page->body,
                          std::regex("href=\"http://192\\.168\\.7\\.7:8080/d/[a-z0-9]{6}\"")));
}

TEST_CASE("while a vote is open the kiosk and the phone's thanks lead to the dots",
          "[dialogue][kiosk][join]") {
  RoomWorkspace w;
  const std::string fac1 = w.login("fac1");
  const std::string id = w.create(fac1);
  const std::string code = w.join_code(fac1, id);
  REQUIRE(w.post("/workspace/dialogues/" + id + "/kiosk",
                 {{"_csrf", w.csrf(fac1)}, {"pin", "4711"}, {"idle_seconds", "90"}}, fac1)
              ->status == 303);
  const std::string lock = room_kiosk_cookie(
      w.post("/workspace/dialogues/" + id + "/kiosk/start", {{"_csrf", w.csrf(fac1)}}, fac1));
  CHECK_THAT(w.get("/kiosk/" + id, lock)->body, !Catch::Contains("/vote?lang="));
  CHECK_THAT(w.get("/d/" + code + "/thanks")->body, !Catch::Contains("/vote?lang="));
  // The votes part's pages make votes; here the application layer does, server stopped.
  w.server.reset();
  {
    lyssna::app::Services services({w.db});
    lyssna::app::VoteInput in;
    in.session = id;
    in.candidates = {"custom:lighting"};
    in.labels["custom:lighting"]["sv"] = "Belysning";
    const auto vote = lyssna::app::create_vote(services, lyssna::app::Access::script(), in);
    lyssna::app::set_vote_open(services, lyssna::app::Access::script(), vote.line.id, true);
  }
  w.start();
  CHECK_THAT(w.get("/kiosk/" + id + "?lang=sv", lock)->body,
             Catch::Contains("href=\"/kiosk/" + id + "/vote?lang=sv\""));
  CHECK_THAT(w.get("/d/" + code + "/thanks?lang=en")->body,
             Catch::Contains("href=\"/d/" + code + "/vote?lang=en\""));
}

TEST_CASE("a session linked to a promise activity becomes its follow-up when it closes",
          "[dialogue][promise]") {
  RoomWorkspace w;
  w.server.reset();
  {
    lyssna::app::Services services({w.db});
    seed_public_promise(services);
  }
  w.start();
  const std::string fac1 = w.login("fac1");
  const std::string fac2 = w.login("fac2");
  const std::string id = w.create(fac1);
  const std::string path = "/workspace/dialogues/" + id;
  auto page = w.get(path, fac1);
  REQUIRE(page->status == 200);
  CHECK_THAT(page->body, Catch::Contains("id=\"activity-activity\""));
  // The published and the adopted promise's activities, not the draft's.
  std::smatch m;
  REQUIRE(std::regex_search(
      page->body, m, std::regex("<option value=\"([0-9]+)\">([^<]*safety dialogues[^<]*)<")));
  const std::string activity = m[1];
  CHECK_THAT(page->body, !Catch::Contains("qzxdraftpromise"));

  auto link = [&](const std::string& cookie, const std::string& value) {
    return w.post(path + "/activity", {{"_csrf", w.csrf(cookie)}, {"activity", value}}, cookie);
  };
  CHECK(link(fac2, activity)->status == 404);  // another's session
  auto bad = link(fac1, "12x");
  REQUIRE(bad->status == 422);
  CHECK_THAT(bad->body, Catch::Contains("href=\"#activity-activity\""));
  CHECK(link(fac1, "999999")->status == 422);
  auto linked = link(fac1, activity);
  REQUIRE(linked->status == 303);
  CHECK(linked->get_header_value("Location") == path + "?done=activity#activity");
  page = w.get(path, fac1);
  CHECK_THAT(page->body, Catch::Contains("<option value=\"" + activity + "\" selected>"));
  CHECK_THAT(page->body, Catch::Contains("Counts once the dialogue is closed."));

  // The follow-ups recorded for the session, as the audit log names them.
  auto follow_ups = [&] {
    auto r = w.lyssna({"audit", "list", "--format", "json", "--limit", "1000"});
    REQUIRE(r.status == 0);
    const auto log = nlohmann::json::parse(r.out);  // held: the loop reads into it
    int n = 0;
    for (const auto& e : log["entries"])
      n += e["action"] == "follow_up_recorded" &&
           e["detail"].get<std::string>().find("dialogue session " + id) != std::string::npos;
    return n;
  };
  CHECK(follow_ups() == 0);
  REQUIRE(w.set_status(fac1, id, "closed")->status == 303);
  CHECK(follow_ups() == 1);
  page = w.get(path, fac1);
  CHECK_THAT(page->body, Catch::Contains("Counted: the follow-up is recorded in the promise."));
  REQUIRE(link(fac1, activity)->status == 303);  // saved again: still one
  CHECK(follow_ups() == 1);
}
