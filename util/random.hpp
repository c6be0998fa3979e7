// Cryptographically random values from the kernel (getrandom), for record
// ids and invitation codes. Thread-safe; throws Error if the kernel fails.
#pragma once

#include <cstdint>
#include <string>

namespace lyssna::random {

void fill(void* buffer, size_t size);
// A random RFC 4122 version 4 UUID, lower-case hex with dashes.
std::string uuid_v4();
// Uniform in [0, bound) without modulo bias.
uint32_t below(uint32_t bound);

}  // namespace lyssna::random
