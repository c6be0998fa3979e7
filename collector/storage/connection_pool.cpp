// Read connection pool (see connection_pool.hpp).
#include "collector/storage/connection_pool.hpp"

#include "collector/storage/schema.hpp"

namespace lyssna::storage {

ConnectionPool::Lease ConnectionPool::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto db = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(db));
    }
  }
  return Lease(*this, std::make_unique<Database>(open_connection(path_)));
}

void ConnectionPool::give_back(std::unique_ptr<Database> db) {
  if (!db) return;
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(db));
}

}  // namespace lyssna::storage
