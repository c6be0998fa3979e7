// Integration tests of the workspace over real HTTP against the real
// binary: login and logout, the same answer for a wrong name and a wrong
// password, lockout and its lifting by the command line, session timeouts,
// CSRF and origin checks, what each role sees, the security headers,
// stored script in user names coming back escaped, and the audit log.
#include <fstream>
#include <regex>
#include <thread>

#include "workspace_client.hpp"

using namespace lyssna::test;

namespace {

// The login page as sent, with the name typed (shown again) masked.
std::string masked_login_page(std::string body) {
  static const std::regex typed("id=\"login-name\" name=\"name\" value=\"[^\"]*\"");
  return std::regex_replace(body, typed, "id=\"login-name\" name=\"name\" value=\"\"");
}

}  // namespace

TEST_CASE("a visitor not logged in is sent to the login page and gets no workspace bytes",
          "[workspace]") {
  Workspace w;
  w.add_user("root", "admin");
  for (const std::string path :
       {"/workspace", "/workspace/admin/users", "/workspace/admin/audit"}) {
    INFO(path);
    for (const std::string& cookie : {std::string(), std::string("lyssna_session=forged"),
                                      std::string("lyssna_session=" + std::string(43, 'A'))}) {
      auto res = w.get(path, cookie);
      REQUIRE(res);
      CHECK(res->status == 303);
      CHECK(res->get_header_value("Location").rfind("/workspace/login", 0) == 0);
      CHECK(res->body.empty());
      CHECK(res->get_header_value("Cache-Control") == "no-store");
    }
  }
  CHECK(w.get("/workspace/admin/audit")->get_header_value("Location") ==
        "/workspace/login?next=/workspace/admin/audit");
  // A state change without a session changes nothing.
  auto res = w.post("/workspace/admin/users", {{"name", "mallory"},
                                               {"role", "admin"},
                                               {"password", good_password},
                                               {"password_again", good_password}});
  REQUIRE(res);
  CHECK(res->status == 303);
  CHECK(res->body.empty());
  CHECK(w.users().size() == 1);
}

TEST_CASE("logging in: a wrong name and a wrong password are answered alike", "[workspace]") {
  Workspace w;
  w.add_user("anna", "analyst");
  auto login_page = w.get("/workspace/login");
  REQUIRE(login_page);
  CHECK(login_page->status == 200);
  CHECK(login_page->get_header_value("Set-Cookie").empty());

  auto wrong_password = w.try_login("anna", "not the password");
  auto wrong_name = w.try_login("annika", "not the password");
  REQUIRE(wrong_password);
  REQUIRE(wrong_name);
  CHECK(wrong_password->status == 401);
  CHECK(wrong_name->status == wrong_password->status);
  CHECK(masked_login_page(wrong_name->body) == masked_login_page(wrong_password->body));
  CHECK_THAT(wrong_password->body, Catch::Contains("The user name or the password is wrong."));
  CHECK(wrong_password->get_header_value("Set-Cookie").empty());
  CHECK(wrong_name->get_header_value("Set-Cookie").empty());
  // The password typed is never sent back; the name is, escaped.
  CHECK(wrong_password->body.find("not the password") == std::string::npos);
  auto typed = w.try_login("<b>x</b>", "pw");
  CHECK_THAT(typed->body, Catch::Contains("value=\"&lt;b&gt;x&lt;/b&gt;\""));

  auto ok = w.try_login("Anna");
  REQUIRE(ok);
  CHECK(ok->status == 303);
  const std::string set = ok->get_header_value("Set-Cookie");
  CHECK(std::regex_match(
      set, std::regex("lyssna_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict")));
  auto home = w.get("/workspace", cookie_of(ok));
  REQUIRE(home);
  CHECK(home->status == 200);
  CHECK_THAT(home->body, Catch::Contains("Signed in as anna"));
  CHECK_THAT(home->body, Catch::Contains("Your role: Analyst"));
  // Logged in, the login page sends one on.
  CHECK(w.get("/workspace/login", cookie_of(ok))->status == 303);
  // Only a workspace page is a place to go after the login.
  auto next =
      w.post("/workspace/login",
             {{"name", "anna"}, {"password", good_password}, {"next", "/workspace/admin/audit"}});
  CHECK(next->get_header_value("Location") == "/workspace/admin/audit");
  for (const std::string elsewhere :
       {"https://evil.example/", "//evil.example", "/s/x", "/workspace/../s"}) {
    auto res = w.post("/workspace/login",
                      {{"name", "anna"}, {"password", good_password}, {"next", elsewhere}});
    CHECK(res->get_header_value("Location") == "/workspace");
  }
}

TEST_CASE("failed logins lock an account, and the command line lifts the lock", "[workspace]") {
  Workspace w({"--lockout-after", "3", "--login-delay", "0"});
  w.add_user("anna", "analyst");
  CHECK(w.try_login("anna", "wrong 1")->status == 401);
  CHECK(w.try_login("anna", "wrong 2")->status == 401);
  auto third = w.try_login("anna", "wrong 3");
  CHECK(third->status == 403);
  CHECK_THAT(third->body, Catch::Contains("This account is locked"));
  auto right = w.try_login("anna");
  CHECK(right->status == 403);  // locked even for the right password
  CHECK(right->get_header_value("Set-Cookie").empty());
  CHECK(w.users()[0]["status"] == "locked");

  // A name that is no user's locks alike: the answers never tell.
  for (int i = 0; i < 3; ++i) w.try_login("nobody", "wrong");
  auto nobody = w.try_login("nobody");
  CHECK(nobody->status == right->status);
  CHECK(masked_login_page(nobody->body) == masked_login_page(right->body));

  auto unlocked = w.lyssna({"user", "unlock", "anna"});
  CHECK(unlocked.status == 0);
  CHECK_THAT(unlocked.out, Catch::Contains("unlocked 'anna'"));
  CHECK(w.try_login("anna")->status == 303);
  CHECK(w.users()[0]["status"] == "active");
  CHECK(w.lyssna({"user", "unlock", "nobody"}).status == 1);  // no such user
}

TEST_CASE("after a few failures each next attempt must wait", "[workspace]") {
  Workspace w({"--login-delay", "30"});
  w.add_user("anna", "analyst");
  for (int i = 0; i < 4; ++i) CHECK(w.try_login("anna", "wrong")->status == 401);
  auto waiting = w.try_login("anna");
  CHECK(waiting->status == 429);
  const int retry = std::stoi(waiting->get_header_value("Retry-After"));
  CHECK(retry > 0);
  CHECK(retry <= 30);
  CHECK_THAT(waiting->body, Catch::Contains("Please wait"));
}

TEST_CASE("a session ends after its idle time", "[workspace][slow]") {
  Workspace w({"--session-idle", "3", "--session-max", "600"});
  w.add_user("anna", "analyst");
  const std::string cookie = w.login("anna");
  for (int i = 0; i < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    REQUIRE(w.get("/workspace", cookie)->status == 200);  // each request keeps it alive
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(4500));
  auto ended = w.get("/workspace", cookie);
  CHECK(ended->status == 303);
  CHECK(ended->get_header_value("Location") == "/workspace/login?ended=1&lang=en");
  CHECK_THAT(ended->get_header_value("Set-Cookie"), Catch::Contains("Max-Age=0"));
  CHECK(ended->body.empty());
  auto page = w.get(ended->get_header_value("Location"));
  CHECK_THAT(page->body, Catch::Contains("Your session has ended"));
}

TEST_CASE("a session ends at its absolute time however busy", "[workspace][slow]") {
  Workspace w({"--session-idle", "3", "--session-max", "5"});
  w.add_user("anna", "analyst");
  const std::string cookie = w.login("anna");
  const auto start = std::chrono::steady_clock::now();
  bool ended = false;
  while (std::chrono::steady_clock::now() - start < std::chrono::seconds(12)) {
    auto res = w.get("/workspace", cookie);
    if (res->status == 303) {
      ended = true;
      break;
    }
    REQUIRE(res->status == 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  CHECK(ended);
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::seconds(4));
}

TEST_CASE("logging out ends the session, and needs the form's token", "[workspace]") {
  Workspace w;
  w.add_user("anna", "analyst");
  const std::string cookie = w.login("anna");
  const std::string token = w.csrf(cookie);
  REQUIRE(token.size() == 64);
  CHECK(w.post("/workspace/logout", {}, cookie)->status == 403);
  REQUIRE(w.get("/workspace", cookie)->status == 200);  // still logged in

  auto out = w.post("/workspace/logout", {{"_csrf", token}}, cookie);
  REQUIRE(out);
  CHECK(out->status == 303);
  CHECK(out->get_header_value("Location") == "/workspace/login?signed_out=1&lang=en");
  CHECK_THAT(out->get_header_value("Set-Cookie"), Catch::Contains("lyssna_session=; Path=/"));
  CHECK_THAT(out->get_header_value("Set-Cookie"), Catch::Contains("Max-Age=0"));
  auto after = w.get("/workspace", cookie);
  CHECK(after->status == 303);
  CHECK(after->get_header_value("Location").rfind("/workspace/login", 0) == 0);
}

TEST_CASE("a state change without the session's CSRF token, or from another site, is refused",
          "[workspace]") {
  Workspace w;
  w.add_user("root", "admin");
  w.add_user("anna", "analyst");
  const std::string root = w.login("root");
  const std::string token = w.csrf(root);
  const std::string other_token = w.csrf(w.login("root"));  // another session of the same user
  REQUIRE(token != other_token);
  const Fields add = {{"name", "eve"},
                      {"role", "admin"},
                      {"password", good_password},
                      {"password_again", good_password}};
  auto with = [&](const std::string& t) {
    Fields f = add;
    if (!t.empty()) f.emplace_back("_csrf", t);
    return f;
  };
  for (const auto& [what, fields] :
       std::vector<std::pair<std::string, Fields>>{{"none", with("")},
                                                   {"another session's", with(other_token)},
                                                   {"empty", with(" ")},
                                                   {"cut short", with(token.substr(0, 63))}}) {
    INFO(what);
    auto res = w.post("/workspace/admin/users", fields, root);
    REQUIRE(res);
    CHECK(res->status == 403);
    CHECK_THAT(res->body, Catch::Contains("could not be accepted"));
  }
  // The right token, from a page of another site: the browser says so.
  auto cross =
      w.post("/workspace/admin/users", with(token), root, {{"Sec-Fetch-Site", "cross-site"}});
  CHECK(cross->status == 403);
  auto evil =
      w.post("/workspace/admin/users", with(token), root, {{"Origin", "http://evil.example"}});
  CHECK(evil->status == 403);
  // A login from another site's form (login CSRF) too.
  auto login = w.post("/workspace/login", {{"name", "anna"}, {"password", good_password}}, "",
                      {{"Sec-Fetch-Site", "cross-site"}});
  CHECK(login->status == 403);
  CHECK(login->get_header_value("Set-Cookie").empty());
  CHECK(w.users().size() == 2);  // nobody was added

  // As a browser sends it from the page itself, it is taken.
  const std::string origin = "http://127.0.0.1:" + std::to_string(w.server->port());
  auto same = w.post("/workspace/admin/users", with(token), root,
                     {{"Sec-Fetch-Site", "same-origin"}, {"Origin", origin}});
  CHECK(same->status == 303);
  auto no_fetch_metadata =
      w.post("/workspace/login", {{"name", "anna"}, {"password", good_password}}, "",
             {{"Origin", origin}});
  CHECK(no_fetch_metadata->status == 303);
  CHECK(w.users().size() == 3);
}

TEST_CASE("each role sees what it may on the workspace's pages", "[workspace]") {
  Workspace w;
  for (const std::string role : {"admin", "analyst", "facilitator", "viewer"})
    w.add_user("the " + role, role);
  const std::map<std::string, std::string> labels = {{"admin", "Administrator"},
                                                     {"analyst", "Analyst"},
                                                     {"facilitator", "Facilitator"},
                                                     {"viewer", "Viewer"}};
  for (const auto& [role, label] : labels) {
    INFO(role);
    const std::string cookie = w.login("the " + role);
    auto home = w.get("/workspace", cookie);
    REQUIRE(home->status == 200);
    CHECK_THAT(home->body, Catch::Contains("Your role: " + label));
    const bool admin = role == "admin";
    CHECK((home->body.find("/workspace/admin/users") != std::string::npos) == admin);
    CHECK((home->body.find("/workspace/admin/audit") != std::string::npos) == admin);
    for (const std::string path : {"/workspace/admin/users", "/workspace/admin/audit"}) {
      auto res = w.get(path, cookie);
      CHECK(res->status == (admin ? 200 : 403));
      if (!admin) {
        CHECK_THAT(res->body, Catch::Contains("Your role does not give access to this page"));
        CHECK(res->body.find("the admin") == std::string::npos);  // no other user's name
      }
    }
    // Nor may another role change users with a valid token of its own.
    const std::string token = csrf_of(home->body);
    auto add = w.post("/workspace/admin/users",
                      {{"_csrf", token},
                       {"name", "by " + role},
                       {"role", "viewer"},
                       {"password", good_password},
                       {"password_again", good_password}},
                      cookie);
    CHECK(add->status == (admin ? 303 : 403));
    auto unlock = w.post("/workspace/admin/users/1/disable", {{"_csrf", token}}, cookie);
    CHECK(unlock->status == (admin ? 409 : 403));  // the admin: the last enabled admin stays
  }
  CHECK(w.users().size() == 5);  // only the admin added one
}

TEST_CASE("the workspace's pages carry the security headers and no inline script or style",
          "[workspace]") {
  Workspace w;
  w.add_user("root", "admin");
  const std::string cookie = w.login("root");
  std::vector<std::pair<std::string, httplib::Result>> pages;
  for (const std::string path :
       {"/workspace", "/workspace/admin/users", "/workspace/admin/audit", "/workspace/nothing"})
    pages.emplace_back(path, w.get(path, cookie));
  pages.emplace_back("login", w.get("/workspace/login"));
  pages.emplace_back("redirect", w.get("/workspace"));
  pages.emplace_back("refused", w.post("/workspace/logout", {}, cookie));
  for (auto& [what, res] : pages) {
    INFO(what);
    REQUIRE(res);
    const std::string csp = res->get_header_value("Content-Security-Policy");
    CHECK_THAT(csp, Catch::Contains("default-src 'none'"));
    CHECK_THAT(csp, Catch::Contains("script-src 'self'"));
    CHECK_THAT(csp, Catch::Contains("style-src 'self'"));
    CHECK_THAT(csp, Catch::Contains("frame-ancestors 'none'"));
    CHECK(csp.find("unsafe-inline") == std::string::npos);
    CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(res->get_header_value("Referrer-Policy") == "same-origin");
    CHECK(res->get_header_value("X-Frame-Options") == "DENY");
    CHECK(res->get_header_value("Cache-Control") == "no-store");
    CHECK(res->body.find("<script") == std::string::npos);
    CHECK(res->body.find("<style") == std::string::npos);
    CHECK(res->body.find(" style=") == std::string::npos);
  }
  CHECK(pages[3].second->status == 404);
  // The residents' pages still set no cookie, with a workspace session or without.
  for (const std::string& c : {std::string(), cookie}) {
    auto form = w.get("/s/trygghet-2026", c);
    CHECK(form->status == 200);
    CHECK(form->get_header_value("Set-Cookie").empty());
    CHECK(form->get_header_value("Referrer-Policy") == "no-referrer");
  }
}

TEST_CASE("stored script in a user's name comes back escaped on the admin's pages", "[workspace]") {
  Workspace w;
  w.add_user("root", "admin");
  const std::string script = "<script>alert(1)</script>";
  const std::string img = "\"><img src=x onerror=alert(1)>";
  w.add_user(script, "viewer");
  const std::string cookie = w.login("root");
  // The other through the admin's own form.
  auto added = w.post("/workspace/admin/users",
                      {{"_csrf", w.csrf(cookie)},
                       {"name", img},
                       {"role", "analyst"},
                       {"password", good_password},
                       {"password_again", good_password}},
                      cookie);
  REQUIRE(added->status == 303);
  for (const std::string path : {"/workspace/admin/users", "/workspace/admin/audit"}) {
    INFO(path);
    auto res = w.get(path, cookie);
    REQUIRE(res->status == 200);
    CHECK_THAT(res->body, Catch::Contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    CHECK_THAT(res->body, Catch::Contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    CHECK(res->body.find(script) == std::string::npos);
    CHECK(res->body.find("<img") == std::string::npos);
  }
  // And such a user logs in and sees itself escaped.
  auto home = w.get("/workspace", w.login(img));
  CHECK_THAT(home->body,
             Catch::Contains("Signed in as &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
  CHECK(home->body.find("<img") == std::string::npos);
}

TEST_CASE("the admin adds, disables, enables and unlocks users through the pages", "[workspace]") {
  Workspace w({"--lockout-after", "2", "--login-delay", "0"});
  w.add_user("root", "admin");
  const std::string root = w.login("root");
  std::string token = w.csrf(root);
  auto post_add = [&](const std::string& name, const std::string& pw, const std::string& again) {
    return w.post("/workspace/admin/users",
                  {{"_csrf", token},
                   {"name", name},
                   {"role", "viewer"},
                   {"password", pw},
                   {"password_again", again}},
                  root);
  };
  auto short_pw = post_add("vera", "short", "short");
  CHECK(short_pw->status == 422);
  CHECK_THAT(short_pw->body, Catch::Contains("at least 12 characters"));
  CHECK_THAT(short_pw->body, Catch::Contains("value=\"vera\""));  // what was typed stays
  CHECK(short_pw->body.find("value=\"short\"") == std::string::npos);
  CHECK(post_add("vera", good_password, "another password")->status == 422);
  auto created = post_add("vera", good_password, good_password);
  CHECK(created->status == 303);
  CHECK(created->get_header_value("Location") == "/workspace/admin/users?done=created");
  CHECK_THAT(w.get("/workspace/admin/users?done=created", root)->body,
             Catch::Contains("The user was added."));
  CHECK(post_add("VERA", good_password, good_password)->status == 409);

  const std::string vera = w.login("vera");
  const int vera_id = 2;
  auto act = [&](const std::string& verb) {
    return w.post("/workspace/admin/users/" + std::to_string(vera_id) + "/" + verb,
                  {{"_csrf", token}}, root);
  };
  CHECK(act("disable")->status == 303);
  CHECK(w.get("/workspace", vera)->status == 303);  // the disabled user's session has ended
  CHECK(w.try_login("vera")->status == 401);        // told as a wrong password
  auto list = w.get("/workspace/admin/users", root);
  CHECK_THAT(list->body, Catch::Contains("Disabled"));
  CHECK(act("enable")->status == 303);
  w.try_login("vera", "wrong");
  CHECK(w.try_login("vera", "wrong")->status == 403);
  CHECK_THAT(w.get("/workspace/admin/users", root)->body, Catch::Contains("Locked"));
  CHECK(act("unlock")->status == 303);
  CHECK(w.try_login("vera")->status == 303);
  CHECK(w.post("/workspace/admin/users/99/disable", {{"_csrf", token}}, root)->status == 404);
  // The last admin cannot disable itself.
  auto last = w.post("/workspace/admin/users/1/disable", {{"_csrf", token}}, root);
  CHECK(last->status == 409);
  CHECK_THAT(last->body, Catch::Contains("last active administrator"));
}

TEST_CASE("the audit log records each kind of event, and the admin's page lists it by pages",
          "[workspace]") {
  Workspace w({"--lockout-after", "3", "--login-delay", "0"});
  w.add_user("root", "admin");
  w.add_user("anna", "analyst");
  const std::string root = w.login("root");
  const std::string token = w.csrf(root);
  w.try_login("anna", "first wrong secret");
  w.try_login("nobody", "second wrong secret");
  for (int i = 0; i < 3; ++i) w.try_login("anna", "third wrong secret");
  w.post("/workspace/admin/users/2/unlock", {{"_csrf", token}}, root);
  w.post("/workspace/admin/users/2/disable", {{"_csrf", token}}, root);
  w.post("/workspace/admin/users/2/enable", {{"_csrf", token}}, root);
  REQUIRE(w.lyssna({"user", "passwd", "anna"}, "another good password\n").status == 0);
  const std::string anna = w.login("anna", "another good password");
  w.post("/workspace/logout", {{"_csrf", w.csrf(anna)}}, anna);

  const auto log = w.audit();
  for (const std::string action :
       {"user_created", "login", "login_failed", "account_locked", "user_unlocked", "user_disabled",
        "user_enabled", "password_changed", "logout"}) {
    INFO(action);
    CHECK(count_actions(log, action) >= 1);
  }
  // Two, three for anna until the lock; the last attempt met the lock unrecorded.
  CHECK(count_actions(log, "login_failed") == 4);
  CHECK(log.dump().find("secret") == std::string::npos);  // no password, ever
  CHECK(log.dump().find("nobody") == std::string::npos);  // nor a name that is no user's
  bool cli_actor = false, web_actor = false;
  for (const auto& e : log) {
    if (e["action"] == "password_changed")
      cli_actor = e["actor"].get<std::string>().rfind("cli:", 0) == 0;
    if (e["action"] == "user_disabled") web_actor = e["actor"] == "root";
  }
  CHECK(cli_actor);
  CHECK(web_actor);

  auto page = w.get("/workspace/admin/audit", root);
  REQUIRE(page->status == 200);
  CHECK_THAT(page->body, Catch::Contains("Account locked"));
  CHECK_THAT(page->body, Catch::Contains("Password changed"));
  CHECK(page->body.find("Page 1 of") == std::string::npos);  // one page so far
  for (int i = 0; i < 25; ++i) {
    w.lyssna({"user", "disable", "anna"});
    w.lyssna({"user", "enable", "anna"});
  }
  page = w.get("/workspace/admin/audit", root);
  CHECK_THAT(page->body, Catch::Contains("Page 1 of 2"));
  CHECK_THAT(page->body, Catch::Contains("href=\"/workspace/admin/audit?page=2\" rel=\"next\""));
  auto second = w.get("/workspace/admin/audit?page=2", root);
  CHECK_THAT(second->body, Catch::Contains("Page 2 of 2"));
  CHECK_THAT(second->body, Catch::Contains("User added"));  // the oldest come last
  CHECK(w.get("/workspace/admin/audit?page=0", root)->status == 400);
}

TEST_CASE("user commands: the password from stdin only, the list, a fresh server's hint",
          "[workspace][cli]") {
  Workspace w;
  // No administrator yet: serve says how to make one.
  const std::string err = w.dir.file("serve.err");
  w.server.reset();
  w.server = std::make_unique<ServerProcess>(w.db, std::vector<std::string>{}, err);
  w.client = std::make_unique<httplib::Client>("127.0.0.1", w.server->port());
  std::ifstream in(err);
  const std::string hint((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK_THAT(hint, Catch::Contains("user add NAME --role admin"));

  auto no_password = w.lyssna({"user", "add", "root", "--role", "admin"});
  CHECK(no_password.status == 2);
  CHECK_THAT(no_password.err, Catch::Contains("no password on stdin"));
  auto short_one = w.lyssna({"user", "add", "root", "--role", "admin"}, "short\n");
  CHECK(short_one.status == 2);
  CHECK_THAT(short_one.err, Catch::Contains("at least 12 characters"));
  CHECK(w.lyssna({"user", "add", "root", "--role", "king"}, good_password + "\n").status == 2);
  CHECK(w.lyssna({"user", "add", "root", "--password", good_password}).status ==
        2);  // no such option
  w.add_user("root", "admin");
  CHECK(w.lyssna({"user", "add", "ROOT", "--role", "viewer"}, good_password + "\n").status == 1);
  w.add_user("vera", "viewer", good_password + "\r");  // a CRLF line end is no part of it

  auto users = w.users();
  REQUIRE(users.size() == 2);
  CHECK(users[0]["name"] == "root");
  CHECK(users[0]["role"] == "admin");
  CHECK(users[1]["status"] == "active");
  CHECK(users[1]["last_login_at"].is_null());
  w.login("vera");
  CHECK(w.users()[1]["last_login_at"].is_string());
  auto table = w.lyssna({"user", "list"});
  CHECK_THAT(table.out, Catch::Contains("vera"));
  CHECK_THAT(table.out, Catch::Contains("viewer"));

  CHECK(w.lyssna({"user", "disable", "root"}).status == 1);  // the last admin
  CHECK(w.lyssna({"user", "disable", "vera"}).status == 0);
  CHECK(w.users()[1]["status"] == "disabled");
  CHECK(w.lyssna({"user", "enable", "vera"}).status == 0);
  CHECK(w.lyssna({"user", "passwd", "vera"}, "a new good password\n").status == 0);
  CHECK(w.try_login("vera")->status == 401);
  CHECK(w.try_login("vera", "a new good password")->status == 303);
  // The database holds hashes, never the passwords.
  std::ifstream db(w.db, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(db)), std::istreambuf_iterator<char>());
  CHECK(bytes.find(good_password) == std::string::npos);
  CHECK(bytes.find("a new good password") == std::string::npos);
}
