// The server's indexing thread: new answers reach the text index within
// about a second of being stored, without the request that stored them
// waiting; under a stream of answers it indexes them in one batch a second.
// It holds the index's write lock while the server runs.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace lyssna::text_index {

class BackgroundIndexer {
 public:
  explicit BackgroundIndexer(std::string db_path);
  // Finishes the batch in hand, then stops.
  ~BackgroundIndexer();
  BackgroundIndexer(const BackgroundIndexer&) = delete;
  BackgroundIndexer& operator=(const BackgroundIndexer&) = delete;

  // Something was stored: look sooner than the next tick. Thread-safe, cheap.
  void notify();
  // Blocks until everything stored before the call is indexed (for tests
  // and for requests that must see the newest answers). Thread-safe.
  void catch_up();

 private:
  void run();
  std::string db_path_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  bool stopping_ = false, pending_ = true, urgent_ = false;
  uint64_t rounds_ = 0;
  std::thread thread_;
};

}  // namespace lyssna::text_index
