// Records in and out in the interchange formats (JSON Lines and CSV of the
// contract). Imports commit in large batches of their own (a connection
// of their own, one transaction per batch), not one by one through the
// writer: tens of thousands of records a second.
#pragma once

#include <istream>
#include <ostream>
#include <string>

#include "app/services.hpp"
#include "collector/interchange/exporter.hpp"
#include "collector/interchange/importer.hpp"

namespace lyssna::app {

// Every good record stored, every bad one reported to `problems` with its
// line and field; duplicates skipped.
interchange::ImportReport import_records(Services& services, std::istream& in,
                                         const interchange::ImportOptions& options,
                                         const interchange::ProblemSink& problems);
// The stored records of `survey` (every survey when empty; CSV needs one),
// in arrival order. Returns how many were written.
int64_t export_records(Services& services, const std::string& survey, interchange::Format format,
                       std::ostream& out);

// One dialogue session's lines (interchange::export_session): the file a
// laptop that never gets online hands over for `lyssna import`.
interchange::SessionExport export_session(Services& services, const std::string& session,
                                          std::ostream& out);

}  // namespace lyssna::app
