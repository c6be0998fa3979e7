// Surveys in SQLite: each row holds the canonical JSON of its questionnaire
// definition and a revision that grows with every change (caches compare it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "collector/questionnaire/questionnaire.hpp"
#include "collector/storage/sqlite.hpp"

namespace lyssna::storage {

struct SurveySummary {
  std::string id;
  questionnaire::QuestionnairePtr questionnaire;
  int64_t responses = 0;
  int64_t revision = 0;
};

// Inserts a new survey; throws Conflict when the id exists and `replace` is false.
void save_survey(Database& db, const questionnaire::Questionnaire& q, bool replace);
std::optional<questionnaire::Questionnaire> load_survey(Database& db, const std::string& id);
bool survey_exists(Database& db, const std::string& id);
// The survey's revision (it grows with every change of its definition);
// nullopt for an unknown survey.
std::optional<int64_t> survey_revision(Database& db, const std::string& id);
// Every survey, ordered by id, with its response count.
std::vector<SurveySummary> list_surveys(Database& db);
// The same without counting responses (the count reads every response's
// key: at a million answers it put hundreds of MB of the mapped file in a
// process's RSS), for the survey cache, which needs only the definitions.
std::vector<SurveySummary> list_survey_definitions(Database& db);
// Changes whenever any survey is added or changed.
int64_t surveys_stamp(Database& db);

}  // namespace lyssna::storage
