// The one writer of a process. Answers from many HTTP threads queue up; the
// first in the queue becomes the leader and commits everything waiting in
// one transaction (one fsync), then wakes each follower with its own
// outcome and hands leadership to the next in line. Durability costs one
// fsync per group instead of one per answer, and no extra thread sits
// between a request and its commit. Other writes (an analyst's coding, a
// survey's settings) queue up the same way and run alone, each in one
// transaction of their own.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <string>

#include "collector/storage/response_store.hpp"
#include "collector/storage/sqlite.hpp"

namespace lyssna::storage {

class GroupCommitWriter {
 public:
  // Opens its own connection to the (already migrated) database at `path`.
  explicit GroupCommitWriter(const std::string& path, size_t max_group = 512);
  GroupCommitWriter(const GroupCommitWriter&) = delete;
  GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

  // Blocks until the answer is durably committed or refused. Thread-safe.
  // Throws StorageError when the transaction failed (nothing was stored).
  InsertStatus submit(InsertRequest request);
  // Runs `work` in one write transaction on the writer's connection, in
  // turn with the answers; commits when it returns, rolls back and rethrows
  // when it throws. Blocks until done. Thread-safe.
  void execute(const std::function<void(Database&)>& work);

  // Answers' transactions that committed, and the answers in them (stored
  // or found to be duplicates); failed transactions count in neither.
  struct Stats {
    uint64_t groups = 0;
    uint64_t records = 0;
  };
  Stats stats() const;
  // Called (on the committing thread, outside the lock) after every
  // successful group commit; set before the first submit.
  void set_after_commit(std::function<void()> callback) { after_commit_ = std::move(callback); }

 private:
  struct Pending {
    InsertRequest request;
    const std::function<void(Database&)>* work = nullptr;  // set: a job, not an answer
    std::condition_variable wake;
    bool done = false;
    InsertStatus status = InsertStatus::stored;
    std::exception_ptr error;
  };
  // Waits its turn, commits `me` (with the answers behind it when it is
  // one), and wakes the others; rethrows the transaction's error.
  void run_as_leader_or_wait(Pending& me);
  void commit_group(std::deque<Pending*>& group);

  Database db_;  // used only by the current leader
  size_t max_group_;
  mutable std::mutex mutex_;
  std::deque<Pending*> queue_;  // the front is the leader
  Stats stats_;
  std::function<void()> after_commit_;
};

}  // namespace lyssna::storage
