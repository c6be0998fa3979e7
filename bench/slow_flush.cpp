// An LD_PRELOAD shim that makes every fsync/fdatasync take at least
// LYSSNA_BENCH_FLUSH_US microseconds (default 1000), then does the real flush.
//
// Why: on this kind of virtual disk a flush costs ~0.05-0.15 ms, so a loop of
// one commit per record is CPU-bound and group commit has nothing to save.
// Real disks without a power-loss-protected cache (SATA SSDs, most laptops
// running a dialogue) take about a millisecond per flush. The shim lets the
// benchmark show both situations, each clearly labelled; it never runs in
// tests or in the server itself.
//
//   LD_PRELOAD=build/bench/liblyssna_bench_slow_flush.so lyssna serve ...
#include <dlfcn.h>
#include <time.h>
#include <unistd.h>

#include <cstdlib>

namespace {

long flush_microseconds() {
  static const long us = [] {
    const char* text = std::getenv("LYSSNA_BENCH_FLUSH_US");
    return text ? std::strtol(text, nullptr, 10) : 1000L;
  }();
  return us;
}

void wait_like_a_disk() {
  const long us = flush_microseconds();
  timespec t{us / 1000000, (us % 1000000) * 1000};
  while (nanosleep(&t, &t) != 0) {
  }
}

template <typename Fn>
Fn real(const char* name) {
  return reinterpret_cast<Fn>(dlsym(RTLD_NEXT, name));
}

}  // namespace

extern "C" int fsync(int fd) {
  static const auto next = real<int (*)(int)>("fsync");
  wait_like_a_disk();
  return next(fd);
}

extern "C" int fdatasync(int fd) {
  static const auto next = real<int (*)(int)>("fdatasync");
  wait_like_a_disk();
  return next(fd);
}
