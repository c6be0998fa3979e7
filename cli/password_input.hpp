// Reading a new password for `lyssna user add` and `user passwd`: never
// from the command line (other users see it in the process list, and the
// shell keeps it in its history). On a terminal it is asked twice, without
// echo; otherwise it is the first line of stdin (a script's pipe or file).
#pragma once

#include <cstdio>
#include <string>

namespace lyssna::cli {

// Throws BadInput when stdin ends before a password, when the line is
// longer than app::max_password_bytes, or when the two typed differ.
std::string read_new_password(const std::string& for_whom);
// The same from `in` (not a terminal): the first line, without its line end.
std::string read_password_line(std::FILE* in);

}  // namespace lyssna::cli
