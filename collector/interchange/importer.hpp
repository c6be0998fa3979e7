// Importing response records (JSON Lines or CSV) into the database: every
// record is checked against its survey's questionnaire; good records are
// stored in batches; each bad one is reported with its line and field and
// never stops the ones around it.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <string>

#include "collector/storage/sqlite.hpp"

namespace lyssna::interchange {

enum class Format { jsonl, csv };

struct ImportReport {
  int64_t taken = 0;       // stored now
  int64_t duplicates = 0;  // identical to a stored record: skipped
  int64_t refused = 0;     // broke a rule, or a different record has the id
};

struct ImportOptions {
  Format format = Format::jsonl;
  uint64_t total_bytes = 0;   // for the progress bar; 0 when unknown
  bool progress = false;      // draw a progress bar on stderr
  size_t batch_size = 20000;  // records per transaction
};

// "line 12, field 'answers.safe_night': 'maybe' is not one of its options"
using ProblemSink = std::function<void(const std::string&)>;

ImportReport import_records(storage::Database& db, std::istream& in, const ImportOptions& options,
                            const ProblemSink& report_problem);

// Guesses the format from the first byte: '{' means JSON Lines, else CSV.
Format sniff_format(std::istream& in);

}  // namespace lyssna::interchange
