// A 64-bit FNV-1a hash: the same value in every build and on every machine
// (std::hash promises neither), for what is stored and compared later, such
// as the index's language fingerprint and the digests in over-long terms.
#pragma once

#include <cstdint>
#include <string_view>

namespace lyssna::analysis {

inline uint64_t stable_hash(std::string_view s, uint64_t h = 1469598103934665603ULL) {
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return h;
}

}  // namespace lyssna::analysis
