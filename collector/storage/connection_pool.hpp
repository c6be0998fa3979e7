// Read connections for request threads: each request borrows one and gives
// it back when the lease ends. SQLite connections are not shared between
// threads at the same time, and opening one per request would be slow.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "collector/storage/sqlite.hpp"

namespace lyssna::storage {

class ConnectionPool {
 public:
  explicit ConnectionPool(std::string path) : path_(std::move(path)) {}

  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Database> db) : pool_(pool), db_(std::move(db)) {}
    ~Lease() { pool_.give_back(std::move(db_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Database& operator*() { return *db_; }
    Database* operator->() { return db_.get(); }

   private:
    ConnectionPool& pool_;
    std::unique_ptr<Database> db_;
  };

  // Thread-safe. Throws StorageError when a new connection cannot be opened.
  Lease acquire();

 private:
  void give_back(std::unique_ptr<Database> db);
  std::string path_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Database>> idle_;
};

}  // namespace lyssna::storage
