// The Xapian index of free text, kept beside the SQLite file and derived
// from it: it records how far it has indexed (the last SQLite arrival
// number), with which language knowledge and which responses it had to set
// aside, in the same commit as the documents, so a crash loses at most
// uncommitted work that is redone.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "analysis/analysis_error.hpp"

namespace lyssna::analysis {

// A response whose document could not be built or stored. It is kept out of
// the index so that the responses after it are indexed, listed so that it is
// reported, and retried later (the watermark has passed it).
struct SetAsideRecord {
  int64_t seq = 0;  // SQLite arrival number
  std::string survey, id;
  std::string reason;
};

class TextIndex {
 public:
  enum class Mode {
    update,     // open for writing, creating it when missing
    rebuild,    // open for writing, empty (the old content goes at the first commit)
    read_only,  // for queries; creates an empty index when missing
  };
  // Throws IndexBusy when another process writes the index (for update/rebuild).
  TextIndex(const std::string& path, Mode mode);

  // The last SQLite arrival number whose response is in the index (0: none).
  int64_t indexed_through() const;
  // The language knowledge the index was built with (empty for a new index).
  std::string fingerprint() const;

  // The responses set aside, oldest first.
  std::vector<SetAsideRecord> set_aside() const;

  // Adds or replaces the document with this unique term. Writable modes only.
  // Throws RejectedDocument, having written nothing, for a document with a
  // term over Xapian's limit (Xapian itself would drop every uncommitted
  // document with it); AnalysisError when Xapian fails.
  void put(const Xapian::Document& doc, const std::string& unique);
  // Replaces the list of set-aside responses; durable with the next commit.
  void record_set_aside(const std::vector<SetAsideRecord>& records);
  // Makes everything put so far durable, with the new watermark.
  void commit(int64_t indexed_through, const std::string& fingerprint);

  const Xapian::Database& database() const;

  // Runs `read_once(database())` and returns what it returns. When a writer's
  // commits overtook the revision it held (IndexChanged: Xapian's
  // DatabaseModifiedError, which the server's indexer can cause once a long
  // report is two commits behind), reopens the index at the latest revision
  // and runs `read_once` afresh, up to read_attempts times in all; then
  // IndexChanged (unavailable: try again) escapes. Other errors pass.
  template <class Read>
  auto read(Read&& read_once) const
      -> decltype(read_once(std::declval<const Xapian::Database&>())) {
    for (int attempt = 1;; ++attempt) {
      try {
        return read_once(database());
      } catch (const IndexChanged&) {
        if (attempt >= read_attempts) throw;
        reopen();
      }
    }
  }
  static constexpr int read_attempts = 3;
  // Moves the handle (and every copy of it) to the latest committed revision;
  // not while another thread reads through it.
  void reopen() const;

 private:
  std::unique_ptr<Xapian::WritableDatabase> writable_;
  bool fresh_ = false;  // rebuilding: no document can exist yet, so add without looking
  std::unique_ptr<Xapian::Database> readable_;
};

// The index directory that belongs to a database file: "<db>.index".
std::string index_path_for(const std::string& db_path);

}  // namespace lyssna::analysis
