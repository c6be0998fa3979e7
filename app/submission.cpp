// Storing one response (see submission.hpp).
#include "app/submission.hpp"

#include "app/answering_window.hpp"
#include "app/surveys.hpp"
#include "collector/interchange/json_reader.hpp"
#include "collector/questionnaire/answers.hpp"
#include "collector/storage/response_store.hpp"
#include "util/clock.hpp"

namespace lyssna::app {
namespace {

// Normalises the answers (free text as the form gives it, unanswered ones
// removed) and throws Invalid listing every problem.
void require_valid_answers(const questionnaire::Questionnaire& q, nlohmann::json& answers) {
  questionnaire::normalize_free_text_answers(q, answers);
  auto problems = questionnaire::check_answers(q, answers);
  if (problems.empty()) return;
  std::vector<Invalid::Problem> all;
  for (const auto& p : problems)
    all.emplace_back(p.question.empty() ? "answers" : "answers." + p.question, p.message);
  const auto first = all.front();
  throw Invalid(first.second, first.first, std::move(all));
}

}  // namespace

std::string check_code(Services& services, const std::string& survey, std::string_view typed,
                       const std::string& client) {
  auto db = services.readers().acquire();
  return services.invitations().check(*db, survey, typed, client, "code");
}

bool is_stored(Services& services, const std::string& survey, const std::string& id) {
  auto db = services.readers().acquire();
  return storage::find_response(*db, survey, id).has_value();
}

interchange::Record record_from_body(Services& services, std::string_view body,
                                     const std::string& survey) {
  require_survey(services, survey);
  nlohmann::json parsed =
      interchange::parse_json(body);  // the same strict reader as `lyssna import`
  interchange::Record record;
  try {
    record = interchange::record_from_json(std::move(parsed));
  } catch (const BadInput& e) {
    throw Invalid(e.what(), e.field());
  }
  if (record.survey != survey) {
    throw Invalid("field 'survey' is '" + record.survey + "' but the URL names '" + survey + "'",
                  "survey");
  }
  return record;
}

Submitted submit_response(Services& services, const Access& access, Submission s) {
  auto& record = s.record;
  const auto q = require_survey(services, record.survey);
  require_valid_answers(*q, record.answers);

  storage::InsertRequest request;
  if (!access.trusted()) {
    // Records of dialogues, kiosks and paper forms come from the people who
    // collected them (a facilitator's laptop, a scanner), never from the
    // public: otherwise anyone could add records to a sampled survey.
    if (record.channel != "online") {
      throw Unauthorized(
          "records of channel '" + record.channel +
          "' need the server's token; the public form and API take 'online' records only");
    }
    const int64_t now = clock::now_seconds();
    require_open(*q, now, Moment::submit);
    record.submitted_epoch = now;
    record.submitted_at = clock::format_rfc3339(now);
    request.server_stamped = true;
    if (q->requires_code) {
      auto db = services.readers().acquire();
      request.code_digest =
          services.invitations().spendable(*db, q->id, s.code, s.client, s.code_field);
    }
  }
  const std::string id = record.id;
  request.record = std::move(record);
  switch (const auto status = services.writer().submit(std::move(request))) {
    case storage::InsertStatus::stored:
      return {Outcome::created, id};
    case storage::InsertStatus::duplicate:
      return {Outcome::duplicate, id};
    case storage::InsertStatus::conflict:
      throw Conflict("a different record with id '" + id + "' exists already", "id");
    case storage::InsertStatus::code_unknown:
    case storage::InsertStatus::code_used:
      services.invitations().refused(status, s.client, s.code_field);
  }
  throw Error("unknown insert status");
}

}  // namespace lyssna::app
