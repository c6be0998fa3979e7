// Regression guard on the default codebook: its micro-F1 on the labelled
// texts it was not tuned on (the "measure" split of
// tests/data/themes_labelled) must stay at or above a floor.
//
//   lyssna_theme_accuracy_test SOURCE_DIR MIN_MICRO_F1
// Prints the figures of the held-out part; exits 1 below the floor or on an
// error. bench/theme_accuracy.cpp prints the full table.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "analysis/codebook/labelled_evaluation.hpp"
#include "tests/support/default_codebook_run.hpp"

using namespace lyssna::analysis;

int main(int argc, char** argv) {
  char* end = nullptr;
  const double required = argc == 3 ? std::strtod(argv[2], &end) : -1;
  if (argc != 3 || end == argv[2] || *end != '\0' || required < 0 || required > 1) {
    std::fprintf(stderr, "usage: %s SOURCE_DIR MIN_MICRO_F1 (a number from 0 to 1)\n", argv[0]);
    return 2;
  }
  try {
    const LabelledRun run = lyssna::test::run_default_codebook(argv[1]);
    bool measured = false;
    for (const auto& [part, gold] : run.gold) {
      if (part.rfind("measure/", 0) != 0) continue;
      measured = true;
      const auto e = evaluate(gold, run.predicted);
      std::printf("%-14s %4lld texts  precision %.3f  recall %.3f  micro-F1 %.3f  macro-F1 %.3f\n",
                  part.c_str(), static_cast<long long>(e.texts), e.micro.precision(),
                  e.micro.recall(), e.micro.f1(), e.macro_f1);
    }
    if (!measured) {
      std::printf("no held-out texts (split \"measure\") in the labelled set\n");
      return 1;
    }
    const double f1 = run.score("measure/all").micro.f1();
    if (f1 < required) {
      std::printf("held-out micro-F1 %.3f is below the required %.3f\n", f1, required);
      return 1;
    }
    std::printf("held-out micro-F1 %.3f >= %.3f\n", f1, required);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
