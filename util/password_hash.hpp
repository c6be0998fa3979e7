// Password hashes for the workspace's accounts: Argon2id through libsodium
// (crypto_pwhash_str), in libsodium's self-describing string form
// ("$argon2id$v=19$m=65536,t=3,p=1$salt$hash"), so a stored hash carries
// its own cost and a cheaper old one can be recognised and replaced.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace lyssna::password {

// Argon2id's cost: passes over memory and the memory itself.
struct Cost {
  uint64_t passes = 3;
  size_t memory = size_t{64} << 20;
};
// RFC 9106's second recommended setting (t=3, 64 MiB): about 0.1 s on one
// core of the machines measured (bench/password_hash.sh), so online guessing
// costs the server as much as the guesser, and a stolen database costs an
// offline guesser the same for every guess. Its memory is why the callers
// bound how many hashes run at once (app/accounts.hpp).
inline constexpr Cost default_cost{};
// The smallest cost `hash` takes (libsodium's own minimum is lower): below
// it a hash would be cheap to guess offline.
inline constexpr Cost minimum_cost{1, size_t{8} << 20};

// A new hash of `secret` with a fresh random salt. Throws Error when
// libsodium cannot (out of memory) or when `cost` is below minimum_cost.
std::string hash(std::string_view secret, Cost cost = default_cost);
// Whether `secret` matches `stored`; false (never an exception) for a
// stored text that is no hash libsodium reads. Takes the time of the
// stored hash's cost, whatever the secret.
bool verify(std::string_view stored, std::string_view secret);
// Whether `stored` was made with another cost (or algorithm) than `cost`:
// it should be replaced by a new hash at the next successful login.
bool needs_rehash(std::string_view stored, Cost cost = default_cost);

}  // namespace lyssna::password
