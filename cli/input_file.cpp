// A command's input file (see input_file.hpp).
#include "cli/input_file.hpp"

#include <algorithm>
#include <fstream>
#include <iostream>

#include "util/errors.hpp"

namespace lyssna::cli {

std::string read_input_file(const std::string& path, size_t limit) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) throw BadInput("cannot open '" + path + "'", "FILE");
    in = &file;
  }
  std::string text;
  char chunk[64 * 1024];
  while (text.size() <= limit) {
    const size_t want = std::min(sizeof chunk, limit + 1 - text.size());
    in->read(chunk, static_cast<std::streamsize>(want));
    if (in->gcount() <= 0) break;
    text.append(chunk, static_cast<size_t>(in->gcount()));
  }
  if (in->bad()) throw BadInput("cannot read '" + path + "'", "FILE");
  return text;
}

}  // namespace lyssna::cli
