// Starting and stopping the server of `lyssna serve`: a stop that comes
// before run() (a signal at start, or run() never reached) returns, and
// run() then returns at once; a stop while it runs ends it.
#include "http/server.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <memory>
#include <thread>

#include "../support/temp_dir.hpp"

using namespace lyssna;
using namespace std::chrono_literals;

namespace {

// Runs `f` on a thread of its own that holds `server` (so a call that never
// returns cannot outlive it); true when it returned within ten seconds.
template <class F>
bool returns(const std::shared_ptr<http::Server>& server, F f) {
  auto done = std::make_shared<std::promise<void>>();
  auto returned = done->get_future();
  std::thread([server, done, f] {
    f(*server);
    done->set_value();
  }).detach();
  return returned.wait_for(10s) == std::future_status::ready;
}

std::shared_ptr<http::Server> bound_server(const test::TempDir& dir) {
  http::ServerOptions options;
  options.db_path = dir.file("lyssna.db");
  options.port = 0;
  options.threads = 2;
  options.max_connections_per_client = 1;
  auto server = std::make_shared<http::Server>(options);
  server->bind();
  return server;
}

}  // namespace

TEST_CASE("stop() before run() returns, and run() then serves nothing", "[http]") {
  test::TempDir dir;
  auto server = bound_server(dir);
  REQUIRE(returns(server, [](http::Server& s) { s.stop(); }));
  CHECK(returns(server, [](http::Server& s) { s.run(); }));
  CHECK(returns(server, [](http::Server& s) { s.stop(); }));  // twice is once
}

TEST_CASE("stop() ends a running server, from any thread, once or twice", "[http]") {
  test::TempDir dir;
  auto server = bound_server(dir);
  auto ran = std::async(std::launch::async, [server] { server->run(); });
  std::this_thread::sleep_for(100ms);
  REQUIRE(returns(server, [](http::Server& s) { s.stop(); }));
  CHECK(ran.wait_for(10s) == std::future_status::ready);
  CHECK(returns(server, [](http::Server& s) { s.stop(); }));
}
