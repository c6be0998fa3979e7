// Invitation codes for sampled surveys: random, never derived from anything
// about a person, printed on the letter as XXXX-XXXX-XX.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lyssna::codes {

// A new random code, e.g. "K7QM-XW3P-HT". 10 symbols from a 31-letter
// alphabet without look-alikes (0/O, 1/I/L): about 49 bits.
std::string generate_code();
// What a person typed, upper-cased with spaces and dashes removed; nullopt
// when it cannot be a code (wrong length or letters outside the alphabet).
std::optional<std::string> normalize_code(std::string_view typed);
// The stored form of a normalized code.
std::string hash_code(std::string_view normalized);

}  // namespace lyssna::codes
