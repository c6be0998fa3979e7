// The request thread pool: jobs run, queued jobs are counted, shutdown
// serves what was queued, and idle threads are asked to make room for
// exactly as many connections as wait.
#include "http/connection_threads.hpp"

#include <catch2/catch.hpp>
#include <future>

using lyssna::http::ConnectionThreads;

TEST_CASE("queued jobs are counted until a thread takes them", "[http]") {
  ConnectionThreads pool(1);
  std::promise<void> release;
  auto released = release.get_future().share();
  std::promise<void> started;
  pool.enqueue([&started, released] {
    started.set_value();
    released.wait();
  });
  started.get_future().wait();  // the one thread is busy now
  std::atomic<int> ran{0};
  pool.enqueue([&ran] { ++ran; });
  pool.enqueue([&ran] { ++ran; });
  CHECK(pool.waiting() == 2);
  // Two wait: two idle threads may step aside, a third may not.
  CHECK(pool.should_make_room());
  CHECK(pool.should_make_room());
  CHECK_FALSE(pool.should_make_room());
  release.set_value();
  pool.shutdown();  // runs what was queued, then joins
  CHECK(ran == 2);
  CHECK(pool.waiting() == 0);
  CHECK_FALSE(pool.should_make_room());
}

TEST_CASE("with nothing waiting no thread is asked to make room", "[http]") {
  ConnectionThreads pool(2);
  CHECK(pool.waiting() == 0);
  CHECK_FALSE(pool.should_make_room());
}
