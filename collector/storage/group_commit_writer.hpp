// The one thread that writes answers. Requests from many HTTP threads queue
// up; the writer commits everything waiting in one transaction (one fsync)
// and then wakes each requester with its own outcome. Durability costs one
// fsync per group instead of one per answer.
#pragma once

#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <string>
#include <thread>

#include "collector/storage/response_store.hpp"
#include "collector/storage/sqlite.hpp"

namespace lyssna::storage {

class GroupCommitWriter {
 public:
  // Opens its own connection to the (already migrated) database at `path`.
  explicit GroupCommitWriter(const std::string& path, size_t max_group = 512);
  // Commits what is queued, then stops the thread.
  ~GroupCommitWriter();
  GroupCommitWriter(const GroupCommitWriter&) = delete;
  GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

  // Blocks until the answer is durably committed or refused. Thread-safe.
  // Throws StorageError when the transaction failed (nothing was stored).
  InsertStatus submit(InsertRequest request);

  struct Stats {
    uint64_t groups = 0;
    uint64_t records = 0;
  };
  Stats stats() const;

 private:
  struct Pending {
    InsertRequest request;
    std::promise<InsertStatus> done;
  };
  void run();
  void commit_group(std::deque<Pending*>& group);

  Database db_;
  size_t max_group_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Pending*> queue_;
  bool stopping_ = false;
  Stats stats_;
  std::thread thread_;
};

}  // namespace lyssna::storage
