// The standard output of a shell command a test runs (a reader such as
// python3 or readstat), which must succeed: the output is in the failure.
#pragma once

#include <cstdio>
#include <string>

#include <catch2/catch.hpp>

namespace lyssna::test {

inline std::string shell_output(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  REQUIRE(p != nullptr);
  char buffer[4096];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, p)) > 0) out.append(buffer, n);
  const int status = pclose(p);
  INFO(command << "\n" << out);
  REQUIRE(status == 0);
  return out;
}

}  // namespace lyssna::test
