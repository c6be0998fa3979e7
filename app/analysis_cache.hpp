// What the analyses of a survey share between requests: its themes of every
// answer with free text (the Xapian pass over 100,000 answers) and its
// answers coded for statistics (the JSON scan), plus results made from them
// on first use (quote candidates, raking; reports::SurveyMemo). Each request
// asks for the survey as stored at that moment and gets an immutable
// snapshot (reports::PreparedSurvey) that is exactly current:
//   - a new response (responses are only ever added): its row is coded and
//     appended, its document tagged when the indexer has added it (the
//     index's revision moved); only the new ones, never the whole survey;
//   - a manual code: the codes are read again and applied to the
//     automatic themes kept aside;
//   - the codebook or margins (analysis_revisions, raised in their
//     transaction): the themes are made again with the new codebook;
//   - the survey's definition (its revision): everything is made again;
//   - the index rebuilt (another database uuid): the themes made again.
// Checking costs four indexed SQLite lookups and reading the index's
// revision. Held by app::Services; thread-safe: requests for one survey
// wait for the one that brings it up to date, other surveys do not.
//
// Memory: per survey about 130 bytes per answer with free text twice
// (automatic and coded themes) and 90 per response (coded answers): some
// 35 MB at 100,000 answers, plus the snapshots requests still hold and
// their memo (raking weights, 8 bytes per response per table of margins).
// At most `max_surveys` surveys are kept; the one used longest ago goes.
#pragma once

#include <list>
#include <memory>
#include <mutex>
#include <string>

#include "analysis/index/text_index.hpp"
#include "collector/storage/sqlite.hpp"
#include "reports/survey_context.hpp"

namespace lyssna::app {

class AnalysisCache {
 public:
  static constexpr size_t max_surveys = 6;
  AnalysisCache();
  ~AnalysisCache();
  AnalysisCache(const AnalysisCache&) = delete;
  AnalysisCache& operator=(const AnalysisCache&) = delete;

  // The survey as `db` and `index` show it now (the caller's own read
  // connection and index handle, used on the caller's thread). Throws
  // NotFound for an unknown survey.
  std::shared_ptr<const reports::PreparedSurvey> prepare(storage::Database& db,
                                                         const analysis::TextIndex& index,
                                                         const std::string& survey);

  // How often each kind of work was done, for tests and the bench.
  struct Counts {
    size_t snapshots = 0;      // new snapshots made
    size_t full_tagging = 0;   // every document of a survey tagged
    size_t added_tagging = 0;  // only documents added since
    size_t full_coding = 0;    // every response coded
    size_t added_coding = 0;   // only responses added since
  };
  Counts counts() const;

 private:
  struct Entry;
  std::shared_ptr<Entry> entry(const std::string& survey);
  mutable std::mutex mutex_;
  std::list<std::shared_ptr<Entry>> entries_;  // most recently used first
  Counts counts_;
  friend struct Entry;
};

}  // namespace lyssna::app
