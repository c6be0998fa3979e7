// What an exception means to whoever asked: its outcome and what to tell
// them, for the HTTP status table and the CLI's exit codes alike. The
// analysis library's own errors are mapped here, at its boundary.
#pragma once

#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#include "util/errors.hpp"

namespace lyssna::app {

struct Failure {
  Outcome outcome = Outcome::internal;
  std::string message;  // the whole story, for a terminal or a log
  // What a remote client is told: no storage, file or program details (a
  // generic text for internal and unavailable outcomes).
  std::string public_message;
  std::string field;
  int64_t retry_after = 0;  // seconds, for too_many_attempts
  std::vector<Invalid::Problem> problems;
};

Failure failure_of(std::exception_ptr error);

}  // namespace lyssna::app
