// multipart/form-data bodies (see multipart_body.hpp).
#include "http/multipart_body.hpp"

#include <cstdlib>

#include "util/errors.hpp"

namespace lyssna::http {

MultipartBody read_multipart(const httplib::Request& req, const httplib::ContentReader& reader,
                             size_t limit, size_t max_fields) {
  const std::string declared = req.get_header_value("Content-Length");
  // The declared length counts the boundaries and part headers too: allow
  // a little for them, the parts' own bytes are counted below.
  constexpr size_t framing = 16 * 1024;
  auto too_large = [&] {
    return TooLarge("the upload is larger than " + std::to_string(limit / 1024) + " KiB");
  };
  if (!declared.empty() && std::strtoull(declared.c_str(), nullptr, 10) > limit + framing)
    throw too_large();
  MultipartBody body;
  size_t bytes = 0, parts = 0;
  bool over = false, too_many = false;
  std::string name;
  std::string* value = nullptr;
  const bool complete = reader(
      [&](const httplib::MultipartFormData& part) {
        if (++parts > max_fields) {
          too_many = true;
          return false;
        }
        name = part.name;
        value = &body.fields.emplace(part.name, std::string())->second;
        if (!part.filename.empty()) body.file_names[part.name] = part.filename;
        return true;
      },
      [&](const char* data, size_t length) {
        bytes += length;
        if (bytes > limit) {
          over = true;
          return false;
        }
        if (value) value->append(data, length);
        return true;
      });
  if (over) throw too_large();
  if (too_many) throw BadInput("the form has more than " + std::to_string(max_fields) + " parts");
  if (!complete) throw BadInput("the form's multipart body could not be read");
  return body;
}

}  // namespace lyssna::http
