// What a codebook change does to a survey's coding: for each theme, the
// responses it gains and loses, from the assignment of the codebook in force
// and that of the changed one (both tagged over the same index, manual codes
// applied). A renamed theme is compared with its old self; a theme merged
// into another or deleted loses all its responses, and the theme it went
// into gains those it did not have.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/codebook/codebook.hpp"
#include "analysis/codebook/tagger.hpp"

namespace lyssna::analysis {

struct ThemeChange {
  enum class Kind {
    kept,     // in both codebooks under the same id
    created,  // new in the changed codebook
    renamed,  // an old theme under a new id (`was`)
    dropped,  // deleted, or merged into `into`
  };
  Kind kind = Kind::kept;
  std::string theme;  // the id in the changed codebook (the old id for a dropped theme)
  std::string was;    // renamed: the old id
  std::string into;   // dropped by a merge: the theme it went into
  std::vector<std::string> gained, lost;  // record ids, in record order
};

struct CodebookDiff {
  std::vector<ThemeChange> themes;  // the themes with a change, in codebook order, dropped last
  int64_t gained = 0, lost = 0;     // response-theme pairs
  int64_t responses_gaining = 0;    // responses with at least one theme gained
  int64_t responses_losing = 0;     // ... lost
};

CodebookDiff diff_assignments(const Codebook& before, const ThemeAssignment& old_assignment,
                              const Codebook& after, const ThemeAssignment& new_assignment);

}  // namespace lyssna::analysis
