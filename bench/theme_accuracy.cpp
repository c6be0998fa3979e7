// Measures the default codebook on the labelled test set
// (tests/data/themes_labelled): micro- and macro-F1 per language, for the
// part the codebook was tuned on and the part held out for measuring.
//
//   lyssna_bench_theme_accuracy SOURCE_DIR [--misses] [--require MICRO_F1]
// With --require, exits 1 when the held-out micro-F1 is below the figure (a
// regression guard that CTest runs).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "analysis/codebook/evaluation.hpp"
#include "analysis/codebook/tagger.hpp"
#include "analysis/index/document_builder.hpp"
#include "analysis/index/text_index.hpp"
#include "analysis/text/resources.hpp"

using namespace lyssna::analysis;
using nlohmann::json;

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s SOURCE_DIR [--misses]\n", argv[0]);
    return 2;
  }
  const std::string root = argv[1];
  bool misses = false;
  double required = 0;
  for (int i = 2; i < argc; ++i) {
    if (std::string(argv[i]) == "--misses") misses = true;
    if (std::string(argv[i]) == "--require" && i + 1 < argc) required = std::atof(argv[++i]);
  }
  const json codebook_json = json::parse(read(root + "/analysis/data/codebook.json"));
  auto resources = build_resources({{"sv", read(root + "/analysis/data/lexicon/sv.txt")},
                                    {"fi", read(root + "/analysis/data/lexicon/fi.txt")}},
                                   codebook_json.value("negation", json::object()));
  const Codebook codebook = parse_codebook(codebook_json);
  char dir[] = "/tmp/lyssna-accuracy-XXXXXX";
  if (!mkdtemp(dir)) return 1;
  TextAnalyzer analyzer(resources);
  std::map<std::string, std::map<std::string, std::set<std::string>>> gold;  // "split/lang" -> id -> themes
  std::map<std::string, std::string> texts;
  {
    TextIndex index(std::string(dir) + "/index", TextIndex::Mode::rebuild);
    std::istringstream lines(read(root + "/tests/data/themes_labelled/labelled.jsonl"));
    int64_t seq = 0;
    for (std::string line; std::getline(lines, line);) {
      if (line.empty()) continue;
      json j = json::parse(line);
      Response r;
      r.seq = ++seq;
      r.survey = "eval";
      r.id = j["id"];
      r.lang = j["lang"];
      r.channel = "online";
      texts[r.id] = j["text"];
      index.put(build_document(analyzer, r, {{"free_text", j["text"]}}), unique_term("eval", r.id));
      std::set<std::string> themes(j["themes"].begin(), j["themes"].end());
      gold[j["split"].get<std::string>() + "/" + r.lang][r.id] = themes;
      gold[j["split"].get<std::string>() + "/all"][r.id] = themes;
    }
    index.commit(seq, resources->fingerprint);
  }
  TextIndex index(std::string(dir) + "/index", TextIndex::Mode::read_only);
  Tagger tagger(codebook, analyzer);
  std::map<std::string, std::set<std::string>> predicted;
  for (const auto& row : tagger.tag(index.database(), "eval").rows) {
    for (auto t : row.themes) predicted[row.record_id].insert(codebook.themes[t].id);
  }

  std::printf("%-14s %6s %9s %9s %9s %9s\n", "part", "texts", "precision", "recall", "micro-F1", "macro-F1");
  for (const auto& [part, g] : gold) {
    auto e = evaluate(g, predicted);
    std::printf("%-14s %6lld %9.3f %9.3f %9.3f %9.3f\n", part.c_str(), static_cast<long long>(e.texts),
                e.micro.precision(), e.micro.recall(), e.micro.f1(), e.macro_f1);
  }
  auto measure = evaluate(gold["measure/all"], predicted);
  std::printf("\nper theme, measured part:\n%-26s %9s %9s %9s\n", "theme", "precision", "recall", "F1");
  for (const auto& [theme, s] : measure.per_theme) {
    std::printf("%-26s %9.3f %9.3f %9.3f\n", theme.c_str(), s.precision(), s.recall(), s.f1());
  }
  if (misses) {
    // Only the tuning part: the measured part stays unseen while tuning.
    std::printf("\nerrors on the tuning part:\n");
    for (const auto& [part, g] : gold) {
      if (part.rfind("tune/", 0) != 0 || part == "tune/all") continue;
      for (const auto& [id, truth] : g) {
        const auto& guess = predicted[id];
        if (truth == guess) continue;
        std::string t, p;
        for (const auto& x : truth) t += x + " ";
        for (const auto& x : guess) p += x + " ";
        std::printf("%s | gold: %s| got: %s| %s\n", id.c_str(), t.c_str(), p.c_str(), texts[id].c_str());
      }
    }
  }
  std::string cleanup = std::string("rm -rf ") + dir;
  if (std::system(cleanup.c_str()) != 0) return 1;
  if (measure.micro.f1() < required) {
    std::printf("\nheld-out micro-F1 %.3f is below the required %.3f\n", measure.micro.f1(), required);
    return 1;
  }
  return 0;
}
