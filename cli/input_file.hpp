// A command's input file ("-": stdin), read with a limit.
#pragma once

#include <cstddef>
#include <string>

namespace lyssna::cli {

// Reads `path` ("-" for stdin), at most `limit` + 1 bytes: enough for the
// caller to refuse a file that is too large, and a stdin that never ends
// is not read for ever. Throws BadInput (field "FILE") when the file
// cannot be opened or read.
std::string read_input_file(const std::string& path, size_t limit);

}  // namespace lyssna::cli
