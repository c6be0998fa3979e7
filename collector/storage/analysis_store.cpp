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
  raise_analysis_revision(db, survey);
  tx.commit();
}

void delete_codebook(Database& db, const std::string& survey) {
  WriteTransaction tx(db);
  StatementUse s(db.cached("DELETE FROM codebooks WHERE survey = :survey"));
  s->bind(":survey", survey);
  s->step();
  raise_analysis_revision(db, survey);
  tx.commit();
}

void add_manual_code(Database& db, const std::string& survey, const ManualCodeRow& code) {
  WriteTransaction tx(db);
  StatementUse s(
      db.cached("INSERT INTO manual_codes (survey, record_id, theme, action, coded_at, coded_by) "
                "VALUES (:survey, :record, :theme, :action, :at, :by)"));
  s->bind(":survey", survey)
      .bind(":record", code.record_id)
      .bind(":theme", code.theme)
      .bind(":action", code.add ? "add" : "remove")
      .bind(":at", code.coded_at ? code.coded_at : clock::now_seconds())
      .bind(":by", code.coded_by);
  s->step();
  tx.commit();
}

int64_t last_manual_code_seq(Database& db) {
  StatementUse s(db.cached("SELECT coalesce(max(seq), 0) FROM manual_codes"));
  s->step();
  return s->integer(0);
}

std::vector<ManualCodeRow> manual_codes(Database& db, const std::string& survey) {
  StatementUse s(
      db.cached("SELECT record_id, theme, action, coded_at, coded_by FROM manual_codes WHERE "
                "survey = :survey ORDER BY seq"));
  s->bind(":survey", survey);
  std::vector<ManualCodeRow> out;
  while (s->step())
    out.push_back({s->text(0), s->text(1), s->text(2) == "add", s->integer(3), s->text(4)});
  return out;
}

std::optional<StoredMargins> load_margins(Database& db, const std::string& survey) {
  StatementUse s(db.cached(
      "SELECT definition, updated_at, updated_by FROM survey_margins WHERE survey = :survey"));
  s->bind(":survey", survey);
  if (!s->step()) return std::nullopt;
  return StoredMargins{s->text(0), s->integer(1), s->text(2)};
}

void save_margins(Database& db, const std::string& survey, const StoredMargins& margins) {
  WriteTransaction tx(db);
  StatementUse s(
      db.cached("INSERT INTO survey_margins (survey, definition, updated_at, updated_by) "
                "VALUES (:survey, :definition, :at, :by) ON CONFLICT (survey) DO UPDATE SET "
                "definition = excluded.definition, updated_at = excluded.updated_at, "
                "updated_by = excluded.updated_by"));
  s->bind(":survey", survey)
      .bind(":definition", margins.definition)
      .bind(":at", margins.updated_at)
      .bind(":by", margins.updated_by);
  s->step();
  raise_analysis_revision(db, survey);
  tx.commit();
}

void delete_margins(Database& db, const std::string& survey) {
  WriteTransaction tx(db);
  StatementUse s(db.cached("DELETE FROM survey_margins WHERE survey = :survey"));
  s->bind(":survey", survey);
  s->step();
  raise_analysis_revision(db, survey);
  tx.commit();
}

int64_t analysis_revision(Database& db, const std::string& survey) {
  StatementUse s(db.cached("SELECT revision FROM analysis_revisions WHERE survey = :survey"));
  s->bind(":survey", survey);
  return s->step() ? s->integer(0) : 0;
}

void raise_analysis_revision(Database& db, const std::string& survey) {
  StatementUse s(
      db.cached("INSERT INTO analysis_revisions (survey, revision) VALUES (:survey, 1) "
                "ON CONFLICT (survey) DO UPDATE SET revision = revision + 1"));
  s->bind(":survey", survey);
  s->step();
}

}  // namespace lyssna::storage
