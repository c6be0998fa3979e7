// A survey opened for analysis (see survey_analysis.hpp).
#include "app/survey_analysis.hpp"

#include "indexing/index_updater.hpp"

namespace lyssna::app {
namespace {

analysis::TextIndex open_index(Services& services) {
  if (services.index_kept_current()) {
    return analysis::TextIndex(analysis::index_path_for(services.db_path()),
                               analysis::TextIndex::Mode::read_only);
  }
  return indexing::open_index_for_reading(services.db_path());
}

}  // namespace

SurveyAnalysis::SurveyAnalysis(Services& services, const std::string& survey)
    : db_(services.readers().acquire()),
      index_(open_index(services)),
      context_(std::make_unique<reports::SurveyContext>(
          *db_, index_, services.analyses().prepare(*db_, index_, survey))) {}

}  // namespace lyssna::app
