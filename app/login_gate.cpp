// Shared sign-in state (see login_gate.hpp).
#include "app/login_gate.hpp"

#include <algorithm>
#include <thread>

#include "util/errors.hpp"
#include "util/random.hpp"

namespace lyssna::app {
namespace {

// Two hashes at once per core, at most four: 64 MiB each.
std::ptrdiff_t hash_slots() {
  const auto cores = static_cast<std::ptrdiff_t>(std::thread::hardware_concurrency());
  return std::clamp<std::ptrdiff_t>(cores, 2, 4);
}

}  // namespace

// One turn at hashing, given back when it ends.
class LoginGate::Turn {
 public:
  explicit Turn(std::counting_semaphore<64>& slots) : slots_(slots) {
    if (!slots_.try_acquire_for(std::chrono::seconds(10))) {
      throw Unavailable("too many logins at once: no turn to check a password within 10 s");
    }
  }
  ~Turn() { slots_.release(); }
  Turn(const Turn&) = delete;
  Turn& operator=(const Turn&) = delete;

 private:
  std::counting_semaphore<64>& slots_;
};

LoginGate::LoginGate(SessionPolicy sessions, LoginPolicy logins, password::Cost cost)
    : sessions_(sessions),
      logins_(logins),
      cost_(cost),
      clients_(logins.client),
      unknown_names_(logins.account),
      slots_(hash_slots()) {}

std::string LoginGate::hash(std::string_view secret) {
  Turn turn(slots_);
  return password::hash(secret, cost_);
}

bool LoginGate::verify(std::string_view stored, std::string_view secret) {
  Turn turn(slots_);
  return password::verify(stored, secret);
}

bool LoginGate::needs_rehash(std::string_view stored) const {
  return password::needs_rehash(stored, cost_);
}

const std::string& LoginGate::decoy_hash() {
  std::call_once(decoy_once_, [this] { decoy_ = hash(random::secret_token(32)); });
  return decoy_;
}

}  // namespace lyssna::app
