// Emergent-theme suggestions (reports::discover_report) as the explorer
// offers them: each named by a key (its most distinctive term), without
// those an analyst dismissed for the survey. Dismissing is audited.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "app/audit.hpp"
#include "app/services.hpp"
#include "reports/results.hpp"

namespace lyssna::app {

inline constexpr size_t max_suggestion_key = 100;

// A candidate's key: its first (most distinctive) term.
std::string suggestion_key(const analysis::CandidateTheme& candidate);
// The candidates whose key is not among `dismissed`, in their order.
std::vector<analysis::CandidateTheme> open_suggestions(
    const std::vector<analysis::CandidateTheme>& candidates,
    const std::set<std::string>& dismissed);

std::set<std::string> dismissed_suggestions(Services& services, const std::string& survey);
// Throws NotFound for an unknown survey, Invalid ("suggestion") for an empty
// or over-long key. Audited (suggestion_dismissed, the key as its note).
void dismiss_suggestion(Services& services, const Actor& actor, const std::string& survey,
                        const std::string& key);

}  // namespace lyssna::app
