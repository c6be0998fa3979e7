// The survey before a survey (see previous_survey.hpp).
#include "app/previous_survey.hpp"

#include <set>

#include "app/surveys.hpp"

namespace lyssna::app {
// Named, not anonymous: the library is compiled as one unity file.
namespace previous_survey_detail {

std::set<std::string> question_ids(const questionnaire::Questionnaire& q) {
  std::set<std::string> ids;
  for (size_t i = 0; i < q.question_count(); ++i) ids.insert(q.question_at(i).id);
  return ids;
}

}  // namespace previous_survey_detail

std::optional<std::string> previous_of(const questionnaire::Questionnaire& survey,
                                       const std::vector<questionnaire::QuestionnairePtr>& others) {
  if (!survey.opens_at) return std::nullopt;
  const auto ids = previous_survey_detail::question_ids(survey);
  const questionnaire::Questionnaire* best = nullptr;
  for (const auto& other : others) {
    if (!other || other->id == survey.id || !other->opens_at) continue;
    if (*other->opens_at >= *survey.opens_at) continue;
    if (best && (*other->opens_at < *best->opens_at ||
                 (*other->opens_at == *best->opens_at && other->id < best->id)))
      continue;
    if (previous_survey_detail::question_ids(*other) != ids) continue;
    best = other.get();
  }
  if (!best) return std::nullopt;
  return best->id;
}

std::optional<std::string> previous_survey(Services& services, const std::string& survey) {
  const auto q = require_survey(services, survey);
  std::vector<questionnaire::QuestionnairePtr> all;
  for (const auto& s : list_surveys(services)) all.push_back(s.questionnaire);
  return previous_of(*q, all);
}

}  // namespace lyssna::app
