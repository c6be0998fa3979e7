// Argon2id through libsodium (see password_hash.hpp).
#include "util/password_hash.hpp"

#include <sodium.h>

#include <vector>

#include "util/errors.hpp"

namespace lyssna::password {
namespace {

void require_sodium() {
  // Thread-safe and idempotent since libsodium 1.0.11; picks the fastest
  // implementation for this CPU once.
  static const int ready = sodium_init();
  if (ready < 0) throw Error("libsodium could not be initialised");
}

}  // namespace

std::string hash(std::string_view secret, Cost cost) {
  require_sodium();
  if (cost.passes < minimum_cost.passes || cost.memory < minimum_cost.memory) {
    throw Error("the password hash cost is below the minimum (t=1, 8 MiB)");
  }
  char out[crypto_pwhash_STRBYTES];
  // The secret goes with its length: a NUL inside it does not cut it short.
  if (crypto_pwhash_str_alg(out, secret.data(), secret.size(), cost.passes, cost.memory,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw Error("libsodium could not hash a password (out of memory?)");
  }
  return out;
}

bool verify(std::string_view stored, std::string_view secret) {
  require_sodium();
  // crypto_pwhash_str_verify wants a NUL-terminated string of at most
  // crypto_pwhash_STRBYTES - 1 characters.
  if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES ||
      stored.find('\0') != std::string_view::npos) {
    return false;
  }
  const std::string terminated(stored);
  return crypto_pwhash_str_verify(terminated.c_str(), secret.data(), secret.size()) == 0;
}

bool needs_rehash(std::string_view stored, Cost cost) {
  require_sodium();
  if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES) return true;
  const std::string terminated(stored);
  // crypto_pwhash_str_needs_rehash checks the parameters, not the
  // algorithm: an Argon2i hash with the same cost would pass.
  if (terminated.rfind("$argon2id$", 0) != 0) return true;
  return crypto_pwhash_str_needs_rehash(terminated.c_str(), cost.passes, cost.memory) != 0;
}

}  // namespace lyssna::password
