// The bilingual dictionaries discovery reads to see one concern in several
// languages: Debian's FreeDict packages (dict-freedict-swe-eng, -eng-swe,
// -ara-eng, -fin-eng) under /usr/share/dictd, or LYSSNA_DICTIONARY_DIR.
// System data, not carried by the binary: a machine without them still
// discovers, merging languages only through the codebook, and says so.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "analysis/dictionary/english_pivots.hpp"

namespace lyssna::indexing {

// Where the dictionaries are looked for.
std::filesystem::path dictionary_dir();

// One per process, each language's dictionaries read on first use
// (thread-safe); never throws for a missing or damaged dictionary (see
// dictionary_warnings).
const analysis::EnglishPivots& english_pivots();

// Sentences for the output when a dictionary is missing or was found
// damaged when read; empty when all are there.
std::vector<std::string> dictionary_warnings(const analysis::EnglishPivots& pivots);

}  // namespace lyssna::indexing
