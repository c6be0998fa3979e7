// Unit tests of the workspace's accounts, sign-in and sessions (app/):
// passwords and names, the timeouts on a clock the test moves, the lock of
// failed logins and its lifting, names that are no user's meeting the same
// answers, sessions stored only as digests, CSRF tokens, the audit log,
// and the table of roles.
#include <catch2/catch.hpp>

#include "../support/temp_dir.hpp"
#include "app/accounts.hpp"
#include "app/audit.hpp"
#include "app/services.hpp"
#include "app/sessions.hpp"
#include "collector/storage/sqlite.hpp"
#include "collector/storage/user_store.hpp"
#include "util/digest.hpp"
#include "util/errors.hpp"
#include "util/password_hash.hpp"

using namespace lyssna;

namespace {

const char* const good_password = "correct horse battery";

struct Accounts {
  test::TempDir dir;
  int64_t now = 1'800'000'000;
  std::unique_ptr<app::Services> services;
  app::Actor cli = app::Actor::command_line("tester");

  explicit Accounts(app::LoginPolicy logins = {}, app::SessionPolicy sessions = {600, 3600}) {
    app::ServiceOptions o;
    o.db_path = dir.file("a.db");
    o.sessions = sessions;
    o.logins = logins;
    o.password_cost = password::minimum_cost;  // the rules, not the cost, are tested here
    o.now = [this] { return now; };
    services = std::make_unique<app::Services>(o);
  }
  app::Services& s() { return *services; }
  int64_t add(const std::string& name, app::Role role = app::Role::analyst) {
    return app::add_user(s(), cli, name, role, good_password).id;
  }
  app::Session sign_in(const std::string& name, const std::string& password = good_password,
                       const std::string& client = "192.0.2.1") {
    return app::sign_in(s(), {name, password, client, "sv"});
  }
  std::vector<app::AuditEntry> audit() {
    auto page = app::list_audit(s(), 1000, 0);
    return {page.entries.rbegin(), page.entries.rend()};  // oldest first
  }
};

std::string refusal(const std::function<void()>& f) {
  try {
    f();
  } catch (const app::LoginRefused& e) {
    return std::string(e.why() == app::LoginRefused::Why::wrong ? "wrong: " : "locked: ") +
           e.what();
  } catch (const TooManyAttempts& e) {
    return "wait " + std::to_string(e.retry_after());
  }
  return "signed in";
}

}  // namespace

TEST_CASE("user names: trimmed, printable, any character otherwise", "[accounts]") {
  CHECK(app::check_user_name("  Anna Öberg ") == "Anna Öberg");
  CHECK(app::check_user_name("<script>alert(1)</script>") == "<script>alert(1)</script>");
  CHECK(app::check_user_name("\"><img src=x onerror=alert(1)>") ==
        "\"><img src=x onerror=alert(1)>");
  for (const std::string& bad :
       {std::string(""), std::string("   "), std::string("a\nb"), std::string("a\tb"),
        std::string("ab\x1b[31m"), std::string("abc\u202Efed"), std::string("\xff\xfe"),
        std::string(65, 'x')}) {
    INFO(bad);
    CHECK_THROWS_AS(app::check_user_name(bad), Invalid);
  }
  CHECK_NOTHROW(app::check_user_name(std::string(64, 'x')));
}

TEST_CASE("passwords: long enough, not the name, no control characters", "[accounts]") {
  CHECK_NOTHROW(app::check_password("correct horse battery", "anna"));
  CHECK_NOTHROW(app::check_password("åäöåäöåäöåäö", "anna"));  // 12 characters, 24 bytes
  CHECK_THROWS_AS(app::check_password("short", "anna"), Invalid);
  CHECK_THROWS_AS(app::check_password("åäöåäöåäöåä", "anna"), Invalid);  // 11 characters
  CHECK_THROWS_AS(app::check_password("Anna.Lindqvist", "anna.lindqvist"), Invalid);
  CHECK_THROWS_AS(app::check_password("correct horse\nbattery", "anna"), Invalid);
  CHECK_THROWS_AS(app::check_password(std::string(1025, 'x'), "anna"), Invalid);
}

TEST_CASE("the table of roles: a viewer never reads free text", "[accounts][roles]") {
  using app::Permission;
  using app::Role;
  struct Row {
    Permission p;
    bool viewer, facilitator, analyst, admin;
  };
  const Row rows[] = {
      {Permission::workspace, true, true, true, true},
      {Permission::view_results, true, false, true, true},
      {Permission::view_free_text, false, false, true, true},
      {Permission::edit_analysis, false, false, true, true},
      {Permission::own_dialogues, false, true, false, true},
      {Permission::administer, false, false, false, true},
  };
  for (const auto& r : rows) {
    INFO(app::permission_name(r.p));
    CHECK(app::allows(Role::viewer, r.p) == r.viewer);
    CHECK(app::allows(Role::facilitator, r.p) == r.facilitator);
    CHECK(app::allows(Role::analyst, r.p) == r.analyst);
    CHECK(app::allows(Role::admin, r.p) == r.admin);
  }
  CHECK_THROWS_AS(app::require(app::Access::resident(), Permission::workspace), Unauthorized);
  CHECK_THROWS_AS(
      app::require(app::Access::signed_in({1, "v", Role::viewer}), Permission::view_free_text),
      Forbidden);
  CHECK_NOTHROW(
      app::require(app::Access::signed_in({1, "v", Role::viewer}), Permission::view_results));
}

TEST_CASE("a user signs in with the right password only", "[accounts][sessions]") {
  Accounts a;
  a.add("Anna");
  const auto session = a.sign_in("anna");  // names compare without ASCII case
  CHECK(session.staff.name == "Anna");
  CHECK(session.staff.role == app::Role::analyst);
  CHECK(app::looks_like_session_token(session.token));
  CHECK(session.ends_at == a.now + 600);
  CHECK(refusal([&] { a.sign_in("Anna", "correct horse batterY"); }) ==
        "wrong: the name or the password is wrong");
  CHECK_THROWS_AS(app::add_user(a.s(), a.cli, "ANNA", app::Role::viewer, good_password), Conflict);
}

TEST_CASE("a name that is no user's is answered as a wrong password, and locks alike",
          "[accounts][sessions]") {
  app::LoginPolicy logins;
  logins.account.lock_after = 5;
  logins.account.first_delay = 0;
  logins.client.first_delay = 0;
  Accounts a(logins);
  a.add("anna");
  for (int i = 1; i <= 5; ++i) {
    INFO(i);
    const std::string user =
        refusal([&] { a.sign_in("anna", "wrong password " + std::to_string(i)); });
    const std::string nobody =
        refusal([&] { a.sign_in("nobody", "wrong password " + std::to_string(i)); });
    CHECK(user == nobody);
    CHECK(user.rfind(i < 5 ? "wrong: " : "locked: ", 0) == 0);
  }
  CHECK(refusal([&] { a.sign_in("anna"); }) == refusal([&] { a.sign_in("nobody"); }));
  CHECK(refusal([&] { a.sign_in("anna"); }).rfind("locked: ", 0) == 0);
}

TEST_CASE("the lock ends after its time, or when lifted", "[accounts][sessions]") {
  app::LoginPolicy logins;
  logins.account.lock_after = 3;
  logins.account.free_failures = 3;
  logins.account.lock_seconds = 900;
  Accounts a(logins);
  const int64_t id = a.add("anna");
  for (int i = 0; i < 3; ++i) refusal([&] { a.sign_in("anna", "wrong password!"); });
  CHECK(app::find_user(a.s(), id).locked);
  CHECK(refusal([&] { a.sign_in("anna"); }).rfind("locked: ", 0) == 0);  // even the right password
  app::unlock_user(a.s(), a.cli, id);
  CHECK_FALSE(app::find_user(a.s(), id).locked);
  CHECK(refusal([&] { a.sign_in("anna"); }) == "signed in");
  for (int i = 0; i < 3; ++i) refusal([&] { a.sign_in("anna", "wrong password!"); });
  a.now += 899;
  CHECK(refusal([&] { a.sign_in("anna"); }).rfind("locked: ", 0) == 0);
  a.now += 1;
  CHECK(refusal([&] { a.sign_in("anna"); }) == "signed in");
}

TEST_CASE("after the free failures each attempt waits a growing delay", "[accounts][sessions]") {
  Accounts a;  // three free, then 1 s, 2 s, ...
  a.add("anna");
  for (int i = 0; i < 4; ++i) refusal([&] { a.sign_in("anna", "wrong password!"); });
  CHECK(refusal([&] { a.sign_in("anna"); }) == "wait 1");
  a.now += 1;
  refusal([&] { a.sign_in("anna", "wrong password!"); });
  CHECK(refusal([&] { a.sign_in("anna"); }) == "wait 2");
  a.now += 2;
  CHECK(refusal([&] { a.sign_in("anna"); }) == "signed in");
  // A success ends the run.
  CHECK(app::find_user(a.s(), app::user_id(a.s(), "anna")).failed_logins == 0);
}

TEST_CASE("one client's failures over many names make it wait", "[accounts][sessions]") {
  app::LoginPolicy logins;
  logins.account.first_delay = 0;
  logins.client.free_failures = 4;
  logins.client.first_delay = 30;
  Accounts a(logins);
  a.add("anna");
  for (int i = 0; i < 5; ++i) refusal([&] { a.sign_in("name" + std::to_string(i), "x"); });
  CHECK(refusal([&] { a.sign_in("anna"); }) == "wait 30");
  CHECK(refusal([&] { a.sign_in("anna", good_password, "198.51.100.7"); }) == "signed in");
  // An IPv6 client is its /64.
  for (int i = 0; i < 5; ++i)
    refusal([&] { a.sign_in("x" + std::to_string(i), "x", "2001:db8::" + std::to_string(i + 1)); });
  CHECK(refusal([&] { a.sign_in("anna", good_password, "2001:db8::ffff"); }) == "wait 30");
}

TEST_CASE("a session ends after its idle time", "[accounts][sessions]") {
  Accounts a({}, {600, 3600});
  a.add("anna");
  const auto session = a.sign_in("anna");
  a.now += 599;
  REQUIRE(app::resume_session(a.s(), session.token).status == app::SessionLookup::Status::live);
  a.now += 599;  // 599 s after the last request
  REQUIRE(app::resume_session(a.s(), session.token).status == app::SessionLookup::Status::live);
  a.now += 600;
  CHECK(app::resume_session(a.s(), session.token).status == app::SessionLookup::Status::expired);
  // Deleted: asked again it is no session at all.
  CHECK(app::resume_session(a.s(), session.token).status == app::SessionLookup::Status::none);
}

TEST_CASE("a session ends at its absolute time however busy", "[accounts][sessions]") {
  Accounts a({}, {600, 3600});
  a.add("anna");
  const auto session = a.sign_in("anna");
  for (int i = 0; i < 11; ++i) {
    a.now += 300;
    REQUIRE(app::resume_session(a.s(), session.token).status == app::SessionLookup::Status::live);
  }
  a.now += 299;  // 3599 s after the login
  REQUIRE(app::resume_session(a.s(), session.token).status == app::SessionLookup::Status::live);
  a.now += 1;
  CHECK(app::resume_session(a.s(), session.token).status == app::SessionLookup::Status::expired);
}

TEST_CASE("the idle time counts from a request at most a touch interval old",
          "[accounts][sessions]") {
  CHECK(app::touch_interval({1800, 43200}) == 60);
  CHECK(app::touch_interval({20, 60}) == 2);
  CHECK(app::touch_interval({5, 60}) == 1);
  CHECK(app::session_state(0, 100, {600, 3600}, 699) == app::SessionState::live);
  CHECK(app::session_state(0, 100, {600, 3600}, 700) == app::SessionState::idle_expired);
  CHECK(app::session_state(0, 3500, {600, 3600}, 3600) == app::SessionState::absolute_expired);
  CHECK(app::session_ends_at(0, 3500, {600, 3600}) == 3600);
}

TEST_CASE("sessions are stored only as digests of their ids", "[accounts][sessions]") {
  Accounts a;
  a.add("anna");
  const auto session = a.sign_in("anna");
  storage::Database db(a.dir.file("a.db"), storage::Database::Mode::read_only);
  storage::Statement s(db, "SELECT id_hash FROM sessions");
  REQUIRE(s.step());
  CHECK(s.text(0) == sha256_hex(session.token));
  CHECK(s.text(0) != session.token);
  CHECK(app::resume_session(a.s(), s.text(0)).status == app::SessionLookup::Status::none);
  CHECK(app::resume_session(a.s(), "not a token").status == app::SessionLookup::Status::none);
}

TEST_CASE("disabling a user or giving a new password ends their sessions", "[accounts][sessions]") {
  Accounts a;
  const int64_t admin = a.add("root", app::Role::admin);
  const int64_t anna = a.add("anna");
  auto one = a.sign_in("anna");
  app::change_password(a.s(), a.cli, anna, "another good password");
  CHECK(app::resume_session(a.s(), one.token).status != app::SessionLookup::Status::live);
  CHECK(refusal([&] { a.sign_in("anna"); }).rfind("wrong: ", 0) == 0);
  auto two = a.sign_in("anna", "another good password");
  app::set_user_disabled(a.s(), a.cli, anna, true);
  CHECK(app::resume_session(a.s(), two.token).status != app::SessionLookup::Status::live);
  // A disabled user is told what a wrong password is told.
  CHECK(refusal([&] { a.sign_in("anna", "another good password"); }) ==
        "wrong: the name or the password is wrong");
  app::set_user_disabled(a.s(), a.cli, anna, false);
  CHECK(refusal([&] { a.sign_in("anna", "another good password"); }) == "signed in");
  // The last enabled admin stays.
  CHECK_THROWS_AS(app::set_user_disabled(a.s(), a.cli, admin, true), Conflict);
  a.add("second", app::Role::admin);
  CHECK_NOTHROW(app::set_user_disabled(a.s(), a.cli, admin, true));
}

TEST_CASE("a form's CSRF token belongs to its session", "[accounts][sessions]") {
  Accounts a;
  a.add("anna");
  const auto one = a.sign_in("anna");
  const auto two = a.sign_in("anna");
  CHECK(one.csrf_token().size() == 64);
  CHECK(one.csrf_matches(one.csrf_token()));
  CHECK_FALSE(one.csrf_matches(two.csrf_token()));
  CHECK_FALSE(one.csrf_matches(""));
  CHECK_FALSE(one.csrf_matches(one.csrf_token().substr(0, 63)));
  // Found again, the session gives the same token.
  CHECK(app::resume_session(a.s(), one.token).session.csrf_token() == one.csrf_token());
}

TEST_CASE("a hash of an older cost is replaced at the next login", "[accounts][sessions]") {
  Accounts a;
  const int64_t id = a.add("anna");
  const std::string old = password::hash(good_password, {1, size_t{16} << 20});
  a.s().writer().execute([&](storage::Database& w) { storage::set_password_hash(w, id, old, 1); });
  a.sign_in("anna");
  auto db = a.s().readers().acquire();
  const auto row = storage::find_user(*db, id);
  CHECK_FALSE(password::needs_rehash(row->password_hash, password::minimum_cost));
  CHECK(password::verify(row->password_hash, good_password));
}

TEST_CASE("the audit log records each kind of event, never a password or a typed name",
          "[accounts][audit]") {
  app::LoginPolicy logins;
  logins.account.lock_after = 2;
  logins.account.first_delay = 0;
  Accounts a(logins);
  const int64_t anna = a.add("anna");
  const auto session = a.sign_in("anna");
  app::sign_out(a.s(), session);
  refusal([&] { a.sign_in("nobody-typed-this", "secret typed in the name field"); });
  refusal([&] { a.sign_in("nobody-typed-this", "x"); });
  refusal([&] { a.sign_in("anna", "the wrong secret"); });
  refusal([&] { a.sign_in("anna", "the wrong secret"); });
  app::unlock_user(a.s(), a.cli, anna);
  app::change_password(a.s(), a.cli, anna, "another good password");
  app::set_user_disabled(a.s(), a.cli, anna, true);
  app::set_user_disabled(a.s(), a.cli, anna, false);
  app::record_audit(a.s(), app::Actor::of(app::Access::script()),
                    app::AuditAction::responses_exported, "trygghet-2026", "format=csv");

  std::vector<std::string> seen;
  for (const auto& e : a.audit()) {
    seen.push_back(e.action + " " + e.actor + " " + e.target);
    for (const std::string& text : {e.actor, e.target, e.detail}) {
      CHECK(text.find("secret") == std::string::npos);
      CHECK(text.find("nobody-typed-this") == std::string::npos);
      CHECK(text.find(good_password) == std::string::npos);
    }
  }
  const std::vector<std::string> expected = {"user_created cli:tester anna",
                                             "login anna anna",
                                             "logout anna anna",
                                             "login_failed  ",
                                             "login_failed  ",
                                             "login_failed anna anna",
                                             "login_failed anna anna",
                                             "account_locked anna anna",
                                             "user_unlocked cli:tester anna",
                                             "password_changed cli:tester anna",
                                             "user_disabled cli:tester anna",
                                             "user_enabled cli:tester anna",
                                             "responses_exported api-token trygghet-2026"};
  CHECK(seen == expected);
  CHECK(app::list_audit(a.s(), 2, 0).entries.front().action == "responses_exported");
  CHECK(app::list_audit(a.s(), 2, 0).total == static_cast<int64_t>(expected.size()));
  CHECK_THROWS_AS(app::list_audit(a.s(), 0, 0), Invalid);
  CHECK_THROWS_AS(
      app::record_audit(a.s(), a.cli, app::AuditAction::survey_changed, std::string(201, 'x')),
      Error);
}

TEST_CASE("the scripts' bearer token: the right one only, whatever its length", "[accounts]") {
  test::TempDir dir;
  app::Services services({dir.file("t.db"), "script-token-0123456789"});
  CHECK(services.authenticate(std::string_view("script-token-0123456789")).trusted());
  for (const std::string& wrong :
       {std::string(), std::string("s"), std::string("script-token-012345678"),
        std::string("script-token-01234567890"), std::string("script-token-0123456780"),
        std::string(4096, 'x')}) {
    INFO(wrong);
    CHECK_THROWS_AS(services.authenticate(std::string_view(wrong)), Unauthorized);
  }
  CHECK_FALSE(services.authenticate(std::nullopt).trusted());
}
