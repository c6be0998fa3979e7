// Keeps the Xapian index in step with SQLite: adds the responses that
// arrived after the index's watermark, in batches, each batch committed with
// its new watermark. A crash mid-way leaves the last committed batch; the
// next update carries on from there. When the language knowledge changed
// (lexicon, negation rules), the index is rebuilt.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "analysis/index/text_index.hpp"
#include "analysis/text/analyzer.hpp"
#include "collector/storage/sqlite.hpp"

namespace lyssna::indexing {

// Called after each batch with (responses read, of how many).
using Progress = std::function<void(int64_t done, int64_t total)>;

// Adds what is missing. Returns the number of responses read.
int64_t update_index(storage::Database& db, analysis::TextIndex& index, analysis::TextAnalyzer& analyzer,
                     const Progress& progress = {});

// True when the index was built with other language knowledge than this binary's.
bool needs_rebuild(const analysis::TextIndex& index);

// Builds the index of `db_path` from scratch. Throws IndexBusy while a server writes it.
int64_t rebuild_index(const std::string& db_path, const Progress& progress = {});

// For commands that read the index: brings it up to date when no other
// process writes it (else that process keeps it current within seconds),
// then opens it for reading.
analysis::TextIndex open_index_for_reading(const std::string& db_path);

}  // namespace lyssna::indexing
