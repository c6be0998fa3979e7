// Builds the Xapian document of one response: its free-text answers analysed
// in the response's language, filters (survey, area, language, channel) and
// values for sorting and ranges. The terms are described in prefixes.hpp.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "analysis/response.hpp"
#include "analysis/text/analyzer.hpp"

namespace lyssna::analysis {

// The unique term of a response (survey and id, which together are unique).
std::string unique_term(const std::string& survey, const std::string& id);

Xapian::Document build_document(TextAnalyzer& analyzer, const Response& response,
                                const std::vector<TextAnswer>& texts);

}  // namespace lyssna::analysis
