// Errors of the analysis library, members of the project's family
// (util/errors.hpp) so that each carries its outcome and the field it is
// about to the one place that turns outcomes into statuses. Xapian's own
// exceptions are caught where the library calls Xapian and rethrown as these.
#pragma once

#include <string>
#include <utility>

#include "util/errors.hpp"

namespace lyssna::analysis {

// The index or the library failed (a bug, or a damaged index).
class AnalysisError : public Error {
 public:
  explicit AnalysisError(const std::string& message, std::string field = {},
                         Outcome outcome = Outcome::internal)
      : Error(message, std::move(field), outcome) {}
};

// A query, codebook or configuration the user wrote is wrong; the message
// says where, and `field` names the input when the library knows it
// ("margins", "problem_index", ...).
class BadSpecification : public AnalysisError {
 public:
  explicit BadSpecification(const std::string& message, std::string field = {})
      : AnalysisError(message, std::move(field), Outcome::invalid) {}
};

// A document the index cannot take (a term over Xapian's length limit).
// Nothing of it was written, and the index takes the next one as usual.
class RejectedDocument : public AnalysisError {
 public:
  using AnalysisError::AnalysisError;
};

// The index is in use by another process (the server keeps it current).
class IndexBusy : public AnalysisError {
 public:
  explicit IndexBusy(const std::string& message)
      : AnalysisError(message, {}, Outcome::unavailable) {}
};

// A long read of the index was overtaken by a writer: the revision it held
// is gone (Xapian's DatabaseModifiedError; the server's indexer commits up
// to once a second). Reopened, the index reads again (TextIndex::read).
class IndexChanged : public IndexBusy {
 public:
  using IndexBusy::IndexBusy;
};

}  // namespace lyssna::analysis
