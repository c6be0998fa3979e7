// Compiles a theme's terms into a Xapian query over the index's stems (Z),
// leaving out answers where a word is only mentioned negated (XN, XL) and
// never plainly (XP). Each term is folded and stemmed with its own
// language's rules, the same way the index treated the answers.
#pragma once

#include <string>

#include <xapian.h>

#include "analysis/codebook/codebook.hpp"
#include "analysis/text/analyzer.hpp"

namespace lyssna::analysis {

// How close the two words of a `a ~ b` term stand: positions spanned, so at
// most six words between them.
inline constexpr Xapian::termcount near_window = 8;

Xapian::Query compile_term(const std::string& term, const std::string& lang,
                           TextAnalyzer& analyzer);
Xapian::Query compile_theme(const Theme& theme, TextAnalyzer& analyzer);

}  // namespace lyssna::analysis
