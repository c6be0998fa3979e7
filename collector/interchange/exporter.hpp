// Exporting stored records in the contract's JSON Lines or CSV, so that
// export -> import into an empty database -> export gives identical records.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "collector/interchange/importer.hpp"
#include "collector/storage/sqlite.hpp"

namespace lyssna::interchange {

// Writes every record of `survey` (every survey when empty; CSV needs one,
// for its columns) in arrival order. Returns the number written. Throws
// NotFound for an unknown survey, BadInput for CSV without a survey.
int64_t export_records(storage::Database& db, const std::string& survey, Format format,
                       std::ostream& out);

}  // namespace lyssna::interchange
