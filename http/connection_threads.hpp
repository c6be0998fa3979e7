// The server's request threads: a fixed pool that serves one connection per
// thread and tells how many connections are waiting for one, so that a
// connection whose body arrives slowly can make room for them.
#pragma once

#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace lyssna::http {

// Thread-safe. shutdown() (or the destructor) runs the jobs already queued,
// then joins the threads.
class ConnectionThreads : public httplib::TaskQueue {
 public:
  explicit ConnectionThreads(size_t threads);
  ~ConnectionThreads() override;
  ConnectionThreads(const ConnectionThreads&) = delete;
  ConnectionThreads& operator=(const ConnectionThreads&) = delete;

  void enqueue(std::function<void()> job) override;
  void shutdown() override;
  // Queued jobs (connections with a request) that no thread has taken yet.
  size_t waiting() const { return waiting_.load(std::memory_order_relaxed); }
  // Asked by the thread of a slow connection: true when it should give
  // that connection up to free itself for a waiting one. Each waiting
  // connection is promised one thread, so a burst frees no more than needed.
  bool should_make_room();

 private:
  void work();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  size_t making_room_ = 0;  // threads on their way to a waiting connection
  std::atomic<size_t> waiting_{0};
  std::vector<std::thread> threads_;
};

}  // namespace lyssna::http
