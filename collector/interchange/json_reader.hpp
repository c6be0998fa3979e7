// A strict, fast JSON parser (RFC 8259) for records read in bulk. It builds
// the same nlohmann::json values as nlohmann's own parser, but scans strings
// in runs instead of byte by byte; nlohmann's parser was more than half of
// an import's time. Unlike nlohmann's, it refuses duplicate object keys
// (which would silently lose an answer).
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

namespace lyssna::interchange {

// Throws BadInput ("not valid JSON: ... at byte N") for anything that is not
// exactly one JSON value, possibly surrounded by white space.
nlohmann::json parse_json(std::string_view text, size_t max_depth = 64);

}  // namespace lyssna::interchange
