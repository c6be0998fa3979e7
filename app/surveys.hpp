// Survey administration: finding surveys, adding or replacing a definition,
// changing a survey's dates and whether it needs invitation codes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/audit.hpp"
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

// Stores a checked definition with its audit entry (survey_changed, saying
// `how`: "loaded", "created from template trygghet", ...) in one
// transaction; Conflict when the id exists and `replace` is false.
void save_survey(Services& services, const Actor& actor, const questionnaire::Questionnaire& q,
                 bool replace, const std::string& how);

// Where a survey stands at a moment: not yet open, taking answers, closed.
enum class SurveyStatus { upcoming, open, closed };
std::string_view survey_status_name(SurveyStatus status);  // "upcoming", ...
SurveyStatus survey_status(const questionnaire::Questionnaire& q, int64_t now);

// An area as the admin gives it: an id and one display name for every language.
struct AreaName {
  std::string id, name;
};

// What `change_settings` changes; an absent member stays as it is.
struct SurveySettings {
  std::optional<std::optional<int64_t>> opens_at, closes_at;  // inner nullopt: no date
  std::optional<bool> requires_code;
  // The areas in their order. Once a survey has answers no area may go
  // (the answers name it): Invalid (field "areas").
  std::optional<std::vector<AreaName>> areas;
  // Default first; a subset of the survey's languages (their wording goes),
  // since a language needs wording for every text: Invalid (field "languages").
  std::optional<std::vector<std::string>> languages;
};
// The changed survey, checked by every definition rule again (Invalid, e.g.
// when it would close before it opens) and stored with its audit entry
// (survey_changed, naming the settings that changed) in one transaction.
questionnaire::Questionnaire change_settings(Services& services, const Actor& actor,
                                             const std::string& id, const SurveySettings& settings);

// A new survey: from the standard questionnaire (`copy_of` empty, with its
// areas and languages) or as a copy of an earlier survey (the same pages,
// questions, options and areas, so that trends compare like with like;
// dates are not copied). A non-empty `title` replaces the title in every
// language. Stored with its audit entry (survey_changed); Conflict when the
// id is taken, Invalid naming the field ("id", "title", "areas",
// "languages", "copy_of") otherwise.
struct NewSurvey {
  std::string id, title, copy_of;
  std::vector<AreaName> areas;         // from the template only
  std::vector<std::string> languages;  // from the template only; empty: every one with wording
};
inline constexpr size_t max_survey_title = 200;
questionnaire::Questionnaire create_survey(Services& services, const Actor& actor,
                                           const NewSurvey& request);

storage::CodeCounts code_counts(Services& services, const std::string& survey);
// `count` new invitation codes for the survey, stored (as keyed digests)
// with their audit entry in one transaction; printed once for the mail
// merge and never again.
std::vector<std::string> issue_codes(Services& services, const Actor& actor,
                                     const std::string& survey, size_t count);

}  // namespace lyssna::app
