// Reading, checking and storing lines of any kind (see line_intake.hpp).
#include "collector/interchange/line_intake.hpp"

#include "collector/interchange/json_reader.hpp"
#include "collector/questionnaire/answers.hpp"
#include "collector/storage/compact_json.hpp"
#include "collector/storage/dialogue_store.hpp"
#include "util/errors.hpp"

namespace lyssna::interchange {
namespace {

CheckedLine intake_refusal(size_t line, LineKind kind, std::string field, std::string problem) {
  CheckedLine out;
  out.line = line;
  out.kind = kind;
  out.field = std::move(field);
  out.problem = std::move(problem);
  return out;
}

StoredLine intake_from_merge(const storage::Merge& m) {
  StoredLine out;
  switch (m.kind) {
    case storage::Merge::Kind::stored:
      out.status = StoredLine::Status::stored;
      break;
    case storage::Merge::Kind::updated:
      out.status = StoredLine::Status::updated;
      break;
    case storage::Merge::Kind::duplicate:
      out.status = StoredLine::Status::duplicate;
      break;
    case storage::Merge::Kind::refused:
      out.status = StoredLine::Status::refused;
  }
  out.field = m.field;
  out.reason = m.reason;
  out.ballot_refusals = m.ballot_refusals;
  return out;
}

// The refusal of a new vote naming a candidate its session's survey has no
// theme for; none when all are known, when the vote is here already (the
// merge holds it to its stored candidates, so new ballots still join it if
// the codebook changed since) or its session is not (the merge refuses that).
std::optional<StoredLine> unknown_candidate(storage::Database& db, const VoteLine& vote,
                                            const ThemeCheck& themes) {
  if (storage::find_vote(db, vote.id, false)) return std::nullopt;
  const auto session = storage::find_dialogue_session(db, vote.session);
  if (!session) return std::nullopt;
  for (const auto& c : vote.candidates) {
    if (is_custom_candidate(c) || themes(session->line.survey, c)) continue;
    StoredLine out;
    out.status = StoredLine::Status::refused;
    out.field = "candidates";
    out.reason = "vote '" + vote.id + "' names '" + c + "', which is no theme of survey '" +
                 session->line.survey + "' (a theme id of its codebook or custom:<slug>)";
    return out;
  }
  return std::nullopt;
}

}  // namespace

std::string missing_survey_problem(const std::string& survey) {
  return "survey '" + survey +
         "' does not exist in this database (load its definition first: lyssna survey load FILE)";
}

CheckedLine check_record(size_t line, Record record, const SurveyLookup& survey) {
  const auto* q = survey(record.survey);
  if (!q)
    return intake_refusal(line, LineKind::record, "survey", missing_survey_problem(record.survey));
  auto problems = questionnaire::check_answers(*q, record.answers);
  if (!problems.empty()) {
    const auto& p = problems.front();
    return intake_refusal(line, LineKind::record,
                          p.question.empty() ? "answers" : "answers." + p.question, p.message);
  }
  CheckedLine out;
  out.line = line;
  // Serialise here and free the parsed answers while they are hot in this
  // thread's cache; the storing thread only binds text.
  std::string answers_text = storage::compact_json(record.answers);
  record.answers = nlohmann::json();
  out.record.emplace(
      storage::InsertRequest{std::move(record), std::nullopt, false, std::move(answers_text)});
  return out;
}

CheckedLine check_line(size_t line, std::string_view text, const SurveyLookup& survey) {
  LineKind kind = LineKind::record;
  try {
    nlohmann::json j = parse_json(text);
    kind = line_kind(j);
    if (kind == LineKind::record) return check_record(line, record_from_json(std::move(j)), survey);
    CheckedLine out;
    out.line = line;
    out.kind = kind;
    if (kind == LineKind::session) {
      out.session = std::make_unique<SessionLine>(session_from_json(j));
      if (!survey(out.session->survey)) {
        return intake_refusal(line, kind, "survey", missing_survey_problem(out.session->survey));
      }
    } else {
      out.vote = std::make_unique<VoteLine>(vote_from_json(j));
    }
    return out;
  } catch (const BadInput& e) {
    return intake_refusal(line, kind, e.field(), e.what());
  }
}

StoredLine store_line(storage::Database& db, const CheckedLine& line, int64_t now,
                      const ThemeCheck& themes) {
  if (line.session) return intake_from_merge(storage::merge_session(db, *line.session, now));
  if (line.vote) {
    if (themes) {
      if (auto refusal = unknown_candidate(db, *line.vote, themes)) return *refusal;
    }
    return intake_from_merge(storage::merge_vote(db, *line.vote, now));
  }
  StoredLine out;
  if (!line.record) {
    out.status = StoredLine::Status::refused;
    out.field = line.field;
    out.reason = line.problem;
    return out;
  }
  switch (storage::insert_response(db, *line.record)) {
    case storage::InsertStatus::stored:
      out.status = StoredLine::Status::stored;
      break;
    case storage::InsertStatus::duplicate:
      out.status = StoredLine::Status::duplicate;
      break;
    default:
      out.status = StoredLine::Status::refused;
      out.field = "id";
      out.reason = "a different record with id '" + line.record->record.id +
                   "' exists already in survey '" + line.record->record.survey + "'";
  }
  return out;
}

std::string_view status_name(StoredLine::Status status) {
  switch (status) {
    case StoredLine::Status::stored:
      return "stored";
    case StoredLine::Status::updated:
      return "updated";
    case StoredLine::Status::duplicate:
      return "duplicate";
    case StoredLine::Status::refused:
      break;
  }
  return "refused";
}

std::string_view kind_name(LineKind kind) {
  return kind == LineKind::session ? "session" : kind == LineKind::vote ? "vote" : "record";
}

}  // namespace lyssna::interchange
