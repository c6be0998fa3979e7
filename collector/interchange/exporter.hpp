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

// What export_session wrote.
struct SessionExport {
  int64_t records = 0;
  int64_t votes = 0;
  int64_t ballots = 0;
};
// One dialogue session as JSON Lines (interchange.md section 6): its session
// line, its records in arrival order, then its votes with every ballot, so
// that importing the file elsewhere takes the session before what names it.
// Reads in one snapshot. Throws NotFound for an unknown session.
SessionExport export_session(storage::Database& db, const std::string& session, std::ostream& out);

}  // namespace lyssna::interchange
