// The analysis library's data as the binary carries it (analysis/data/):
// compound lexicons, negation rules and the default codebook, what discovery
// leaves out, the indicator definitions and the problem index table; and a
// survey's own codebook from SQLite.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "analysis/codebook/codebook.hpp"
#include "analysis/discover/emergent_themes.hpp"
#include "analysis/stats/indicators.hpp"
#include "analysis/text/resources.hpp"
#include "collector/storage/sqlite.hpp"

namespace lyssna::indexing {

// Loaded once; shared read-only. Throws Error when the built-in data is broken.
std::shared_ptr<const analysis::LanguageResources> language_resources();
const analysis::Codebook& default_codebook();
const analysis::DiscoverVocabulary& discover_vocabulary();
const analysis::IndicatorSpec& indicator_spec();
// analysis/data/problem_index.json, as JSON (a caller may give its own).
const nlohmann::json& default_problem_index_table();
// The survey's own codebook when it has one, else the default.
analysis::Codebook codebook_for(storage::Database& db, const std::string& survey);

}  // namespace lyssna::indexing
