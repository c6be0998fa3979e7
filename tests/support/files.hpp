// Reading files of the source tree in tests.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace lyssna::test {

// The file at `path`, relative to the source root (LYSSNA_SOURCE_DIR).
inline std::string source_file(const std::string& path) {
  std::ifstream in(std::string(LYSSNA_SOURCE_DIR) + "/" + path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace lyssna::test
