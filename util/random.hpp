// Cryptographically random values from the kernel (getrandom), for record
// ids, invitation codes and session ids. Thread-safe; throws Error if the kernel fails.
#pragma once

#include <cstdint>
#include <string>

namespace lyssna::random {

void fill(void* buffer, size_t size);
// A random RFC 4122 version 4 UUID, lower-case hex with dashes.
std::string uuid_v4();
// Uniform in [0, bound) without modulo bias.
uint32_t below(uint32_t bound);
// `bytes` random bytes straight from the kernel (never from a buffer kept
// in memory), as unpadded base64url: secrets such as session ids.
std::string secret_token(size_t bytes);

}  // namespace lyssna::random
