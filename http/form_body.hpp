// Decoding application/x-www-form-urlencoded bodies and query strings into
// form fields, with limits on field count and size.
#pragma once

#include <string_view>

#include "collector/form/form_input.hpp"

namespace lyssna::http {

// Throws BadInput for more than `max_fields` fields or a malformed escape.
form::FormFields parse_urlencoded(std::string_view body, size_t max_fields = 2000);
std::string percent_decode(std::string_view s, bool plus_is_space);

}  // namespace lyssna::http
