// What the promise's files (promise.cpp, promise_quotes.cpp,
// promise_evaluation.cpp) share: the check of texts per language, their
// JSON in the rows, the audit target, and finding a promise's row. Not a
// public interface: callers outside app/promise* use promise.hpp.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "app/promise.hpp"
#include "collector/storage/promise_store.hpp"

namespace lyssna::app::promise_rows {

inline constexpr size_t max_title = 300;
inline constexpr size_t max_text = 4000;

// Checks a text per language: known languages, valid UTF-8, within the
// limit; empty texts are dropped; Swedish required when `required`.
// Invalid naming `field` or "<field>.<lang>".
Texts checked_texts(const Texts& in, const std::string& field, size_t limit, bool required);
std::string texts_json(const Texts& t);
Texts texts_of(const std::string& json);

// A stored evaluation (its indicators JSON as evaluation_json writes it).
FocusEvaluation evaluation_of(const storage::EvaluationRow& row);
std::string indicators_json(const std::vector<EvaluatedIndicator>& indicators);
// One compared indicator as stored (and as the promise's document has it,
// but for the area: "" here for the whole survey).
nlohmann::json evaluated_indicator_json(const EvaluatedIndicator& indicator);

// "promise/<id>", the audit log's target of every change of a promise.
std::string promise_target(int64_t id);

// The promise's row, or NotFound "promise".
storage::PromiseRow require_promise_row(storage::Database& db, int64_t id);
// The focus area's row and its promise's, or NotFound "focus_area".
std::pair<storage::FocusAreaRow, storage::PromiseRow> require_focus_area(storage::Database& db,
                                                                         int64_t id);

}  // namespace lyssna::app::promise_rows
