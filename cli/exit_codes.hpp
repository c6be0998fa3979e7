// The one table from the application's outcomes to the exit status of a
// `lyssna` command (documented in `lyssna --help`).
#pragma once

#include "util/errors.hpp"

namespace lyssna::cli {

inline constexpr int exit_ok = 0;
inline constexpr int exit_error = 1;    // the command failed (not found, conflict, storage, ...)
inline constexpr int exit_usage = 2;    // the input or the command line was wrong
inline constexpr int exit_partial = 3;  // import: some records were refused, the rest taken

int exit_code_of(Outcome outcome);

}  // namespace lyssna::cli
