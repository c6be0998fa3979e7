// Xapian's exceptions as the library's own, in one place: every catch of
// Xapian::Error in analysis/ rethrows through here.
#pragma once

#include <string>

#include <xapian.h>

namespace lyssna::analysis {

// IndexChanged when a writer overtook the revision being read (reopen and
// read again), else AnalysisError: "`doing`: Xapian's description".
[[noreturn]] void rethrow_xapian_error(const Xapian::Error& e, const std::string& doing);

}  // namespace lyssna::analysis
