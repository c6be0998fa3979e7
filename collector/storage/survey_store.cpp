// Survey rows (see survey_store.hpp).
#include "collector/storage/survey_store.hpp"

#include <nlohmann/json.hpp>

#include "collector/questionnaire/definition.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"

namespace lyssna::storage {
namespace {

questionnaire::Questionnaire parse_stored(const std::string& id, const std::string& text) {
  try {
    return questionnaire::parse_definition(nlohmann::json::parse(text));
  } catch (const std::exception& e) {
    throw StorageError("stored definition of survey '" + id + "' is unreadable: " + e.what());
  }
}

}  // namespace

void save_survey(Database& db, const questionnaire::Questionnaire& q, bool replace) {
  WriteTransaction tx(db);
  bool exists = survey_exists(db, q.id);
  if (exists && !replace) {
    throw Conflict("survey '" + q.id + "' exists already (use --replace to change its definition)");
  }
  const std::string definition = questionnaire::to_json(q).dump();
  const int64_t now = clock::now_seconds();
  if (exists) {
    StatementUse s(db.cached(
        "UPDATE surveys SET definition = :definition, revision = revision + 1, updated_at = :now "
        "WHERE id = :id"));
    s->bind(":definition", definition).bind(":now", now).bind(":id", q.id);
    s->step();
  } else {
    StatementUse s(
        db.cached("INSERT INTO surveys (id, definition, created_at, updated_at) "
                  "VALUES (:id, :definition, :now, :now)"));
    s->bind(":id", q.id).bind(":definition", definition).bind(":now", now);
    s->step();
  }
  tx.commit();
}

std::optional<questionnaire::Questionnaire> load_survey(Database& db, const std::string& id) {
  StatementUse s(db.cached("SELECT definition FROM surveys WHERE id = :id"));
  s->bind(":id", id);
  if (!s->step()) return std::nullopt;
  return parse_stored(id, s->text(0));
}

bool survey_exists(Database& db, const std::string& id) {
  StatementUse s(db.cached("SELECT 1 FROM surveys WHERE id = :id"));
  s->bind(":id", id);
  return s->step();
}

namespace {

// Each row: id, definition, revision, responses (or NULL when not counted).
std::vector<SurveySummary> survey_summaries(Statement& s) {
  std::vector<SurveySummary> out;
  while (s.step()) {
    SurveySummary summary;
    summary.id = s.text(0);
    summary.questionnaire =
        std::make_shared<const questionnaire::Questionnaire>(parse_stored(summary.id, s.text(1)));
    summary.revision = s.integer(2);
    if (!s.is_null(3)) summary.responses = s.integer(3);
    out.push_back(std::move(summary));
  }
  return out;
}

}  // namespace

std::vector<SurveySummary> list_surveys(Database& db) {
  StatementUse s(
      db.cached("SELECT s.id, s.definition, s.revision, "
                "(SELECT count(*) FROM responses r WHERE r.survey = s.id) "
                "FROM surveys s ORDER BY s.id"));
  return survey_summaries(*s);
}

std::vector<SurveySummary> list_survey_definitions(Database& db) {
  StatementUse s(db.cached("SELECT id, definition, revision, NULL FROM surveys ORDER BY id"));
  return survey_summaries(*s);
}

std::optional<int64_t> survey_revision(Database& db, const std::string& id) {
  StatementUse s(db.cached("SELECT revision FROM surveys WHERE id = :id"));
  s->bind(":id", id);
  if (!s->step()) return std::nullopt;
  return s->integer(0);
}

int64_t surveys_stamp(Database& db) {
  StatementUse s(db.cached("SELECT count(*) * 1000003 + coalesce(sum(revision), 0) FROM surveys"));
  s->step();
  return s->integer(0);
}

}  // namespace lyssna::storage
