// Regression guard on the default codebook: its micro-F1 on the labelled
// texts it was not tuned on (the "measure" split of
// tests/data/themes_labelled) must stay at or above a floor, overall and in
// each language given a floor of its own.
//
//   lyssna_theme_accuracy_test SOURCE_DIR MIN_MICRO_F1 [LANG=MIN_MICRO_F1 ...]
// Prints the figures of the held-out part; exits 1 below a floor or on an
// error. bench/theme_accuracy.cpp prints the full table.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <map>
#include <string>

#include "analysis/codebook/labelled_evaluation.hpp"
#include "tests/support/default_codebook_run.hpp"

using namespace lyssna::analysis;

namespace {

// A floor from 0 to 1, or -1 when `text` is not one.
double floor_of(const char* text) {
  char* end = nullptr;
  const double value = std::strtod(text, &end);
  return end == text || *end != '\0' || value < 0 || value > 1 ? -1 : value;
}

}  // namespace

int main(int argc, char** argv) {
  const char* usage = "usage: %s SOURCE_DIR MIN_MICRO_F1 [LANG=MIN_MICRO_F1 ...] (floors 0 to 1)\n";
  const double required = argc >= 3 ? floor_of(argv[2]) : -1;
  std::map<std::string, double> language_floors;  // "measure/sv" -> floor
  for (int i = 3; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto eq = arg.find('=');
    const double f = eq == std::string::npos ? -1 : floor_of(arg.c_str() + eq + 1);
    if (eq == 0 || f < 0) {
      std::fprintf(stderr, usage, argv[0]);
      return 2;
    }
    language_floors["measure/" + arg.substr(0, eq)] = f;
  }
  if (required < 0) {
    std::fprintf(stderr, usage, argv[0]);
    return 2;
  }
  try {
    const LabelledRun run = lyssna::test::run_default_codebook(argv[1]);
    bool measured = false, below = false;
    for (const auto& [part, gold] : run.gold) {
      if (part.rfind("measure/", 0) != 0) continue;
      measured = true;
      const auto e = evaluate(gold, run.predicted);
      std::printf("%-14s %4lld texts  precision %.3f  recall %.3f  micro-F1 %.3f  macro-F1 %.3f",
                  part.c_str(), static_cast<long long>(e.texts), e.micro.precision(),
                  e.micro.recall(), e.micro.f1(), e.macro_f1);
      if (auto f = language_floors.find(part); f != language_floors.end()) {
        std::printf("  (floor %.3f)", f->second);
        if (e.micro.f1() < f->second) {
          std::printf("  BELOW");
          below = true;
        }
      }
      std::printf("\n");
    }
    if (!measured) {
      std::printf("no held-out texts (split \"measure\") in the labelled set\n");
      return 1;
    }
    for (const auto& [part, floor] : language_floors) {
      if (!run.gold.count(part)) {
        std::printf("no held-out texts for %s, which has a floor\n", part.c_str());
        below = true;
      }
    }
    const double f1 = run.score("measure/all").micro.f1();
    if (f1 < required) {
      std::printf("held-out micro-F1 %.3f is below the required %.3f\n", f1, required);
      return 1;
    }
    if (below) {
      std::printf("a language's held-out micro-F1 is below its floor\n");
      return 1;
    }
    std::printf("held-out micro-F1 %.3f >= %.3f, every language at or above its floor\n", f1,
                required);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
