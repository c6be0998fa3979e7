// Survey administration (see surveys.hpp).
#include "app/surveys.hpp"

#include "app/answering_window.hpp"
#include "collector/questionnaire/definition.hpp"
#include "util/errors.hpp"

namespace lyssna::app {
namespace {

NotFound unknown_survey(const std::string& id) {
  return NotFound("no survey '" + id + "' in this database", "survey");
}

}  // namespace

questionnaire::QuestionnairePtr require_survey(Services& services, const std::string& id) {
  auto q = services.surveys().find(id);
  if (!q) throw unknown_survey(id);
  return q;
}

std::vector<storage::SurveySummary> list_surveys(Services& services) {
  auto db = services.readers().acquire();
  return storage::list_surveys(*db);
}

std::vector<questionnaire::QuestionnairePtr> open_surveys(Services& services, int64_t now) {
  std::vector<questionnaire::QuestionnairePtr> open;
  for (auto& q : services.surveys().all()) {
    if (is_open(*q, now, Moment::start)) open.push_back(std::move(q));
  }
  return open;
}

void save_survey(Services& services, const questionnaire::Questionnaire& q, bool replace) {
  services.writer().execute([&](storage::Database& db) { storage::save_survey(db, q, replace); });
  services.surveys().invalidate();
}

questionnaire::Questionnaire change_settings(Services& services, const std::string& id,
                                             const SurveySettings& settings) {
  questionnaire::Questionnaire q;
  // Read, change and write in one transaction: two changes at once never
  // lose one another.
  services.writer().execute([&](storage::Database& db) {
    auto stored = storage::load_survey(db, id);
    if (!stored) throw unknown_survey(id);  // read where it is changed, as require_survey says
    q = std::move(*stored);
    if (settings.opens_at) q.opens_at = *settings.opens_at;
    if (settings.closes_at) q.closes_at = *settings.closes_at;
    if (settings.requires_code) q.requires_code = *settings.requires_code;
    q = questionnaire::parse_definition(questionnaire::to_json(q));  // every rule again
    storage::save_survey(db, q, true);
  });
  services.surveys().invalidate();
  return q;
}

storage::CodeCounts code_counts(Services& services, const std::string& survey) {
  require_survey(services, survey);
  auto db = services.readers().acquire();
  return storage::count_codes(*db, survey);
}

std::vector<std::string> issue_codes(Services& services, const std::string& survey, size_t count) {
  require_survey(services, survey);
  return services.invitations().issue(services.writer(), survey, count);
}

}  // namespace lyssna::app
