// The default codebook on the labelled texts, read from a source checkout
// (not the copies compiled into the binary, so a tuned codebook needs no
// rebuild): the shared start of the accuracy test and bench/theme_accuracy.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "analysis/codebook/labelled_evaluation.hpp"

namespace lyssna::test {

inline std::string read_source_file(const std::string& source_dir, const std::string& path) {
  std::ifstream in(source_dir + "/" + path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + source_dir + "/" + path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// analysis/data/'s codebook and lexicons on tests/data/themes_labelled/labelled.jsonl.
inline analysis::LabelledRun run_default_codebook(const std::string& source_dir) {
  using nlohmann::json;
  const json codebook = json::parse(read_source_file(source_dir, "analysis/data/codebook.json"));
  auto resources = analysis::build_resources(
      {{"sv", read_source_file(source_dir, "analysis/data/lexicon/sv.txt")},
       {"fi", read_source_file(source_dir, "analysis/data/lexicon/fi.txt")}},
      codebook.value("negation", json::object()));
  return analysis::run_on_labelled(
      analysis::parse_codebook(codebook), resources,
      read_source_file(source_dir, "tests/data/themes_labelled/labelled.jsonl"));
}

}  // namespace lyssna::test
