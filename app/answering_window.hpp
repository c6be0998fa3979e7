// When a survey takes answers: between its opening and closing moments.
// One rule for the form and the API.
#pragma once

#include <cstdint>

#include "collector/questionnaire/questionnaire.hpp"

namespace lyssna::app {

// Starting a questionnaire needs the survey open; submitting answers begun
// before the close may still arrive within the grace time after it.
enum class Moment { start, submit };
inline constexpr int64_t closing_grace_seconds = 3600;

// Throws Closed (saying when it opens, or when it closed) when `q` takes no
// answers at `now` (seconds since the epoch).
void require_open(const questionnaire::Questionnaire& q, int64_t now, Moment moment);

}  // namespace lyssna::app
