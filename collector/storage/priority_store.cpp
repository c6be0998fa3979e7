// Priority settings and marks (see priority_store.hpp).
#include "collector/storage/priority_store.hpp"

namespace lyssna::storage {

std::optional<StoredPrioritySettings> load_priority_settings(Database& db,
                                                             const std::string& survey) {
  StatementUse s(db.cached(
      "SELECT definition, updated_at, updated_by FROM priority_settings WHERE survey = :survey"));
  s->bind(":survey", survey);
  if (!s->step()) return std::nullopt;
  return StoredPrioritySettings{s->text(0), s->integer(1), s->text(2)};
}

void save_priority_settings(Database& db, const std::string& survey,
                            const StoredPrioritySettings& settings) {
  StatementUse s(
      db.cached("INSERT INTO priority_settings (survey, definition, updated_at, updated_by) "
                "VALUES (:survey, :definition, :at, :by) ON CONFLICT (survey) DO UPDATE SET "
                "definition = excluded.definition, updated_at = excluded.updated_at, "
                "updated_by = excluded.updated_by"));
  s->bind(":survey", survey)
      .bind(":definition", settings.definition)
      .bind(":at", settings.updated_at)
      .bind(":by", settings.updated_by);
  s->step();
}

void delete_priority_settings(Database& db, const std::string& survey) {
  StatementUse s(db.cached("DELETE FROM priority_settings WHERE survey = :survey"));
  s->bind(":survey", survey);
  s->step();
}

std::vector<PriorityMarkRow> priority_marks(Database& db, const std::string& survey) {
  StatementUse s(
      db.cached("SELECT area, theme, marked_at, marked_by FROM priority_marks "
                "WHERE survey = :survey ORDER BY area, theme"));
  s->bind(":survey", survey);
  std::vector<PriorityMarkRow> out;
  while (s->step()) out.push_back({s->text(0), s->text(1), s->integer(2), s->text(3)});
  return out;
}

bool add_priority_mark(Database& db, const std::string& survey, const PriorityMarkRow& mark) {
  StatementUse s(
      db.cached("INSERT INTO priority_marks (survey, area, theme, marked_at, marked_by) "
                "VALUES (:survey, :area, :theme, :at, :by) ON CONFLICT DO NOTHING"));
  s->bind(":survey", survey)
      .bind(":area", mark.area)
      .bind(":theme", mark.theme)
      .bind(":at", mark.marked_at)
      .bind(":by", mark.marked_by);
  s->step();
  return db.changes() > 0;
}

bool remove_priority_mark(Database& db, const std::string& survey, const std::string& area,
                          const std::string& theme) {
  StatementUse s(db.cached(
      "DELETE FROM priority_marks WHERE survey = :survey AND area = :area AND theme = :theme"));
  s->bind(":survey", survey).bind(":area", area).bind(":theme", theme);
  s->step();
  return db.changes() > 0;
}

}  // namespace lyssna::storage
