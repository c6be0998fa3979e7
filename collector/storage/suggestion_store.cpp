// Dismissed suggestions (see suggestion_store.hpp).
#include "collector/storage/suggestion_store.hpp"

namespace lyssna::storage {

void dismiss_suggestion(Database& db, const std::string& survey, const std::string& key, int64_t at,
                        const std::string& by) {
  StatementUse s(db.cached(
      "INSERT INTO dismissed_suggestions (survey, suggestion, dismissed_at, dismissed_by) "
      "VALUES (:survey, :key, :at, :by) ON CONFLICT DO NOTHING"));
  s->bind(":survey", survey).bind(":key", key).bind(":at", at).bind(":by", by);
  s->step();
}

std::set<std::string> dismissed_suggestions(Database& db, const std::string& survey) {
  StatementUse s(db.cached("SELECT suggestion FROM dismissed_suggestions WHERE survey = :survey"));
  s->bind(":survey", survey);
  std::set<std::string> out;
  while (s->step()) out.insert(s->text(0));
  return out;
}

}  // namespace lyssna::storage
