// Xapian's exceptions as the library's own, in one place: every catch of
// Xapian::Error in analysis/ rethrows through here.
#pragma once

#include <string>

#include <xapian.h>

namespace lyssna::analysis {

// Throws "`doing`: Xapian's description" as IndexChanged when a writer
// overtook the revision being read (reopen and read again), as an
// unavailable AnalysisError when the index's files cannot serve (Xapian's
// Database*Error: damaged, missing, locked), else as an internal one.
[[noreturn]] void rethrow_xapian_error(const Xapian::Error& e, const std::string& doing);

}  // namespace lyssna::analysis
