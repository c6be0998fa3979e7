// A signed-in client of the workspace for integration tests: users made
// with the real command line, login over HTTP, the session's cookie and
// CSRF token, GET and POST with them, and the audit log as JSON.
#pragma once

#include <regex>
#include <string>
#include <vector>

#include "server_fixture.hpp"

namespace lyssna::test {

inline const std::string good_password = "correct horse battery";

// How many entries of the audit log (Workspace::audit) are of `action`.
inline int count_actions(const nlohmann::json& audit, const std::string& action) {
  int n = 0;
  for (const auto& e : audit) n += e["action"] == action;
  return n;
}

inline std::string cookie_of(const httplib::Result& res) {
  const std::string set = res->get_header_value("Set-Cookie");
  return set.substr(0, set.find(';'));
}

inline std::string csrf_of(const std::string& html) {
  std::smatch m;
  static const std::regex re("name=\"_csrf\" value=\"([0-9a-f]{64})\"");
  if (!std::regex_search(html, m, re)) return "";
  return m[1];
}

struct Workspace : ServerFixture {
  explicit Workspace(const std::vector<std::string>& serve_args = {}) {
    if (!serve_args.empty()) start(serve_args);
  }

  RunResult lyssna(std::vector<std::string> args, const std::string& input = "") {
    args.insert(args.begin(), {"--db", db});
    return run_lyssna(args, input);
  }
  void add_user(const std::string& name, const std::string& role,
                const std::string& password = good_password) {
    auto r = lyssna({"user", "add", name, "--role", role}, password + "\n");
    INFO(r.err);
    REQUIRE(r.status == 0);
  }
  httplib::Result get(const std::string& path, const std::string& cookie = "") {
    httplib::Headers headers;
    if (!cookie.empty()) headers.emplace("Cookie", cookie);
    return client->Get(path.c_str(), headers);
  }
  httplib::Result post(const std::string& path, const Fields& fields,
                       const std::string& cookie = "", httplib::Headers headers = {}) {
    if (!cookie.empty()) headers.emplace("Cookie", cookie);
    httplib::Params params;
    for (const auto& [k, v] : fields) params.emplace(k, v);
    return client->Post(path.c_str(), headers, params);
  }
  httplib::Result try_login(const std::string& name, const std::string& password = good_password) {
    return post("/workspace/login", {{"name", name}, {"password", password}, {"_lang", "en"}});
  }
  // Logs in and returns the session's cookie ("lyssna_session=...").
  std::string login(const std::string& name, const std::string& password = good_password) {
    auto res = try_login(name, password);
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 303);
    REQUIRE(res->get_header_value("Location") == "/workspace");
    return cookie_of(res);
  }
  std::string csrf(const std::string& cookie) {
    auto home = get("/workspace", cookie);
    REQUIRE(home);
    REQUIRE(home->status == 200);
    return csrf_of(home->body);
  }
  nlohmann::json audit() {
    auto r = lyssna({"audit", "list", "--limit", "1000", "--format", "json"});
    REQUIRE(r.status == 0);
    return nlohmann::json::parse(r.out)["entries"];
  }
  nlohmann::json users() {
    auto r = lyssna({"user", "list", "--format", "json"});
    REQUIRE(r.status == 0);
    return nlohmann::json::parse(r.out);
  }
};

}  // namespace lyssna::test
