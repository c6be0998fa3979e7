// The analysis library's data as the binary carries it: compound lexicons,
// negation rules and the default codebook (analysis/data/lexicon/,
// analysis/data/codebook.json), and a survey's own codebook from SQLite.
#pragma once

#include <memory>
#include <string>

#include "analysis/codebook/codebook.hpp"
#include "analysis/text/resources.hpp"
#include "collector/storage/sqlite.hpp"

namespace lyssna::indexing {

// Loaded once; shared read-only. Throws Error when the built-in data is broken.
std::shared_ptr<const analysis::LanguageResources> language_resources();
const analysis::Codebook& default_codebook();
// The survey's own codebook when it has one, else the default.
analysis::Codebook codebook_for(storage::Database& db, const std::string& survey);

}  // namespace lyssna::indexing
