// Codebook and manual code rows (see analysis_store.hpp).
#include "collector/storage/analysis_store.hpp"

#include "util/clock.hpp"

namespace lyssna::storage {

std::optional<std::string> load_codebook(Database& db, const std::string& survey) {
  StatementUse s(db.cached("SELECT definition FROM codebooks WHERE survey = :survey"));
  s->bind(":survey", survey);
  if (!s->step()) return std::nullopt;
  return s->text(0);
}

void save_codebook(Database& db, const std::string& survey, const std::string& definition) {
  WriteTransaction tx(db);
  StatementUse s(db.cached(
      "INSERT INTO codebooks (survey, definition, updated_at) VALUES (:survey, :definition, :now) "
      "ON CONFLICT (survey) DO UPDATE SET definition = excluded.definition, updated_at = "
      "excluded.updated_at"));
  s->bind(":survey", survey).bind(":definition", definition).bind(":now", clock::now_seconds());
  s->step();
  tx.commit();
}

void delete_codebook(Database& db, const std::string& survey) {
  WriteTransaction tx(db);
  StatementUse s(db.cached("DELETE FROM codebooks WHERE survey = :survey"));
  s->bind(":survey", survey);
  s->step();
  tx.commit();
}

void add_manual_code(Database& db, const std::string& survey, const ManualCodeRow& code) {
  WriteTransaction tx(db);
  StatementUse s(
      db.cached("INSERT INTO manual_codes (survey, record_id, theme, action, coded_at) "
                "VALUES (:survey, :record, :theme, :action, :at)"));
  s->bind(":survey", survey)
      .bind(":record", code.record_id)
      .bind(":theme", code.theme)
      .bind(":action", code.add ? "add" : "remove")
      .bind(":at", code.coded_at ? code.coded_at : clock::now_seconds());
  s->step();
  tx.commit();
}

std::vector<ManualCodeRow> manual_codes(Database& db, const std::string& survey) {
  StatementUse s(
      db.cached("SELECT record_id, theme, action, coded_at FROM manual_codes WHERE survey = "
                ":survey ORDER BY seq"));
  s->bind(":survey", survey);
  std::vector<ManualCodeRow> out;
  while (s->step()) out.push_back({s->text(0), s->text(1), s->text(2) == "add", s->integer(3)});
  return out;
}

}  // namespace lyssna::storage
