// A progress bar on stderr for long imports, exports and rebuilds; silent
// when stderr is not a terminal (scripts and CI see only the summary).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace lyssna::interchange {

class ProgressBar {
 public:
  // `total_bytes` 0 means unknown (stdin): a counter without a bar.
  ProgressBar(std::string label, uint64_t total_bytes, bool enabled);
  ~ProgressBar();
  void update(uint64_t bytes_done, uint64_t items_done);
  void finish();

  static bool stderr_is_terminal();

 private:
  void draw(bool final);
  std::string label_;
  uint64_t total_;
  bool enabled_;
  bool finished_ = false;
  uint64_t bytes_ = 0, items_ = 0;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace lyssna::interchange
