// A survey's answers as an SPSS (.sav) or Stata (.dta) data file, the
// variables of app/answer_variables.hpp with their labels in Swedish or
// English, streamed from one SQLite snapshot straight into the output.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "app/audit.hpp"
#include "app/services.hpp"
#include "util/stat_file.hpp"

namespace lyssna::app {

struct StatFileExport {
  int64_t rows = 0;
  int64_t truncated = 0;  // texts cut at the format's string limit (Stata: 2045 bytes)
  int64_t unknown = 0;    // answers that are none of their question's options: left missing
};

// `labels`: "sv" or "en" (Invalid naming "labels" else). String variables
// are as wide as the survey's longest answer (so a file of short answers
// stays small), at most the format's limit; a note in the file says where
// texts were cut. Audited (responses_exported, detail "sav, N answers,
// labels sv"). Throws NotFound for an unknown survey, Error when writing fails.
StatFileExport export_answers_stat_file(Services& services, const Actor& actor,
                                        const std::string& survey, util::StatFormat format,
                                        const std::string& labels, std::ostream& out);

}  // namespace lyssna::app
