// Runs a codebook over texts whose themes people coded (the JSON Lines of
// tests/data/themes_labelled) and scores the agreement per part. Shared by
// the accuracy test (tests/accuracy) and the figures of bench/, which read
// the repository's files through tests/support/default_codebook_run.hpp.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "analysis/codebook/codebook.hpp"
#include "analysis/codebook/evaluation.hpp"
#include "analysis/text/resources.hpp"

namespace lyssna::analysis {

using ThemesById = std::map<std::string, std::set<std::string>>;

struct LabelledRun {
  // Part ("tune/sv", "measure/all", ...: split, then language or "all") ->
  // text id -> the themes people coded.
  std::map<std::string, ThemesById> gold;
  ThemesById predicted;                      // text id -> the codebook's themes
  std::map<std::string, std::string> texts;  // text id -> text

  Evaluation score(const std::string& part) const;
};

// Indexes every text of `labelled_jsonl` (one {"id", "lang", "text",
// "themes": [...], "split"} per line) in a temporary Xapian index and tags it
// with `codebook`. Throws BadSpecification naming the line of a bad record.
LabelledRun run_on_labelled(const Codebook& codebook,
                            std::shared_ptr<const LanguageResources> resources,
                            std::string_view labelled_jsonl);

}  // namespace lyssna::analysis
