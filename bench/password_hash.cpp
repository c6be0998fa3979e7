// Prints how long one Argon2id hash (and one verification) takes at the
// workspace's cost and at a few others, median of five: the figure the
// choice of util/password_hash.hpp's default_cost rests on.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "util/password_hash.hpp"

namespace {

double median_ms(const std::vector<double>& runs) {
  std::vector<double> sorted = runs;
  std::sort(sorted.begin(), sorted.end());
  return sorted[sorted.size() / 2];
}

template <class F>
double time_ms(F f) {
  std::vector<double> runs;
  for (int i = 0; i < 5; ++i) {
    const auto start = std::chrono::steady_clock::now();
    f();
    runs.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
  }
  return median_ms(runs);
}

}  // namespace

int main() {
  using lyssna::password::Cost;
  const Cost costs[] = {lyssna::password::default_cost,
                        {2, size_t{19} << 20},
                        {2, size_t{64} << 20},
                        {4, size_t{64} << 20},
                        {3, size_t{256} << 20}};
  for (const Cost& c : costs) {
    std::string stored;
    const double hash =
        time_ms([&] { stored = lyssna::password::hash("correct horse battery", c); });
    const double verify =
        time_ms([&] { lyssna::password::verify(stored, "correct horse battery"); });
    std::printf("argon2id t=%llu m=%4zu MiB: hash %6.1f ms, verify %6.1f ms%s\n",
                static_cast<unsigned long long>(c.passes), c.memory >> 20, hash, verify,
                c.passes == lyssna::password::default_cost.passes &&
                        c.memory == lyssna::password::default_cost.memory
                    ? "   <- the workspace's"
                    : "");
  }
  return 0;
}
