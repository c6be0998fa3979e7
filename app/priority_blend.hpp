// The blend of a survey's priority score (analysis/stats/priorities.hpp):
// the weights of the survey signal and the dialogue signal, 0.5 each
// unless an analyst stored others for the survey. Every priority report of
// the survey (pages, API, CLI) takes its options from priority_options, so
// all of them rank with the same blend.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/stats/priorities.hpp"
#include "analysis/stats/raking.hpp"
#include "app/audit.hpp"
#include "app/services.hpp"
#include "reports/reports.hpp"

namespace lyssna::app {

struct PrioritySettings {
  analysis::PriorityBlend blend;  // the defaults when nothing is stored
  bool stored = false;
  int64_t updated_at = 0;
  std::string updated_by;
};

// Throws NotFound for an unknown survey.
PrioritySettings priority_settings(Services& services, const std::string& survey);

// Stores the blend with its audit entry, in one transaction. Throws Invalid
// naming the weight ("survey_weight", "dialogue_weight") that breaks
// analysis::blend_problem's rule; NotFound for an unknown survey.
PrioritySettings set_priority_blend(Services& services, const Actor& actor,
                                    const std::string& survey,
                                    const analysis::PriorityBlend& blend);
// Back to the defaults. Audited.
void reset_priority_blend(Services& services, const Actor& actor, const std::string& survey);

// The options of the survey's priority report: its stored blend, with the
// area and margins given.
reports::PriorityOptions priority_options(Services& services, const std::string& survey,
                                          const std::optional<std::string>& area,
                                          std::vector<analysis::Margin> margins);

}  // namespace lyssna::app
