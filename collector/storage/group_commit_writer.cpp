// Group commit (see group_commit_writer.hpp).
#include "collector/storage/group_commit_writer.hpp"

#include "collector/core/errors.hpp"
#include "collector/storage/schema.hpp"

namespace lyssna::storage {

GroupCommitWriter::GroupCommitWriter(const std::string& path, size_t max_group)
    : db_(open_connection(path)), max_group_(max_group), thread_([this] { run(); }) {}

GroupCommitWriter::~GroupCommitWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

InsertStatus GroupCommitWriter::submit(InsertRequest request) {
  Pending pending{std::move(request), {}};
  auto result = pending.done.get_future();
  {
    std::lock_guard lock(mutex_);
    if (stopping_) throw StorageError("the server is shutting down; nothing was stored");
    queue_.push_back(&pending);
  }
  wake_.notify_one();
  return result.get();  // `pending` lives until the writer has set its value
}

GroupCommitWriter::Stats GroupCommitWriter::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void GroupCommitWriter::run() {
  std::deque<Pending*> group;
  while (true) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything is committed
      while (!queue_.empty() && group.size() < max_group_) {
        group.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    commit_group(group);
    group.clear();
  }
}

void GroupCommitWriter::commit_group(std::deque<Pending*>& group) {
  std::vector<InsertStatus> outcomes;
  outcomes.reserve(group.size());
  try {
    WriteTransaction tx(db_);
    for (Pending* p : group) outcomes.push_back(insert_response(db_, p->request));
    tx.commit();  // synchronous=FULL: the WAL is on disk when this returns
  } catch (...) {
    auto error = std::current_exception();
    for (Pending* p : group) p->done.set_exception(error);
    return;
  }
  {
    std::lock_guard lock(mutex_);
    stats_.groups += 1;
    stats_.records += group.size();
  }
  for (size_t i = 0; i < group.size(); ++i) group[i]->done.set_value(outcomes[i]);
}

}  // namespace lyssna::storage
