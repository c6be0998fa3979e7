// Choosing the language of a page: an explicit choice (?lang= or the
// switcher) wins, then the browser's Accept-Language, then the survey's
// default language.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lyssna::http {

// Picks from `available` (in the survey's order, default first). `explicit_choice`
// is used when it is available; Accept-Language entries are scored by their
// q-value, region subtags ignored ("sv-SE" counts as "sv"), ties broken by
// their order in the header.
std::string choose_language(const std::vector<std::string>& available,
                            std::string_view explicit_choice, std::string_view accept_language);

}  // namespace lyssna::http
