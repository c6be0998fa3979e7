// Xapian's exceptions as the library's own (see xapian_errors.hpp).
#include "analysis/index/xapian_errors.hpp"

#include <string_view>

#include "analysis/analysis_error.hpp"

namespace lyssna::analysis {

void rethrow_xapian_error(const Xapian::Error& e, const std::string& doing) {
  // Xapian's errors are not polymorphic: their type is a name.
  if (std::string_view(e.get_type()) == "DatabaseModifiedError") {
    throw IndexChanged(doing + ": the text index changed while it was read (" +
                       e.get_description() + "); try again");
  }
  throw AnalysisError(doing + ": " + e.get_description());
}

}  // namespace lyssna::analysis
