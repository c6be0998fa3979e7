// The request thread pool (see connection_threads.hpp).
#include "http/connection_threads.hpp"

namespace lyssna::http {

ConnectionThreads::ConnectionThreads(size_t threads) {
  threads_.reserve(threads);
  for (size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
}

ConnectionThreads::~ConnectionThreads() {
  shutdown();
}

void ConnectionThreads::enqueue(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
    waiting_.store(jobs_.size(), std::memory_order_relaxed);
  }
  wake_.notify_one();
}

void ConnectionThreads::shutdown() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

bool ConnectionThreads::should_make_room() {
  std::lock_guard lock(mutex_);
  if (stopping_ || jobs_.size() <= making_room_) return false;
  ++making_room_;
  return true;
}

void ConnectionThreads::work() {
  while (true) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, and nothing left to serve
      job = std::move(jobs_.front());
      jobs_.pop_front();
      if (making_room_ > 0) --making_room_;
      waiting_.store(jobs_.size(), std::memory_order_relaxed);
    }
    job();
  }
}

}  // namespace lyssna::http
