// Leader/follower group commit (see group_commit_writer.hpp), in the manner
// of LevelDB's write queue.
#include "collector/storage/group_commit_writer.hpp"

#include "collector/storage/schema.hpp"

namespace lyssna::storage {

GroupCommitWriter::GroupCommitWriter(const std::string& path, size_t max_group)
    : db_(open_connection(path)), max_group_(max_group) {}

InsertStatus GroupCommitWriter::submit(InsertRequest request) {
  Pending me{std::move(request), nullptr, {}, false, InsertStatus::stored, nullptr};
  run_as_leader_or_wait(me);
  return me.status;
}

void GroupCommitWriter::execute(const std::function<void(Database&)>& work) {
  Pending me{{}, &work, {}, false, InsertStatus::stored, nullptr};
  run_as_leader_or_wait(me);
}

void GroupCommitWriter::run_as_leader_or_wait(Pending& me) {
  std::unique_lock lock(mutex_);
  queue_.push_back(&me);
  me.wake.wait(lock, [&] { return me.done || queue_.front() == &me; });
  if (!me.done) {
    // Leader: commit the answers at the front of the queue, this one first,
    // up to the next job; a job goes alone.
    std::deque<Pending*> group;
    for (auto it = queue_.begin(); it != queue_.end() && group.size() < max_group_; ++it) {
      if ((*it)->work && !group.empty()) break;
      group.push_back(*it);
      if ((*it)->work) break;
    }
    lock.unlock();
    commit_group(group);
    if (after_commit_ && !group.front()->error) after_commit_();
    lock.lock();
    for (size_t i = 0; i < group.size(); ++i) queue_.pop_front();
    // Only what is on disk counts: a failed transaction stored nothing.
    if (!me.work && !group.front()->error) {
      stats_.groups += 1;
      stats_.records += group.size();
    }
    for (Pending* p : group) {
      p->done = true;
      if (p != &me) p->wake.notify_one();
    }
    if (!queue_.empty()) queue_.front()->wake.notify_one();  // the next leader
  }
  if (me.error) std::rethrow_exception(me.error);
}

GroupCommitWriter::Stats GroupCommitWriter::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void GroupCommitWriter::commit_group(std::deque<Pending*>& group) {
  try {
    WriteTransaction tx(db_);
    for (Pending* p : group) {
      if (p->work) {
        (*p->work)(db_);
      } else {
        p->status = insert_response(db_, p->request);
      }
    }
    tx.commit();  // synchronous=FULL: the WAL is on disk when this returns
  } catch (...) {
    auto error = std::current_exception();
    for (Pending* p : group) p->error = error;
  }
}

}  // namespace lyssna::storage
