// How a token is processed: which folding and which stemmer apply. A token's
// profile follows its script and the answer's language (a Swedish word in an
// Arabic answer is processed as Swedish).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace lyssna::analysis {

enum class Profile { sv, en, fi, so, ar, fa, plain };

// The profiles of the six survey languages (not `plain`), in the order
// queries try them.
inline constexpr std::array<Profile, 6> language_profiles = {Profile::sv, Profile::en, Profile::fi,
                                                             Profile::ar, Profile::fa, Profile::so};

// The profile for an answer language code; `plain` for languages with no
// rules (folding only).
Profile profile_for_language(std::string_view lang);
std::string_view profile_code(Profile p);
// The Xapian stemmer name, or empty for profiles without a stemmer (so, fa, plain).
std::string_view stemmer_name(Profile p);

}  // namespace lyssna::analysis
