// Keeps the Xapian index in step with SQLite: adds the responses that
// arrived after the index's watermark, in batches, each batch committed with
// its new watermark. A crash mid-way leaves the last committed batch; the
// next update carries on from there. When the language knowledge changed
// (lexicon, negation rules), the index is rebuilt. A response whose document
// cannot be built or stored is set aside (listed in the index, see
// TextIndex::set_aside) instead of stopping the others, and retried later.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "analysis/index/text_index.hpp"
#include "analysis/text/analyzer.hpp"
#include "collector/storage/sqlite.hpp"

namespace lyssna::indexing {

// Called after each batch with (responses read, of how many).
using Progress = std::function<void(int64_t done, int64_t total)>;

struct UpdateOptions {
  // Try the responses set aside earlier again first (a server does so now
  // and then, not every second).
  bool retry_set_aside = true;
  // Asked after each batch of responses read (a few hundred): when it says
  // true, what was added is committed and the update returns (stopped), and
  // the next update carries on from there. A server that shuts down during
  // a long rebuild waits for one batch, not the whole rebuild.
  std::function<bool()> stop;
};

struct UpdateResult {
  bool stopped = false;                             // by options.stop, before the end
  int64_t read = 0;                                 // new responses read
  std::vector<analysis::SetAsideRecord> set_aside;  // newly set aside by this update
  std::vector<analysis::SetAsideRecord> recovered;  // set aside before, indexed now
  size_t still_set_aside = 0;                       // the list's length afterwards
};

// Adds what is missing.
UpdateResult update_index(storage::Database& db, analysis::TextIndex& index,
                          analysis::TextAnalyzer& analyzer, const Progress& progress = {},
                          const UpdateOptions& options = {});

// True when the index was built with other language knowledge than this binary's.
bool needs_rebuild(const analysis::TextIndex& index);

// Builds the index of `db_path` from scratch (every response tried again).
// Throws IndexBusy while a server writes it.
UpdateResult rebuild_index(const std::string& db_path, const Progress& progress = {});

// For commands that read the index: brings it up to date when no other
// process writes it (else that process keeps it current within seconds),
// then opens it for reading.
analysis::TextIndex open_index_for_reading(const std::string& db_path);

// "response 'ID' of survey 'S' (arrival N): REASON", for reports of set-aside responses.
std::string describe(const analysis::SetAsideRecord& record);

}  // namespace lyssna::indexing
