// SHA-256 and HMAC-SHA-256 through OpenSSL's libcrypto: content hashes of
// embedded files, salted keys of in-memory tables, and keyed digests of
// invitation codes (a copy of the database alone does not give them back).
#pragma once

#include <string>
#include <string_view>

namespace lyssna {

// Lower-case hex digest of `data`.
std::string sha256_hex(std::string_view data);
// Lower-case hex HMAC-SHA-256 of `data` under `key`. Throws Error if
// libcrypto fails.
std::string hmac_sha256_hex(std::string_view key, std::string_view data);
// Compares two secrets in time that depends only on their lengths.
bool same_secret(std::string_view a, std::string_view b);

}  // namespace lyssna
