// Builds the Xapian document of one response: its free-text answers analysed
// in the response's language, filters (survey, area, language, channel) and
// values for sorting and ranges. The terms are described in prefixes.hpp;
// every term stays within Xapian's length limit whatever the input.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "analysis/index/terms.hpp"
#include "analysis/response.hpp"
#include "analysis/text/analyzer.hpp"

namespace lyssna::analysis {

Xapian::Document build_document(TextAnalyzer& analyzer, const Response& response,
                                const std::vector<TextAnswer>& texts);

}  // namespace lyssna::analysis
