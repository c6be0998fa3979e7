// Survey definition cache (see survey_cache.hpp).
#include "app/survey_cache.hpp"

#include "collector/storage/survey_store.hpp"

namespace lyssna::app {

void SurveyCache::refresh_locked() {
  auto now = std::chrono::steady_clock::now();
  if (stamp_ >= 0 && now - checked_ < std::chrono::seconds(1)) return;
  checked_ = now;
  auto db = pool_.acquire();
  int64_t current = storage::surveys_stamp(*db);
  if (current == stamp_) return;
  std::map<std::string, questionnaire::QuestionnairePtr> fresh;
  for (auto& s : storage::list_survey_definitions(*db)) fresh[s.id] = s.questionnaire;
  surveys_ = std::move(fresh);
  stamp_ = current;
}

questionnaire::QuestionnairePtr SurveyCache::find(const std::string& id) {
  std::lock_guard lock(mutex_);
  refresh_locked();
  auto it = surveys_.find(id);
  return it == surveys_.end() ? nullptr : it->second;
}

std::vector<questionnaire::QuestionnairePtr> SurveyCache::all() {
  std::lock_guard lock(mutex_);
  refresh_locked();
  std::vector<questionnaire::QuestionnairePtr> out;
  for (const auto& [id, q] : surveys_) out.push_back(q);
  return out;
}

void SurveyCache::invalidate() {
  std::lock_guard lock(mutex_);
  stamp_ = -1;
}

}  // namespace lyssna::app
