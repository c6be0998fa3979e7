// `lyssna_seed_dialogue DB USER`: fills DB with the dialogue session of
// dialogue_seed.hpp, run by USER (a facilitator made with `lyssna user
// add`), for the browser test of dot voting, which talks to the lyssna
// binary only. Prints {"session": ..., "code": ...}.
#include <cstdio>
#include <exception>

#include <nlohmann/json.hpp>

#include "app/services.hpp"
#include "dialogue_seed.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s DB USER\n", argv[0]);
    return 2;
  }
  try {
    lyssna::app::Services services({argv[1]});
    const auto seeded = lyssna::test::seed_dialogue(services, argv[2]);
    std::printf(
        "%s\n",
        nlohmann::json{{"session", seeded.session}, {"code", seeded.join_code}}.dump().c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", argv[0], e.what());
    return 1;
  }
  return 0;
}
