// The server's indexing thread: new answers reach the text index within
// about a second of being stored, without the request that stored them
// waiting; under a stream of answers it indexes them in one batch a second.
// It holds the index's write lock while the server runs.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace lyssna::indexing {

class BackgroundIndexer {
 public:
  explicit BackgroundIndexer(std::string db_path);
  // Finishes the batch in hand (a few hundred responses, committed, even in
  // the middle of a rebuild), then stops.
  ~BackgroundIndexer();
  BackgroundIndexer(const BackgroundIndexer&) = delete;
  BackgroundIndexer& operator=(const BackgroundIndexer&) = delete;

  // Something was stored: look sooner than the next tick. Thread-safe, cheap.
  void notify();

 private:
  void run();
  std::string db_path_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false, pending_ = true;
  std::thread thread_;
};

}  // namespace lyssna::indexing
