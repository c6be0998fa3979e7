// Survey definitions kept in memory for the request threads. Reloaded when
// the surveys table changes (checked at most once a second), so `lyssna
// survey set` from another process takes effect on a running server.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "collector/questionnaire/questionnaire.hpp"
#include "collector/storage/connection_pool.hpp"

namespace lyssna::app {

class SurveyCache {
 public:
  explicit SurveyCache(storage::ConnectionPool& pool) : pool_(pool) {}
  // nullptr for an unknown survey. Thread-safe. A changed survey is a new
  // object, so a cache of what was made from one compares pointers.
  questionnaire::QuestionnairePtr find(const std::string& id);
  std::vector<questionnaire::QuestionnairePtr> all();
  // This process changed a survey: look again at the next call.
  void invalidate();

 private:
  void refresh_locked();
  storage::ConnectionPool& pool_;
  std::mutex mutex_;
  std::map<std::string, questionnaire::QuestionnairePtr> surveys_;
  int64_t stamp_ = -1;
  std::chrono::steady_clock::time_point checked_{};
};

}  // namespace lyssna::app
