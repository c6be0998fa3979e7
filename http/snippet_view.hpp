// A snippet of the engine (analysis/index/search.hpp: matches wrapped in
// **…**) as parts a template renders, each escaped: {{#marked}}<mark>…
// The marks never become HTML themselves, so a resident's text cannot either.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace lyssna::http {

// [{"text": "…", "marked": false}, {"text": "mörkt", "marked": true}, …];
// an unmatched "**" at the end is text.
nlohmann::json marked_parts(const std::string& snippet);

// `value` percent-encoded for a query string (all but A-Z a-z 0-9 - _ . ~).
std::string url_encode(const std::string& value);

}  // namespace lyssna::http
