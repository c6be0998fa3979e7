// Decoding application/x-www-form-urlencoded request bodies (the form's
// POSTs) into form fields, with a limit on the field count; the body's size
// is read_body's limit.
#pragma once

#include <string_view>

#include "collector/form/form_input.hpp"

namespace lyssna::http {

// Throws BadInput for more than `max_fields` fields or a malformed escape.
form::FormFields parse_urlencoded(std::string_view body, size_t max_fields = 2000);

}  // namespace lyssna::http
