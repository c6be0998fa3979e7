// Errors of the analysis library. Xapian's own exceptions are caught where
// the library calls Xapian and rethrown as these, so callers see one family.
#pragma once

#include <stdexcept>
#include <string>

namespace lyssna::analysis {

class AnalysisError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A query, codebook or configuration the user wrote is wrong; the message says where.
class BadSpecification : public AnalysisError {
 public:
  using AnalysisError::AnalysisError;
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
  using AnalysisError::AnalysisError;
};

}  // namespace lyssna::analysis
