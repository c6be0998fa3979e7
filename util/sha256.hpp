// SHA-256 (FIPS 180-4), used to store invitation codes as hashes so that a
// copy of the database does not reveal codes that still answer.
#pragma once

#include <string>
#include <string_view>

namespace lyssna {

// Lower-case hex digest of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace lyssna
