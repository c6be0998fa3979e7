// One JSON Lines line of the contract on its way in, whatever its kind
// (a response record, a session or a vote: interchange.md sections 1 and
// 6): read and checked first (on any thread, against the survey's
// questionnaire), stored after (in the caller's write transaction, by the
// contract's merge rules). `lyssna import` and the central server's sync
// route take lines through the same two steps, so both keep the same rules.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "collector/interchange/dialogue_lines.hpp"
#include "collector/interchange/record.hpp"
#include "collector/questionnaire/definition.hpp"
#include "collector/storage/response_store.hpp"
#include "collector/storage/sqlite.hpp"

namespace lyssna::interchange {

// A line read and checked: exactly one of record, session and vote is set,
// or none when the line was refused at reading (`field` and `problem` say why).
struct CheckedLine {
  size_t line = 0;
  LineKind kind = LineKind::record;
  std::optional<storage::InsertRequest> record;
  std::unique_ptr<SessionLine> session;  // pointers: a chunk of records stays small
  std::unique_ptr<VoteLine> vote;
  std::string field;
  std::string problem;

  bool refused() const { return !record && !session && !vote; }
};

// The survey of an id, or nullptr when this database has none.
using SurveyLookup = std::function<const questionnaire::Questionnaire*(const std::string&)>;

// Reads one non-blank line (JSON of any kind) and checks it: a record's
// answers against its questionnaire, a session's survey for existence.
// Never throws for bad input: the refusal is in the result.
CheckedLine check_line(size_t line, std::string_view text, const SurveyLookup& survey);
// The same for a record already read (from a CSV row): answers checked
// against its questionnaire and serialised for storing.
CheckedLine check_record(size_t line, Record record, const SurveyLookup& survey);
// The refusal of a record's survey that is not here (also the CSV reader's).
std::string missing_survey_problem(const std::string& survey);

// What storing a checked line did.
struct StoredLine {
  enum class Status { stored, updated, duplicate, refused };
  Status status = Status::stored;
  std::string field;   // refused: the field at fault
  std::string reason;  // refused
  // A vote's ballots refused while the rest of it was taken: field ("ballots[2]"), reason.
  std::vector<std::pair<std::string, std::string>> ballot_refusals;
};

// Whether `theme` is a theme of `survey`'s codebook (the codebook is the
// analysis engine's: the caller in app/ answers).
using ThemeCheck = std::function<bool(const std::string& survey, const std::string& theme)>;

// Stores a line that was not refused at reading, inside the caller's write
// transaction: a record idempotently by id (a different record under its
// id refused naming "id"), a session or vote by storage::merge_session and
// merge_vote. With `themes`, a vote's candidates other than custom:<slug>
// must be themes of its session's survey (refused naming "candidates", as
// the contract has them). Throws StorageError when the database fails.
StoredLine store_line(storage::Database& db, const CheckedLine& line, int64_t now,
                      const ThemeCheck& themes = nullptr);

// "stored", "updated", "duplicate", "refused"; "record", "session", "vote".
std::string_view status_name(StoredLine::Status status);
std::string_view kind_name(LineKind kind);

}  // namespace lyssna::interchange
