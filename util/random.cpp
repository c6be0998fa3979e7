// Kernel randomness (see random.hpp).
#include "util/random.hpp"

#include <sys/random.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "util/errors.hpp"

namespace lyssna::random {

void fill(void* buffer, size_t size) {
  auto* p = static_cast<unsigned char*>(buffer);
  while (size > 0) {
    ssize_t got = getrandom(p, size, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw Error("the kernel's random source failed");
    }
    p += got;
    size -= static_cast<size_t>(got);
  }
}

namespace {

// Randomness for record ids, fetched from the kernel a page at a time: the
// form page hands out an id on every view, and a system call per view was
// a measurable part of serving it. Each thread has its own buffer.
void fill_buffered(unsigned char* out, size_t size) {
  thread_local unsigned char buffer[4096];
  thread_local size_t available = 0;
  if (size > sizeof buffer) return fill(out, size);
  if (available < size) {
    fill(buffer, sizeof buffer);
    available = sizeof buffer;
  }
  std::memcpy(out, buffer + sizeof buffer - available, size);
  std::memset(buffer + sizeof buffer - available, 0, size);  // used bytes do not linger
  available -= size;
}

}  // namespace

std::string uuid_v4() {
  unsigned char b[16];
  fill_buffered(b, sizeof b);
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);
  char out[37];
  std::snprintf(out, sizeof out,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  return out;
}

std::string secret_token(size_t bytes) {
  static constexpr char alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string raw(bytes, '\0');
  fill(raw.data(), raw.size());
  std::string out;
  out.reserve((bytes * 4 + 2) / 3);
  uint32_t bits = 0;
  int count = 0;
  for (unsigned char c : raw) {
    bits = (bits << 8) | c;
    count += 8;
    while (count >= 6) {
      count -= 6;
      out.push_back(alphabet[(bits >> count) & 63]);
    }
  }
  if (count > 0) out.push_back(alphabet[(bits << (6 - count)) & 63]);
  std::fill(raw.begin(), raw.end(), '\0');
  return out;
}

uint32_t below(uint32_t bound) {
  if (bound < 2) return 0;
  const uint32_t limit = UINT32_MAX - UINT32_MAX % bound;
  while (true) {
    uint32_t v;
    fill(&v, sizeof v);
    if (v < limit) return v % bound;
  }
}

}  // namespace lyssna::random
