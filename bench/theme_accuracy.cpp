// Measures the default codebook on the labelled test set
// (tests/data/themes_labelled): micro- and macro-F1 per language, for the
// part the codebook was tuned on and the part held out for measuring.
//
//   lyssna_bench_theme_accuracy SOURCE_DIR [--misses]
// The regression guard on the held-out part is the test program
// tests/accuracy/theme_accuracy_test.cpp; both share
// analysis/codebook/labelled_evaluation and tests/support/default_codebook_run.hpp.
#include <cstdio>
#include <exception>
#include <string>

#include "analysis/codebook/labelled_evaluation.hpp"
#include "tests/support/default_codebook_run.hpp"

using namespace lyssna::analysis;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s SOURCE_DIR [--misses]\n", argv[0]);
    return 2;
  }
  const bool misses = argc > 2 && std::string(argv[2]) == "--misses";
  LabelledRun run;
  try {
    run = lyssna::test::run_default_codebook(argv[1]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }

  std::printf("%-14s %6s %9s %9s %9s %9s\n", "part", "texts", "precision", "recall", "micro-F1",
              "macro-F1");
  for (const auto& [part, gold] : run.gold) {
    auto e = evaluate(gold, run.predicted);
    std::printf("%-14s %6lld %9.3f %9.3f %9.3f %9.3f\n", part.c_str(),
                static_cast<long long>(e.texts), e.micro.precision(), e.micro.recall(),
                e.micro.f1(), e.macro_f1);
  }
  const auto measure = run.score("measure/all");
  std::printf("\nper theme, measured part:\n%-26s %9s %9s %9s\n", "theme", "precision", "recall",
              "F1");
  for (const auto& [theme, s] : measure.per_theme) {
    std::printf("%-26s %9.3f %9.3f %9.3f\n", theme.c_str(), s.precision(), s.recall(), s.f1());
  }
  if (misses) {
    // Only the tuning part: the measured part stays unseen while tuning.
    std::printf("\nerrors on the tuning part:\n");
    for (const auto& [part, gold] : run.gold) {
      if (part.rfind("tune/", 0) != 0 || part == "tune/all") continue;
      for (const auto& [id, truth] : gold) {
        auto it = run.predicted.find(id);
        const std::set<std::string> guess =
            it == run.predicted.end() ? std::set<std::string>{} : it->second;
        if (truth == guess) continue;
        std::string t, p;
        for (const auto& x : truth) t += x + " ";
        for (const auto& x : guess) p += x + " ";
        std::printf("%s | gold: %s| got: %s| %s\n", id.c_str(), t.c_str(), p.c_str(),
                    run.texts.at(id).c_str());
      }
    }
  }
  return 0;
}
