// Open connections counted per client address, for the cap on connections a
// client may hold. Addresses live only here, in memory: never logged or
// stored, and forgotten when a client's last connection closes.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace lyssna::http {

class ClientConnections;

// One connection's place in its client's count: released when it goes.
// Movable, not copyable.
class ClientSlot {
 public:
  ClientSlot() = default;
  ClientSlot(ClientSlot&& other) noexcept { *this = std::move(other); }
  ClientSlot& operator=(ClientSlot&& other) noexcept;
  ~ClientSlot() { release(); }
  void release();
  const std::string& client() const { return client_; }

 private:
  friend class ClientConnections;
  ClientSlot(ClientConnections* owner, std::string client)
      : owner_(owner), client_(std::move(client)) {}
  ClientConnections* owner_ = nullptr;
  std::string client_;
};

// Thread-safe. Must outlive the slots it hands out.
class ClientConnections {
 public:
  // At most `cap` connections per client; 0 for no cap.
  explicit ClientConnections(size_t cap) : cap_(cap) {}

  // A slot for one more connection of `client` (a client_key of the peer,
  // util/client_key.hpp), or an empty slot (false)
  // when the client holds `cap` already.
  bool try_add(const std::string& client, ClientSlot& slot);
  size_t count(const std::string& client) const;
  size_t clients() const;

 private:
  friend class ClientSlot;
  void remove(const std::string& client);

  const size_t cap_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, size_t> counts_;
};

}  // namespace lyssna::http
