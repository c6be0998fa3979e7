// The one table of Xapian term prefixes and value slots. Nothing else in the
// code base writes a prefix literally.
#pragma once

#include <xapian.h>

namespace lyssna::analysis::prefix {

// Free text:
inline constexpr const char* word = "";            // folded word, as written (no positions)
inline constexpr const char* stem = "Z";           // stem of a word or a compound's part (positional)
// Negated mentions, only where they occur (so most answers carry none):
inline constexpr const char* lacking = "XL";       // stem mentioned as lacking ("ingen belysning")
inline constexpr const char* not_a_problem = "XN"; // stem in a clause that says it is no problem
// Boolean filters:
inline constexpr const char* unique_id = "Q";      // survey + '\x1f' + record id
inline constexpr const char* survey = "XS";
inline constexpr const char* area = "XAREA";
inline constexpr const char* language = "L";
inline constexpr const char* channel = "XCH";

}  // namespace lyssna::analysis::prefix

namespace lyssna::analysis::slot {

inline constexpr Xapian::valueno submitted = 1;    // submitted_at, epoch seconds (sortable_serialise)
inline constexpr Xapian::valueno record_id = 2;
inline constexpr Xapian::valueno area = 3;
inline constexpr Xapian::valueno language = 4;
inline constexpr Xapian::valueno channel = 5;

}  // namespace lyssna::analysis::slot
