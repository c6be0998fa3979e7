// A bounded queue between a producing thread and a consuming one, with a
// return path: what the consumer is done with goes back to be freed by the
// producer, on the thread that allocated it (glibc's malloc makes
// cross-thread frees costly). Used by the importer and the index rebuild.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

namespace lyssna {

template <class T>
class HandoffQueue {
 public:
  explicit HandoffQueue(size_t capacity = 8) : capacity_(capacity) {}

  // Blocks while the queue is full (returns at once when cancelled).
  void push(T item) {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [&] { return items_.size() < capacity_ || cancelled_; });
    items_.push_back(std::move(item));
    ready_.notify_one();
  }
  // The next item; nullopt once the producer has finished and all was taken.
  std::optional<T> pop() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return !items_.empty() || finished_; });
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    space_.notify_one();
    return item;
  }
  // The producer is done (with the exception that stopped it, if any).
  void finish(std::exception_ptr error = nullptr) {
    std::lock_guard lock(mutex_);
    finished_ = true;
    error_ = error;
    ready_.notify_all();
  }
  // The consumer failed: the producer should stop.
  void cancel() {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
    space_.notify_all();
  }
  bool cancelled() {
    std::lock_guard lock(mutex_);
    return cancelled_;
  }
  std::exception_ptr error() {
    std::lock_guard lock(mutex_);
    return error_;
  }
  // The consumer hands a used item back; the producer takes them to free or reuse.
  void give_back(T item) {
    std::lock_guard lock(mutex_);
    used_.push_back(std::move(item));
  }
  std::deque<T> take_back() {
    std::lock_guard lock(mutex_);
    return std::exchange(used_, {});
  }

 private:
  size_t capacity_;
  std::mutex mutex_;
  std::condition_variable ready_, space_;
  std::deque<T> items_, used_;
  bool finished_ = false, cancelled_ = false;
  std::exception_ptr error_;
};

// Runs `produce(queue)` on a thread of its own and `consume(item)` on this
// one for every item, handing each back afterwards. An exception on either
// side stops both and is rethrown here, after the producer has finished.
template <class T, class Produce, class Consume>
void run_pipeline(HandoffQueue<T>& queue, Produce produce, Consume consume) {
  std::thread producer([&] {
    std::exception_ptr error;
    try {
      produce(queue);
    } catch (...) {
      error = std::current_exception();
    }
    queue.finish(error);
  });
  try {
    while (auto item = queue.pop()) {
      consume(*item);
      queue.give_back(std::move(*item));
    }
  } catch (...) {
    queue.cancel();
    while (queue.pop()) {
    }
    producer.join();
    throw;
  }
  producer.join();
  if (auto error = queue.error()) std::rethrow_exception(error);
}

}  // namespace lyssna
