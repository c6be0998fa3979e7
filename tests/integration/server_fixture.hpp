// A temporary database with the standard questionnaire and a running
// `lyssna serve` on a free port, plus an HTTP client for it.
#pragma once

#include <httplib.h>

#include <catch2/catch.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <thread>

#include "../support/html.hpp"
#include "../support/process.hpp"
#include "../support/temp_dir.hpp"

namespace lyssna::test {

struct ServerFixture {
  TempDir dir;
  std::string db = dir.file("lyssna.db");
  std::unique_ptr<ServerProcess> server;
  std::unique_ptr<httplib::Client> client;

  explicit ServerFixture(const std::vector<std::string>& survey_args = {}) {
    std::vector<std::string> args = {"--db",
                                     db,
                                     "survey",
                                     "new",
                                     "trygghet-2026",
                                     "--areas",
                                     "handen,jordbro,vasterhaninge=Västerhaninge"};
    args.insert(args.end(), survey_args.begin(), survey_args.end());
    auto created = run_lyssna(args);
    REQUIRE(created.status == 0);
    start();
  }
  void start(std::vector<std::string> serve_args = {}) {
    server.reset();
    server = std::make_unique<ServerProcess>(db, std::move(serve_args));
    client = std::make_unique<httplib::Client>("127.0.0.1", server->port());
    client->set_read_timeout(20, 0);
  }
  std::string export_jsonl() {
    return run_lyssna({"--db", db, "export", "--survey", "trygghet-2026"}).out;
  }
  int stored() { return count_occurrences(export_jsonl(), "\n"); }

  httplib::Result post_form(const Fields& fields) {
    httplib::Params params;
    for (const auto& [k, v] : fields) params.emplace(k, v);
    return client->Post("/s/trygghet-2026", params);
  }
};

inline std::string record_json(const std::string& id, const std::string& extra_answers = "",
                               const std::string& channel = "online") {
  std::string session = channel == "dialogue" || channel == "kiosk" ? "\"s1\"" : "null";
  return R"({"id":")" + id + R"(","survey":"trygghet-2026","lang":"sv","channel":")" + channel +
         R"(","session":)" + session +
         R"(,"submitted_at":"2026-03-04T18:22:05Z","answers":{"area":"jordbro")" + extra_answers +
         "}}";
}

}  // namespace lyssna::test
