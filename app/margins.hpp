// A survey's population margins (interchange.md section 4), stored with the
// survey so that every page of the workspace weights with the same ones.
// Uploading checks the file against the survey before anything is kept.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/stats/raking.hpp"
#include "app/audit.hpp"
#include "app/services.hpp"

namespace lyssna::app {

struct SurveyMargins {
  std::vector<analysis::Margin> margins;
  int64_t updated_at = 0;
  std::string updated_by;
};

// The margins stored for the survey, if any. Throws NotFound for an unknown survey.
std::optional<SurveyMargins> survey_margins(Services& services, const std::string& survey);
// Only the margins, empty when none are stored: what a report's options take.
std::vector<analysis::Margin> weighting_margins(Services& services, const std::string& survey);

// Largest margins file accepted (a table per variable; a few kilobytes in practice).
inline constexpr size_t max_margins_file = 256 * 1024;

// Reads a margins file (`name` says where it came from in errors), checks
// that it is for this survey ("survey", when given, must be its id), that
// every variable is a question the survey codes and every category one of
// its options, and stores it with its audit entry. Throws Invalid naming
// the line or the variable and category, and the field `field`.
SurveyMargins set_survey_margins(Services& services, const Actor& actor, const std::string& survey,
                                 const std::string& text, const std::string& name,
                                 const std::string& field = "margins");
// Takes the survey back to unweighted figures. Audited.
void clear_survey_margins(Services& services, const Actor& actor, const std::string& survey);

}  // namespace lyssna::app
