// Terminal progress bar (see progress_bar.hpp).
#include "collector/interchange/progress_bar.hpp"

#include <unistd.h>

#include <cstdio>

namespace lyssna::interchange {

ProgressBar::ProgressBar(std::string label, uint64_t total_bytes, bool enabled)
    : label_(std::move(label)),
      total_(total_bytes),
      enabled_(enabled),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

ProgressBar::~ProgressBar() {
  finish();
}

bool ProgressBar::stderr_is_terminal() {
  return isatty(STDERR_FILENO) == 1;
}

void ProgressBar::update(uint64_t bytes_done, uint64_t items_done) {
  bytes_ = bytes_done;
  items_ = items_done;
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  draw(false);
}

void ProgressBar::finish() {
  if (finished_) return;
  finished_ = true;
  if (enabled_) draw(true);
}

void ProgressBar::draw(bool final) {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double rate = seconds > 0 ? static_cast<double>(items_) / seconds : 0;
  if (total_ > 0) {
    double fraction = final ? 1.0 : static_cast<double>(bytes_) / static_cast<double>(total_);
    if (fraction > 1) fraction = 1;
    constexpr int width = 30;
    int filled = static_cast<int>(fraction * width);
    std::string bar(static_cast<size_t>(filled), '#');
    bar.append(static_cast<size_t>(width - filled), '.');
    std::fprintf(stderr, "\r%s [%s] %3d%%  %llu records  %.0f/s", label_.c_str(), bar.c_str(),
                 static_cast<int>(fraction * 100), static_cast<unsigned long long>(items_), rate);
  } else {
    std::fprintf(stderr, "\r%s %llu records  %.0f/s", label_.c_str(),
                 static_cast<unsigned long long>(items_), rate);
  }
  if (final) std::fputc('\n', stderr);
  std::fflush(stderr);
}

}  // namespace lyssna::interchange
