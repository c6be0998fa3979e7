// Reading multipart/form-data bodies (a form with a file input) into form
// fields within a size limit: the library's parser, with the bytes counted
// as they arrive, so a large upload is refused without being held.
#pragma once

#include <map>
#include <string>

#include <httplib.h>

#include "collector/form/form_input.hpp"

namespace lyssna::http {

struct MultipartBody {
  form::FormFields fields;  // every part by name; a file's part is its content
  std::map<std::string, std::string> file_names;  // the file name a file's part came with
};

// Throws TooLarge when the parts' bytes exceed `limit` (or the declared
// length does), BadInput for more than `max_fields` parts or a body the
// parser cannot read.
MultipartBody read_multipart(const httplib::Request& req, const httplib::ContentReader& reader,
                             size_t limit, size_t max_fields = 200);

}  // namespace lyssna::http
