// One file compiled into the binary by cmake/EmbedFiles.cmake.
#pragma once

#include <span>
#include <string_view>

namespace lyssna::assets {

struct EmbeddedFile {
  std::string_view path;  // relative to the source root: "web/static/lyssna.css"
  std::string_view bytes;
  std::string_view hash;  // first 16 hex digits of the SHA-256 of the bytes
  std::string_view mime;
};

// The generated table, sorted by path.
std::span<const EmbeddedFile> embedded_files();

}  // namespace lyssna::assets
