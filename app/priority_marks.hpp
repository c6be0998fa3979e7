// The priorities an analyst marks to become promises to the residents (the
// citizen promise takes them from marked_priorities): per survey, per area
// or for the whole survey, per theme. Each change is audited.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/audit.hpp"
#include "app/services.hpp"
#include "reports/results.hpp"

namespace lyssna::app {

struct PriorityMark {
  std::optional<std::string> area;  // empty: the whole survey
  std::string theme;
  int64_t marked_at = 0;
  std::string marked_by;
};

// The survey's marks, the whole survey's first, then by area and theme.
// Throws NotFound for an unknown survey.
std::vector<PriorityMark> priority_marks(Services& services, const std::string& survey);

// Marks (`marked`) or unmarks the theme for the area (none: the whole
// survey), with its audit entry in the same transaction; returns whether
// anything changed (marking what is marked changes nothing and is not
// logged). Marking checks the area (Invalid "area": not one of the
// survey's) and the theme (Invalid "theme": not in its codebook);
// unmarking takes any mark there is, also of a theme since removed.
bool set_priority_mark(Services& services, const Actor& actor, const std::string& survey,
                       const std::optional<std::string>& area, const std::string& theme,
                       bool marked);

// The marks with the figures behind each: its row of the survey's priority
// report for its area, made now with the survey's stored margins (weighted
// when there are) and blend, quotes included (they carry free text: only
// for those who may read it).
reports::MarkedPriorities marked_priorities(Services& services, const std::string& survey);

}  // namespace lyssna::app
