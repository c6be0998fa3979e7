// A strict, fast JSON parser (RFC 8259) for records read in bulk. It builds
// the same nlohmann::json values as nlohmann's own parser, but scans strings
// in runs instead of byte by byte; nlohmann's parser was more than half of
// an import's time. Unlike nlohmann's, it refuses duplicate object keys
// (which would silently lose an answer).
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace lyssna::interchange {

// Throws BadInput ("not valid JSON: ... at byte N") for anything that is not
// exactly one JSON value, possibly surrounded by white space.
nlohmann::json parse_json(std::string_view text, size_t max_depth = 64);

// A JSON file a person gave (a questionnaire definition, a codebook, margins):
// parse_json, with the file named in the error ("'margins.json' is not valid
// JSON: the number 1e9999 is out of range ... at line 3, column 20") and
// `field` (the option or argument that named the file) as its field.
nlohmann::json parse_json_file(std::string_view text, const std::string& name,
                               const std::string& field);

// The string values of the named keys of a JSON object, without building the
// rest: other values are scanned over, not allocated. For reading a few
// answers out of every stored record (the text index needs only the area and
// the free text). Keys whose value is not a string are left out. Throws
// BadInput like parse_json.
std::map<std::string, std::string> string_fields(std::string_view object_text,
                                                 const std::vector<std::string>& keys);

// Calls `visit(key, value)` for every member of a JSON object whose value is
// a string, in order; other values are skipped. The views live only during
// the call. For coding every stored record of a survey without building JSON.
void for_each_string_field(
    std::string_view object_text,
    const std::function<void(std::string_view key, std::string_view value)>& visit);

}  // namespace lyssna::interchange
