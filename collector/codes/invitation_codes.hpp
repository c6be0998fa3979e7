// Invitation codes for sampled surveys: random, never derived from anything
// about a person, printed on the letter as XXXX-XXXX-XXXX-XXXX. Stored only
// as a keyed digest (HMAC-SHA-256 under a key kept outside the database), so
// a copy of the database does not give back the codes that still answer.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lyssna::codes {

// 16 symbols from a 31-letter alphabet without look-alikes (0/O, 1/I/L):
// 79 bits, so guessing a code is hopeless at any rate a server allows.
inline constexpr size_t code_symbols = 16;
// Codes issued before version 0.2 had 10 symbols (49 bits) and an unkeyed
// SHA-256 digest; they still answer so that letters already sent work.
inline constexpr size_t legacy_code_symbols = 10;

// A new random code, e.g. "K7QM-XW3P-HT4R-9CDA".
std::string generate_code();
// What a person typed, upper-cased with spaces and dashes removed; nullopt
// when it cannot be a code (wrong length or letters outside the alphabet).
std::optional<std::string> normalize_code(std::string_view typed);
bool is_legacy_code(std::string_view normalized);

// The stored digest of a normalized code: HMAC-SHA-256 under `key`, or the
// unkeyed digest of a legacy code.
std::string code_digest(std::string_view key, std::string_view normalized);

}  // namespace lyssna::codes
