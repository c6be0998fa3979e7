// The citizen promise's rows (see promise_store.hpp).
#include "collector/storage/promise_store.hpp"

namespace lyssna::storage {
namespace {

int64_t last_id(Database& db) {
  return sqlite3_last_insert_rowid(db.handle());
}

PromisePartyRow party_of(Statement& s) {
  return {s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.integer(5), s.text(6)};
}

PromiseRow promise_of(Statement& s) {
  PromiseRow r;
  r.id = s.integer(0);
  r.kommun = s.text(1);
  r.first_year = s.integer(2);
  r.last_year = s.integer(3);
  r.titles = s.text(4);
  r.status = s.text(5);
  if (!s.is_null(6)) r.copied_from = s.integer(6);
  r.created_at = s.integer(7);
  r.created_by = s.text(8);
  r.updated_at = s.integer(9);
  r.updated_by = s.text(10);
  return r;
}

ActivityRow activity_of(Statement& s) {
  ActivityRow r;
  r.id = s.integer(0);
  r.focus_area = s.integer(1);
  r.position = s.integer(2);
  r.texts = s.text(3);
  r.prioritised_areas = s.text(4);
  r.frequency = s.text(5);
  if (!s.is_null(6)) r.target_count = s.integer(6);
  r.target_unit = s.optional_text(7);
  r.indicator_kind = s.text(8);
  r.indicator_id = s.text(9);
  r.indicator_area = s.text(10);
  r.indicator_texts = s.text(11);
  return r;
}

void bind_activity(Statement& s, const ActivityRow& r) {
  s.bind(":texts", r.texts)
      .bind(":prioritised", r.prioritised_areas)
      .bind(":frequency", r.frequency)
      .bind(":unit", r.target_unit)
      .bind(":kind", r.indicator_kind)
      .bind(":indicator", r.indicator_id)
      .bind(":indicator_area", r.indicator_area)
      .bind(":indicator_texts", r.indicator_texts);
  if (r.target_count) {
    s.bind(":count", *r.target_count);
  } else {
    s.bind(":count", nullptr);
  }
}

std::vector<int64_t> ids_of(Statement& s) {
  std::vector<int64_t> out;
  while (s.step()) out.push_back(s.integer(0));
  return out;
}

// A list of parties in order, replaced whole: `remove` and `insert` name the
// owner :owner, `insert` the position :pos and the party :party.
void replace_ordered_parties(Database& db, const char* remove, const char* insert, int64_t owner,
                             const std::vector<int64_t>& parties) {
  {
    StatementUse del(db.cached(remove));
    del->bind(":owner", owner);
    del->step();
  }
  StatementUse s(db.cached(insert));
  for (size_t i = 0; i < parties.size(); ++i) {
    s->bind(":owner", owner).bind(":pos", static_cast<int64_t>(i)).bind(":party", parties[i]);
    s->run();
  }
}

}  // namespace

std::vector<PromisePartyRow> promise_parties(Database& db, const std::string& kommun) {
  StatementUse s(
      db.cached("SELECT id, kommun, code, kind, names, updated_at, updated_by FROM promise_parties "
                "WHERE kommun = :kommun ORDER BY code"));
  s->bind(":kommun", kommun);
  std::vector<PromisePartyRow> out;
  while (s->step()) out.push_back(party_of(*s));
  return out;
}

std::optional<PromisePartyRow> promise_party(Database& db, int64_t id) {
  StatementUse s(
      db.cached("SELECT id, kommun, code, kind, names, updated_at, updated_by FROM promise_parties "
                "WHERE id = :id"));
  s->bind(":id", id);
  if (!s->step()) return std::nullopt;
  return party_of(*s);
}

std::optional<PromisePartyRow> promise_party_by_code(Database& db, const std::string& kommun,
                                                     const std::string& code) {
  StatementUse s(
      db.cached("SELECT id, kommun, code, kind, names, updated_at, updated_by FROM promise_parties "
                "WHERE kommun = :kommun AND code = :code"));
  s->bind(":kommun", kommun).bind(":code", code);
  if (!s->step()) return std::nullopt;
  return party_of(*s);
}

int64_t insert_promise_party(Database& db, const PromisePartyRow& row) {
  StatementUse s(
      db.cached("INSERT INTO promise_parties (kommun, code, kind, names, updated_at, updated_by) "
                "VALUES (:kommun, :code, :kind, :names, :at, :by)"));
  s->bind(":kommun", row.kommun)
      .bind(":code", row.code)
      .bind(":kind", row.kind)
      .bind(":names", row.names)
      .bind(":at", row.updated_at)
      .bind(":by", row.updated_by);
  s->step();
  return last_id(db);
}

void update_promise_party(Database& db, const PromisePartyRow& row) {
  StatementUse s(
      db.cached("UPDATE promise_parties SET kind = :kind, names = :names, updated_at = :at, "
                "updated_by = :by WHERE id = :id"));
  s->bind(":kind", row.kind)
      .bind(":names", row.names)
      .bind(":at", row.updated_at)
      .bind(":by", row.updated_by)
      .bind(":id", row.id);
  s->step();
}

int64_t insert_promise(Database& db, const PromiseRow& row) {
  StatementUse s(db.cached(
      "INSERT INTO promises (kommun, first_year, last_year, titles, status, copied_from, "
      "created_at, created_by, updated_at, updated_by) VALUES (:kommun, :first, :last, :titles, "
      ":status, :copied_from, :at, :by, :at, :by)"));
  s->bind(":kommun", row.kommun)
      .bind(":first", row.first_year)
      .bind(":last", row.last_year)
      .bind(":titles", row.titles)
      .bind(":status", row.status)
      .bind(":at", row.created_at)
      .bind(":by", row.created_by);
  if (row.copied_from) {
    s->bind(":copied_from", *row.copied_from);
  } else {
    s->bind(":copied_from", nullptr);
  }
  s->step();
  return last_id(db);
}

std::optional<PromiseRow> load_promise(Database& db, int64_t id) {
  StatementUse s(
      db.cached("SELECT id, kommun, first_year, last_year, titles, status, copied_from, "
                "created_at, created_by, updated_at, updated_by FROM promises WHERE id = :id"));
  s->bind(":id", id);
  if (!s->step()) return std::nullopt;
  return promise_of(*s);
}

std::vector<PromiseRow> list_promises(Database& db, const std::string& kommun) {
  StatementUse s(
      db.cached("SELECT id, kommun, first_year, last_year, titles, status, copied_from, "
                "created_at, created_by, updated_at, updated_by FROM promises "
                "WHERE :kommun = '' OR kommun = :kommun ORDER BY first_year, id"));
  s->bind(":kommun", kommun);
  std::vector<PromiseRow> out;
  while (s->step()) out.push_back(promise_of(*s));
  return out;
}

void update_promise(Database& db, const PromiseRow& row) {
  StatementUse s(
      db.cached("UPDATE promises SET first_year = :first, last_year = :last, titles = :titles, "
                "status = :status, updated_at = :at, updated_by = :by WHERE id = :id"));
  s->bind(":first", row.first_year)
      .bind(":last", row.last_year)
      .bind(":titles", row.titles)
      .bind(":status", row.status)
      .bind(":at", row.updated_at)
      .bind(":by", row.updated_by)
      .bind(":id", row.id);
  s->step();
}

std::vector<int64_t> promise_signatories(Database& db, int64_t promise) {
  StatementUse s(db.cached(
      "SELECT party FROM promise_signatories WHERE promise = :promise ORDER BY position"));
  s->bind(":promise", promise);
  return ids_of(*s);
}

void set_promise_signatories(Database& db, int64_t promise, const std::vector<int64_t>& parties) {
  replace_ordered_parties(db, "DELETE FROM promise_signatories WHERE promise = :owner",
                          "INSERT INTO promise_signatories (promise, position, party) "
                          "VALUES (:owner, :pos, :party)",
                          promise, parties);
}

std::vector<FocusAreaRow> focus_areas(Database& db, int64_t promise) {
  StatementUse s(
      db.cached("SELECT id, promise, position, titles FROM promise_focus_areas "
                "WHERE promise = :promise ORDER BY position, id"));
  s->bind(":promise", promise);
  std::vector<FocusAreaRow> out;
  while (s->step()) out.push_back({s->integer(0), s->integer(1), s->integer(2), s->text(3)});
  return out;
}

std::optional<FocusAreaRow> focus_area(Database& db, int64_t id) {
  StatementUse s(
      db.cached("SELECT id, promise, position, titles FROM promise_focus_areas WHERE id = :id"));
  s->bind(":id", id);
  if (!s->step()) return std::nullopt;
  return FocusAreaRow{s->integer(0), s->integer(1), s->integer(2), s->text(3)};
}

int64_t insert_focus_area(Database& db, const FocusAreaRow& row) {
  StatementUse s(
      db.cached("INSERT INTO promise_focus_areas (promise, position, titles) "
                "VALUES (:promise, :pos, :titles)"));
  s->bind(":promise", row.promise).bind(":pos", row.position).bind(":titles", row.titles);
  s->step();
  return last_id(db);
}

void update_focus_area(Database& db, const FocusAreaRow& row) {
  StatementUse s(
      db.cached("UPDATE promise_focus_areas SET position = :pos, titles = :titles WHERE id = :id"));
  s->bind(":pos", row.position).bind(":titles", row.titles).bind(":id", row.id);
  s->step();
}

void delete_focus_area(Database& db, int64_t id) {
  StatementUse s(db.cached("DELETE FROM promise_focus_areas WHERE id = :id"));
  s->bind(":id", id);
  s->step();
}

std::vector<FocusSourceRow> focus_sources(Database& db, int64_t focus_area) {
  StatementUse s(
      db.cached("SELECT survey, area, theme, figures FROM promise_focus_sources "
                "WHERE focus_area = :fa ORDER BY survey, area, theme"));
  s->bind(":fa", focus_area);
  std::vector<FocusSourceRow> out;
  while (s->step()) out.push_back({s->text(0), s->text(1), s->text(2), s->text(3)});
  return out;
}

void set_focus_sources(Database& db, int64_t focus_area, const std::vector<FocusSourceRow>& rows) {
  {
    StatementUse del(db.cached("DELETE FROM promise_focus_sources WHERE focus_area = :fa"));
    del->bind(":fa", focus_area);
    del->step();
  }
  StatementUse s(
      db.cached("INSERT INTO promise_focus_sources (focus_area, survey, area, theme, figures) "
                "VALUES (:fa, :survey, :area, :theme, :figures)"));
  for (const auto& r : rows) {
    s->bind(":fa", focus_area)
        .bind(":survey", r.survey)
        .bind(":area", r.area)
        .bind(":theme", r.theme)
        .bind(":figures", r.figures);
    s->run();
  }
}

std::vector<ActivityRow> activities(Database& db, int64_t focus_area) {
  StatementUse s(db.cached(
      "SELECT id, focus_area, position, texts, prioritised_areas, frequency, target_count, "
      "target_unit, indicator_kind, indicator_id, indicator_area, indicator_texts "
      "FROM promise_activities WHERE focus_area = :fa ORDER BY position, id"));
  s->bind(":fa", focus_area);
  std::vector<ActivityRow> out;
  while (s->step()) out.push_back(activity_of(*s));
  return out;
}

std::optional<ActivityRow> activity(Database& db, int64_t id) {
  StatementUse s(db.cached(
      "SELECT id, focus_area, position, texts, prioritised_areas, frequency, target_count, "
      "target_unit, indicator_kind, indicator_id, indicator_area, indicator_texts "
      "FROM promise_activities WHERE id = :id"));
  s->bind(":id", id);
  if (!s->step()) return std::nullopt;
  return activity_of(*s);
}

int64_t insert_activity(Database& db, const ActivityRow& row) {
  StatementUse s(db.cached(
      "INSERT INTO promise_activities (focus_area, position, texts, prioritised_areas, frequency, "
      "target_count, target_unit, indicator_kind, indicator_id, indicator_area, indicator_texts) "
      "VALUES (:fa, :pos, :texts, :prioritised, :frequency, :count, :unit, :kind, :indicator, "
      ":indicator_area, :indicator_texts)"));
  s->bind(":fa", row.focus_area).bind(":pos", row.position);
  bind_activity(*s, row);
  s->step();
  return last_id(db);
}

void update_activity(Database& db, const ActivityRow& row) {
  StatementUse s(db.cached(
      "UPDATE promise_activities SET position = :pos, texts = :texts, prioritised_areas = "
      ":prioritised, frequency = :frequency, target_count = :count, target_unit = :unit, "
      "indicator_kind = :kind, indicator_id = :indicator, indicator_area = :indicator_area, "
      "indicator_texts = :indicator_texts WHERE id = :id"));
  s->bind(":pos", row.position).bind(":id", row.id);
  bind_activity(*s, row);
  s->step();
}

void delete_activity(Database& db, int64_t id) {
  StatementUse s(db.cached("DELETE FROM promise_activities WHERE id = :id"));
  s->bind(":id", id);
  s->step();
}

std::vector<int64_t> activity_parties(Database& db, int64_t activity) {
  StatementUse s(db.cached(
      "SELECT party FROM promise_activity_parties WHERE activity = :activity ORDER BY position"));
  s->bind(":activity", activity);
  return ids_of(*s);
}

void set_activity_parties(Database& db, int64_t activity, const std::vector<int64_t>& parties) {
  replace_ordered_parties(db, "DELETE FROM promise_activity_parties WHERE activity = :owner",
                          "INSERT INTO promise_activity_parties (activity, position, party) "
                          "VALUES (:owner, :pos, :party)",
                          activity, parties);
}

std::vector<FollowUpRow> follow_ups(Database& db, int64_t activity) {
  StatementUse s(
      db.cached("SELECT id, activity, date, done_count, status, public_texts, internal_note, "
                "published, recorded_at, recorded_by FROM promise_follow_ups "
                "WHERE activity = :activity ORDER BY date, id"));
  s->bind(":activity", activity);
  std::vector<FollowUpRow> out;
  while (s->step()) {
    out.push_back({s->integer(0), s->integer(1), s->text(2), s->integer(3), s->text(4), s->text(5),
                   s->text(6), s->integer(7) != 0, s->integer(8), s->text(9)});
  }
  return out;
}

int64_t insert_follow_up(Database& db, const FollowUpRow& row) {
  StatementUse s(db.cached(
      "INSERT INTO promise_follow_ups (activity, date, done_count, status, public_texts, "
      "internal_note, published, recorded_at, recorded_by) VALUES (:activity, :date, :done, "
      ":status, :texts, :note, :published, :at, :by)"));
  s->bind(":activity", row.activity)
      .bind(":date", row.date)
      .bind(":done", row.done_count)
      .bind(":status", row.status)
      .bind(":texts", row.public_texts)
      .bind(":note", row.internal_note)
      .bind(":published", row.published ? 1 : 0)
      .bind(":at", row.recorded_at)
      .bind(":by", row.recorded_by);
  s->step();
  return last_id(db);
}

std::optional<int64_t> follow_up_activity(Database& db, int64_t id) {
  StatementUse s(db.cached("SELECT activity FROM promise_follow_ups WHERE id = :id"));
  s->bind(":id", id);
  if (!s->step()) return std::nullopt;
  return s->integer(0);
}

void set_follow_up_published(Database& db, int64_t id, bool published) {
  StatementUse s(db.cached("UPDATE promise_follow_ups SET published = :published WHERE id = :id"));
  s->bind(":published", published ? 1 : 0).bind(":id", id);
  s->step();
}

namespace {
QuoteRow quote_of(Statement& s) {
  return {s.integer(0), s.integer(1), s.integer(2), s.text(3),
          s.text(4),    s.text(5),    s.integer(6), s.text(7)};
}
constexpr const char* quote_columns =
    "SELECT id, focus_area, position, record_id, text, lang, published_at, published_by "
    "FROM promise_quotes ";
}  // namespace

std::vector<QuoteRow> focus_quotes(Database& db, int64_t focus_area) {
  StatementUse s(
      db.cached(std::string(quote_columns) + "WHERE focus_area = :fa ORDER BY position, id"));
  s->bind(":fa", focus_area);
  std::vector<QuoteRow> out;
  while (s->step()) out.push_back(quote_of(*s));
  return out;
}

std::optional<QuoteRow> focus_quote(Database& db, int64_t id) {
  StatementUse s(db.cached(std::string(quote_columns) + "WHERE id = :id"));
  s->bind(":id", id);
  if (!s->step()) return std::nullopt;
  return quote_of(*s);
}

std::optional<int64_t> insert_focus_quote(Database& db, const QuoteRow& row) {
  StatementUse s(db.cached(
      "INSERT INTO promise_quotes (focus_area, position, record_id, text, lang, published_at, "
      "published_by) SELECT :fa, coalesce(max(position) + 1, 0), :record, :text, :lang, :at, :by "
      "FROM promise_quotes WHERE focus_area = :fa ON CONFLICT DO NOTHING"));
  s->bind(":fa", row.focus_area)
      .bind(":record", row.record_id)
      .bind(":text", row.text)
      .bind(":lang", row.lang)
      .bind(":at", row.published_at)
      .bind(":by", row.published_by);
  s->step();
  if (sqlite3_changes(db.handle()) == 0) return std::nullopt;
  return last_id(db);
}

void delete_focus_quote(Database& db, int64_t id) {
  StatementUse s(db.cached("DELETE FROM promise_quotes WHERE id = :id"));
  s->bind(":id", id);
  s->step();
}

std::optional<EvaluationRow> focus_evaluation(Database& db, int64_t focus_area) {
  StatementUse s(db.cached(
      "SELECT focus_area, later_survey, indicators, conclusions, evaluated_at, evaluated_by "
      "FROM promise_evaluations WHERE focus_area = :fa"));
  s->bind(":fa", focus_area);
  if (!s->step()) return std::nullopt;
  return EvaluationRow{s->integer(0), s->text(1),    s->text(2),
                       s->text(3),    s->integer(4), s->text(5)};
}

void put_focus_evaluation(Database& db, const EvaluationRow& row) {
  StatementUse s(db.cached(
      "INSERT OR REPLACE INTO promise_evaluations (focus_area, later_survey, indicators, "
      "conclusions, evaluated_at, evaluated_by) VALUES (:fa, :survey, :indicators, :conclusions, "
      ":at, :by)"));
  s->bind(":fa", row.focus_area)
      .bind(":survey", row.later_survey)
      .bind(":indicators", row.indicators)
      .bind(":conclusions", row.conclusions)
      .bind(":at", row.evaluated_at)
      .bind(":by", row.evaluated_by);
  s->step();
}

int64_t count_promise_follow_ups(Database& db, int64_t promise) {
  StatementUse s(db.cached(
      "SELECT count(*) FROM promise_follow_ups f JOIN promise_activities a ON a.id = f.activity "
      "JOIN promise_focus_areas fa ON fa.id = a.focus_area WHERE fa.promise = :promise"));
  s->bind(":promise", promise);
  s->step();
  return s->integer(0);
}

}  // namespace lyssna::storage
