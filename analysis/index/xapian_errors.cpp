// Xapian's exceptions as the library's own (see xapian_errors.hpp).
#include "analysis/index/xapian_errors.hpp"

#include <string_view>

#include "analysis/analysis_error.hpp"

namespace lyssna::analysis {

void rethrow_xapian_error(const Xapian::Error& e, const std::string& doing) {
  // Xapian's errors are not polymorphic: their type is a name.
  const std::string_view type = e.get_type();
  const std::string message = doing + ": " + e.get_description();
  if (type == "DatabaseModifiedError")
    throw IndexChanged(message + " (the index changed while it was read; try again)");
  // The index's files cannot be read now (damaged, missing, locked, full
  // disk): unavailable, like SQLite failing. Anything else is a bug.
  if (type.rfind("Database", 0) == 0) throw AnalysisError(message, {}, Outcome::unavailable);
  throw AnalysisError(message);
}

}  // namespace lyssna::analysis
