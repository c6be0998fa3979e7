// Which earlier survey a survey's change is measured against: the latest
// survey that opened before it and asks the same questions (the same ids,
// as a copy of last year's survey does), so that trend_report compares
// like with like.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/services.hpp"
#include "collector/questionnaire/questionnaire.hpp"

namespace lyssna::app {

// Among `others`, the one that opened last before `survey` opened with the
// same set of question ids; none when `survey` has no opening date (its
// place in time is unknown), or no other qualifies. Ties on the opening
// date go to the greater id. Pure.
std::optional<std::string> previous_of(const questionnaire::Questionnaire& survey,
                                       const std::vector<questionnaire::QuestionnairePtr>& others);

// previous_of over every stored survey. Throws NotFound for an unknown survey.
std::optional<std::string> previous_survey(Services& services, const std::string& survey);

}  // namespace lyssna::app
