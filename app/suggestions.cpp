// Suggestions (see suggestions.hpp).
#include "app/suggestions.hpp"

#include "app/surveys.hpp"
#include "collector/storage/suggestion_store.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace lyssna::app {

std::string suggestion_key(const analysis::CandidateTheme& candidate) {
  return candidate.terms.empty() ? std::string() : candidate.terms.front();
}

std::vector<analysis::CandidateTheme> open_suggestions(
    const std::vector<analysis::CandidateTheme>& candidates,
    const std::set<std::string>& dismissed) {
  std::vector<analysis::CandidateTheme> out;
  for (const auto& c : candidates) {
    if (!dismissed.count(suggestion_key(c))) out.push_back(c);
  }
  return out;
}

std::set<std::string> dismissed_suggestions(Services& services, const std::string& survey) {
  require_survey(services, survey);
  auto db = services.readers().acquire();
  return storage::dismissed_suggestions(*db, survey);
}

void dismiss_suggestion(Services& services, const Actor& actor, const std::string& survey,
                        const std::string& key) {
  require_survey(services, survey);
  if (key.empty() || key.size() > max_suggestion_key || !text::is_valid_utf8(key))
    throw Invalid("field 'suggestion' must name a suggestion", "suggestion");
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    storage::dismiss_suggestion(db, survey, key, now, actor.name);
    record_audit(db, now, actor, AuditAction::suggestion_dismissed, survey, key);
  });
}

}  // namespace lyssna::app
