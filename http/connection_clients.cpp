// Connections per client (see connection_clients.hpp).
#include "http/connection_clients.hpp"

namespace lyssna::http {

ClientSlot& ClientSlot::operator=(ClientSlot&& other) noexcept {
  if (this != &other) {
    release();
    owner_ = other.owner_;
    client_ = std::move(other.client_);
    other.owner_ = nullptr;
  }
  return *this;
}

void ClientSlot::release() {
  if (owner_) owner_->remove(client_);
  owner_ = nullptr;
}

bool ClientConnections::try_add(const std::string& client, ClientSlot& slot) {
  slot.release();  // outside the lock: releasing takes it
  {
    std::lock_guard lock(mutex_);
    size_t& n = counts_[client];
    if (cap_ > 0 && n >= cap_) return false;
    ++n;
  }
  slot = ClientSlot(this, client);
  return true;
}

size_t ClientConnections::count(const std::string& client) const {
  std::lock_guard lock(mutex_);
  auto it = counts_.find(client);
  return it == counts_.end() ? 0 : it->second;
}

size_t ClientConnections::clients() const {
  std::lock_guard lock(mutex_);
  return counts_.size();
}

void ClientConnections::remove(const std::string& client) {
  std::lock_guard lock(mutex_);
  auto it = counts_.find(client);
  if (it == counts_.end()) return;
  if (--it->second == 0) counts_.erase(it);  // forget the address with its last connection
}

}  // namespace lyssna::http
