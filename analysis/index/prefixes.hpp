// The one table of Xapian term prefixes and value slots. Nothing else in the
// code base writes a prefix literally.
#pragma once

#include <xapian.h>

namespace lyssna::analysis::prefix {

// Free text: the stems of the words and of compounds' parts, positional.
// (No unprefixed words: searches, wildcards included, run on stems, and the
// index stays smaller than Xapian's own indexer would make it.)
inline constexpr const char* stem = "Z";
// Negated mentions, only where they occur (so most answers carry none):
inline constexpr const char* lacking = "XL";        // stem mentioned as lacking ("ingen belysning")
inline constexpr const char* not_a_problem = "XN";  // stem in a clause that says it is no problem
// A stem with a negated mention (XL or XN) that is also mentioned plainly
// elsewhere in the document: "polisen kom inte ... vi vill ha mer polis".
inline constexpr const char* affirmed = "XP";
// Boolean filters:
inline constexpr const char* unique_id = "Q";  // survey + '\x1f' + record id
inline constexpr const char* survey = "XS";
inline constexpr const char* area = "XAREA";

}  // namespace lyssna::analysis::prefix

namespace lyssna::analysis::slot {

inline constexpr Xapian::valueno submitted = 1;  // submitted_at, epoch seconds (sortable_serialise)
inline constexpr Xapian::valueno record_id = 2;
inline constexpr Xapian::valueno area = 3;
inline constexpr Xapian::valueno language = 4;  // filtered by value: rare filters need no terms
inline constexpr Xapian::valueno channel = 5;

}  // namespace lyssna::analysis::slot
