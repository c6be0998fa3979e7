// Measures the default codebook on the labelled test set
// (tests/data/themes_labelled): micro- and macro-F1 per language, for the
// part the codebook was tuned on and the part held out for measuring.
//
//   lyssna_bench_theme_accuracy SOURCE_DIR [--misses]
// --misses lists the tuning part's errors, and for each theme found wrongly
// the codebook terms that found it.
// The regression guard on the held-out part is the test program
// tests/accuracy/theme_accuracy_test.cpp; both share
// analysis/codebook/labelled_evaluation and tests/support/default_codebook_run.hpp.
#include <cstdio>
#include <exception>
#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "analysis/codebook/labelled_evaluation.hpp"
#include "analysis/codebook/theme_query.hpp"
#include "analysis/index/document_builder.hpp"
#include "analysis/text/analyzer.hpp"
#include "tests/support/default_codebook_run.hpp"

using namespace lyssna::analysis;

namespace {

// The terms of `theme` that match `text` on its own (an in-memory index of
// one document, built as the real index builds it).
std::string matching_terms(const Theme& theme, const std::string& text, const std::string& lang,
                           TextAnalyzer& analyzer) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Response r;
  r.survey = "why";
  r.id = "1";
  r.lang = lang;
  db.add_document(build_document(analyzer, r, {{"free_text", text}}));
  Xapian::Enquire enquire(db);
  std::string out;
  for (const auto& [term_lang, terms] : theme.terms) {
    for (const auto& term : terms) {
      enquire.set_query(compile_term(term, term_lang, analyzer));
      if (!enquire.get_mset(0, 1).empty())
        out += (out.empty() ? "" : ", ") + term_lang + ":" + term;
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s SOURCE_DIR [--misses]\n", argv[0]);
    return 2;
  }
  const bool misses = argc > 2 && std::string(argv[2]) == "--misses";
  LabelledRun run;
  nlohmann::json codebook_json;
  try {
    run = lyssna::test::run_default_codebook(argv[1]);
    codebook_json = nlohmann::json::parse(
        lyssna::test::read_source_file(argv[1], "analysis/data/codebook.json"));
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
  for (const char* part : {"tune", "measure"}) {
    const auto e = run.score(std::string(part) + "/all");
    std::printf("\nper theme, %s part:\n%-26s %9s %9s %9s %5s %5s %5s\n", part, "theme",
                "precision", "recall", "F1", "TP", "FP", "FN");
    for (const auto& [theme, s] : e.per_theme) {
      std::printf("%-26s %9.3f %9.3f %9.3f %5lld %5lld %5lld\n", theme.c_str(), s.precision(),
                  s.recall(), s.f1(), static_cast<long long>(s.true_positives),
                  static_cast<long long>(s.false_positives),
                  static_cast<long long>(s.false_negatives));
    }
  }
  // Errors per language and theme: where a codebook is weakest.
  for (const char* split : {"tune", "measure"}) {
    std::printf("\nfalse positives/negatives per language, %s part:\n%-26s", split, "theme");
    std::vector<std::string> parts;
    for (const auto& [part, gold] : run.gold) {
      if (part.rfind(std::string(split) + "/", 0) == 0 && part != std::string(split) + "/all") {
        parts.push_back(part);
        std::printf(" %7s", part.substr(part.find('/') + 1).c_str());
      }
    }
    std::printf("\n");
    std::map<std::string, std::vector<std::string>> rows;
    for (const auto& part : parts) {
      for (const auto& [theme, sc] : run.score(part).per_theme) {
        auto& row = rows[theme];
        row.resize(parts.size(), "");
        row[&part - &parts[0]] =
            std::to_string(sc.false_positives) + "/" + std::to_string(sc.false_negatives);
      }
    }
    for (const auto& [theme, row] : rows) {
      std::printf("%-26s", theme.c_str());
      for (const auto& cell : row) std::printf(" %7s", cell.c_str());
      std::printf("\n");
    }
  }
  if (misses) {
    // Only the tuning part: the measured part stays unseen while tuning.
    const Codebook codebook = parse_codebook(codebook_json);
    TextAnalyzer analyzer(lyssna::analysis::build_resources(
        {{"sv", lyssna::test::read_source_file(argv[1], "analysis/data/lexicon/sv.txt")},
         {"fi", lyssna::test::read_source_file(argv[1], "analysis/data/lexicon/fi.txt")}},
        codebook_json.value("negation", nlohmann::json::object())));
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
        const std::string lang = part.substr(part.find('/') + 1);
        for (const auto& theme : guess) {
          if (truth.count(theme)) continue;
          std::printf(
              "    %s from: %s\n", theme.c_str(),
              matching_terms(*codebook.find(theme), run.texts.at(id), lang, analyzer).c_str());
        }
      }
    }
  }
  return 0;
}
