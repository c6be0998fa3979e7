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
// Whether `q` takes answers at `now`: require_open without the exception.
bool is_open(const questionnaire::Questionnaire& q, int64_t now, Moment moment);

// What a request of the resident's form does with an answer.
enum class FormStep {
  open,        // the first page (or the code page): someone begins
  enter_code,  // an invitation code typed on the code page: someone begins
  go_on,       // another page of an answer begun (next, back, another language)
  submit,      // the last page's answers, to be stored
};
// The moment a form step is: beginning an answer needs the survey open, and
// only an answer already begun gets the grace time after the close, so no
// one starts (or enters a code) once the survey has closed.
Moment moment_of(FormStep step);
// require_open at the moment of `step`.
void require_open(const questionnaire::Questionnaire& q, int64_t now, FormStep step);

}  // namespace lyssna::app
