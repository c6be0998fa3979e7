// How the index spells its boolean terms (prefixes.hpp names the prefixes),
// within Xapian's limit on a term's length. Documents and queries both build
// their filter terms here, so they always meet.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace lyssna::analysis {

// Xapian refuses a term longer than this, prefix included, in bytes.
inline constexpr size_t max_term_bytes = 245;

// prefix + value; a value too long for that ends instead in a digest of the
// whole value, so that long values stay distinct and findable.
std::string filter_term(std::string_view prefix, std::string_view value);

// The unique term of a response (survey and id, which together are unique).
std::string unique_term(const std::string& survey, const std::string& id);
std::string survey_term(const std::string& survey);
std::string area_term(const std::string& area);

}  // namespace lyssna::analysis
