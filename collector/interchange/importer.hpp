// Importing response records (JSON Lines or CSV) into the database: every
// record is checked against its survey's questionnaire; good records are
// stored in batches; each bad one is reported with its line and field and
// never stops the ones around it. JSON Lines may carry the dialogue
// sessions and votes of interchange.md section 6 beside records, merged by
// the contract's rules in line order within the same transactions.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <string>

#include "collector/interchange/line_intake.hpp"
#include "collector/storage/sqlite.hpp"

namespace lyssna::interchange {

enum class Format { jsonl, csv };

// What became of the lines of one kind.
struct LineCounts {
  int64_t taken = 0;       // stored now
  int64_t updated = 0;     // sessions: a later status; votes: new ballots
  int64_t duplicates = 0;  // nothing new: skipped
  int64_t refused = 0;     // broke a rule, or differs from what is stored under its id
};

struct ImportReport {
  int64_t taken = 0;       // records stored now
  int64_t duplicates = 0;  // identical to a stored record: skipped
  int64_t refused = 0;     // broke a rule, or a different record has the id
  // The dialogue lines of interchange.md section 6 (JSON Lines only).
  LineCounts sessions, votes;
  int64_t ballots_refused = 0;  // ballots seen before with other dots (the rest of the vote taken)
  bool any_refused() const {
    return refused > 0 || sessions.refused > 0 || votes.refused > 0 || ballots_refused > 0;
  }
};

struct ImportOptions {
  Format format = Format::jsonl;
  uint64_t total_bytes = 0;   // for the progress bar; 0 when unknown
  bool progress = false;      // draw a progress bar on stderr
  size_t batch_size = 20000;  // records per transaction
  ThemeCheck themes;          // votes' candidates checked against it when set
};

// "line 12, field 'answers.safe_night': 'maybe' is not one of its options"
using ProblemSink = std::function<void(const std::string&)>;

ImportReport import_records(storage::Database& db, std::istream& in, const ImportOptions& options,
                            const ProblemSink& report_problem);

// Guesses the format from the first byte: '{' means JSON Lines, else CSV.
Format sniff_format(std::istream& in);

}  // namespace lyssna::interchange
