// `lyssna_seed_public_promise DB`: fills DB with the promises of
// public_promise_seed.hpp (the browser test of the public promise page,
// which talks to the lyssna binary only) and prints the published one's id.
#include <cstdio>
#include <exception>

#include "app/services.hpp"
#include "public_promise_seed.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DB\n", argv[0]);
    return 2;
  }
  try {
    lyssna::app::Services services({argv[1]});
    const auto seeded = lyssna::test::seed_public_promise(services);
    std::printf("%lld\n", static_cast<long long>(seeded.published));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", argv[0], e.what());
    return 1;
  }
  return 0;
}
