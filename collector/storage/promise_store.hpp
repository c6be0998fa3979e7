// The citizen promise in SQLite (migration 6, docs/promise.md): a kommun's
// parties, the promise documents, their focus areas (with the marked
// priorities behind them), activities and follow-ups. Texts per language
// travel as JSON objects the app layer makes and checks; this file only
// stores and reads rows. Every function runs on the caller's connection
// (a writer job for the writes) and throws StorageError.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "collector/storage/sqlite.hpp"

namespace lyssna::storage {

struct PromisePartyRow {
  int64_t id = 0;
  std::string kommun, code, kind;  // kind: kommun | police | external
  std::string names;               // JSON {"sv": ..}
  int64_t updated_at = 0;
  std::string updated_by;
};

struct PromiseRow {
  int64_t id = 0;
  std::string kommun;
  int64_t first_year = 0, last_year = 0;
  std::string titles;  // JSON
  std::string status;  // draft | adopted | published | evaluated
  std::optional<int64_t> copied_from;
  int64_t created_at = 0;
  std::string created_by;
  int64_t updated_at = 0;
  std::string updated_by;
};

struct FocusSourceRow {
  std::string survey, area, theme;  // area "" for the whole survey
  std::string figures;              // JSON, taken when drafted
};

struct FocusAreaRow {
  int64_t id = 0, promise = 0, position = 0;
  std::string titles;  // JSON
};

struct ActivityRow {
  int64_t id = 0, focus_area = 0, position = 0;
  std::string texts, prioritised_areas, frequency;  // JSON each
  std::optional<int64_t> target_count;
  std::optional<std::string> target_unit;
  std::string indicator_kind, indicator_id, indicator_area;
  std::string indicator_texts;  // JSON
};

struct FollowUpRow {
  int64_t id = 0, activity = 0;
  std::string date;  // YYYY-MM-DD
  int64_t done_count = 0;
  std::string status;
  std::string public_texts;  // JSON
  std::string internal_note;
  bool published = false;
  int64_t recorded_at = 0;
  std::string recorded_by;
};

struct QuoteRow {
  int64_t id = 0, focus_area = 0, position = 0;
  std::string record_id, text, lang;
  int64_t published_at = 0;
  std::string published_by;
};

struct EvaluationRow {
  int64_t focus_area = 0;
  std::string later_survey;
  std::string indicators;   // JSON array, computed when evaluated
  std::string conclusions;  // JSON {"sv": ..}
  int64_t evaluated_at = 0;
  std::string evaluated_by;
};

// Parties of a kommun, by code.
std::vector<PromisePartyRow> promise_parties(Database& db, const std::string& kommun);
std::optional<PromisePartyRow> promise_party(Database& db, int64_t id);
std::optional<PromisePartyRow> promise_party_by_code(Database& db, const std::string& kommun,
                                                     const std::string& code);
int64_t insert_promise_party(Database& db, const PromisePartyRow& row);
void update_promise_party(Database& db, const PromisePartyRow& row);

int64_t insert_promise(Database& db, const PromiseRow& row);
std::optional<PromiseRow> load_promise(Database& db, int64_t id);
// A kommun's promises, by first year and then id ("" kommun: all).
std::vector<PromiseRow> list_promises(Database& db, const std::string& kommun);
// Writes titles, years, status and updated_*.
void update_promise(Database& db, const PromiseRow& row);
// The promise's signatory parties in order.
std::vector<int64_t> promise_signatories(Database& db, int64_t promise);
void set_promise_signatories(Database& db, int64_t promise, const std::vector<int64_t>& parties);

std::vector<FocusAreaRow> focus_areas(Database& db, int64_t promise);
std::optional<FocusAreaRow> focus_area(Database& db, int64_t id);
int64_t insert_focus_area(Database& db, const FocusAreaRow& row);
void update_focus_area(Database& db, const FocusAreaRow& row);
void delete_focus_area(Database& db, int64_t id);
std::vector<FocusSourceRow> focus_sources(Database& db, int64_t focus_area);
void set_focus_sources(Database& db, int64_t focus_area, const std::vector<FocusSourceRow>& rows);

std::vector<ActivityRow> activities(Database& db, int64_t focus_area);
std::optional<ActivityRow> activity(Database& db, int64_t id);
int64_t insert_activity(Database& db, const ActivityRow& row);
void update_activity(Database& db, const ActivityRow& row);
void delete_activity(Database& db, int64_t id);
std::vector<int64_t> activity_parties(Database& db, int64_t activity);
void set_activity_parties(Database& db, int64_t activity, const std::vector<int64_t>& parties);

// An activity's follow-ups by date, then id.
std::vector<FollowUpRow> follow_ups(Database& db, int64_t activity);
int64_t insert_follow_up(Database& db, const FollowUpRow& row);
// The follow-up's activity, or none when there is no such follow-up.
std::optional<int64_t> follow_up_activity(Database& db, int64_t id);
void set_follow_up_published(Database& db, int64_t id, bool published);
// A focus area's published quotes in order.
std::vector<QuoteRow> focus_quotes(Database& db, int64_t focus_area);
std::optional<QuoteRow> focus_quote(Database& db, int64_t id);
// Appends a quote (position after the last); none when the focus area has
// this text of this record already.
std::optional<int64_t> insert_focus_quote(Database& db, const QuoteRow& row);
void delete_focus_quote(Database& db, int64_t id);

std::optional<EvaluationRow> focus_evaluation(Database& db, int64_t focus_area);
// Inserts or replaces the focus area's evaluation.
void put_focus_evaluation(Database& db, const EvaluationRow& row);

// Follow-ups of every activity of the promise.
int64_t count_promise_follow_ups(Database& db, int64_t promise);

}  // namespace lyssna::storage
