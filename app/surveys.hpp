// Survey administration: finding surveys, adding or replacing a definition,
// changing a survey's dates and whether it needs invitation codes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/services.hpp"
#include "collector/questionnaire/questionnaire.hpp"
#include "collector/storage/code_store.hpp"
#include "collector/storage/survey_store.hpp"

namespace lyssna::app {

// Throws NotFound naming the survey.
questionnaire::QuestionnairePtr require_survey(Services& services, const std::string& id);
// Every survey, by id, with its response count.
std::vector<storage::SurveySummary> list_surveys(Services& services);
// The surveys a resident can begin to answer at `now` (the front page's list).
std::vector<questionnaire::QuestionnairePtr> open_surveys(Services& services, int64_t now);

// Stores a checked definition; Conflict when the id exists and `replace` is false.
void save_survey(Services& services, const questionnaire::Questionnaire& q, bool replace);

// What `change_settings` changes; an absent member stays as it is.
struct SurveySettings {
  std::optional<std::optional<int64_t>> opens_at, closes_at;  // inner nullopt: no date
  std::optional<bool> requires_code;
};
// The changed survey, checked by every definition rule again (Invalid, e.g.
// when it would close before it opens) and stored.
questionnaire::Questionnaire change_settings(Services& services, const std::string& id,
                                             const SurveySettings& settings);

storage::CodeCounts code_counts(Services& services, const std::string& survey);
// `count` new invitation codes for the survey, stored (as keyed digests) in
// one transaction; printed once for the mail merge and never again.
std::vector<std::string> issue_codes(Services& services, const std::string& survey, size_t count);

}  // namespace lyssna::app
