// Published quotes of a focus area (see promise.hpp): the only residents'
// words that reach the public page, each chosen by an analyst and checked
// to be (part of) what a resident wrote.
#include <algorithm>

#include "app/promise.hpp"
#include "app/promise_rows.hpp"
#include "app/surveys.hpp"
#include "collector/questionnaire/questionnaire.hpp"
#include "collector/storage/response_store.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace lyssna::app {
namespace {

using namespace promise_rows;

// The free-text answers of a record, in questionnaire order.
std::vector<std::string> free_texts(const questionnaire::Questionnaire& q,
                                    const nlohmann::json& answers) {
  std::vector<std::string> out;
  for (const auto* question : q.questions()) {
    if (question->type != questionnaire::QuestionType::text) continue;
    const auto it = answers.find(question->id);
    if (it != answers.end() && it->is_string() && !it->get_ref<const std::string&>().empty())
      out.push_back(it->get<std::string>());
  }
  return out;
}

// Whether `text` is one of the record's free-text answers or a part of one.
bool is_part_of_free_text(const questionnaire::Questionnaire& q, const nlohmann::json& answers,
                          const std::string& text) {
  for (const auto& answer : free_texts(q, answers))
    if (answer.find(text) != std::string::npos) return true;
  return false;
}

void require_not_evaluated(const storage::PromiseRow& p) {
  if (p.status == "evaluated") {
    throw Conflict("promise " + std::to_string(p.id) + " is evaluated", "status");
  }
}

}  // namespace

int64_t publish_quote(Services& services, const Actor& actor, int64_t focus_area,
                      const std::string& record_id, const std::string& raw_text) {
  if (record_id.empty() || record_id.size() > 128) throw Invalid("a record id", "record");
  if (!text::is_valid_utf8(raw_text)) throw Invalid("the text is not valid UTF-8", "text");
  const std::string text = text::trim(raw_text);
  if (text.empty() || text.size() > max_text) {
    throw Invalid("a quote is 1 to " + std::to_string(max_text) + " bytes", "text");
  }
  const int64_t now = services.now();
  int64_t id = 0;
  services.writer().execute([&](storage::Database& db) {
    const auto [fa, p] = require_focus_area(db, focus_area);
    require_not_evaluated(p);
    std::optional<interchange::Record> record;
    questionnaire::QuestionnairePtr q;
    for (const auto& s : storage::focus_sources(db, focus_area)) {
      record = storage::find_response(db, s.survey, record_id);
      if (record) {
        q = require_survey(services, s.survey);
        break;
      }
    }
    if (!record) {
      throw Invalid(
          "no answer '" + record_id.substr(0, 64) + "' in a survey this focus area comes from",
          "record");
    }
    if (!is_part_of_free_text(*q, record->answers, text)) {
      throw Invalid("the quote is not what the resident wrote (the whole or a part of an answer)",
                    "text");
    }
    if (const auto inserted = storage::insert_focus_quote(
            db, {0, focus_area, 0, record_id, text, record->lang, now, actor.name})) {
      id = *inserted;
      record_audit(db, now, actor, AuditAction::promise_changed, promise_target(p.id),
                   "focus_area " + std::to_string(focus_area) + " quote " + std::to_string(id) +
                       " published");
      return;
    }
    for (const auto& existing : storage::focus_quotes(db, focus_area)) {
      if (existing.record_id == record_id && existing.text == text) id = existing.id;
    }
  });
  return id;
}

std::vector<ResidentText> resident_texts(Services& services, const std::string& survey,
                                         const std::string& record_id) {
  const auto q = require_survey(services, survey);
  std::optional<interchange::Record> record;
  {
    auto db = services.readers().acquire();
    record = storage::find_response(*db, survey, record_id);
  }
  std::vector<ResidentText> out;
  if (!record) return out;
  for (auto& text : free_texts(*q, record->answers)) out.push_back({std::move(text), record->lang});
  return out;
}

void withdraw_quote(Services& services, const Actor& actor, int64_t quote) {
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    const auto row = storage::focus_quote(db, quote);
    if (!row) throw NotFound("no quote " + std::to_string(quote), "quote");
    const auto [fa, p] = require_focus_area(db, row->focus_area);
    require_not_evaluated(p);
    storage::delete_focus_quote(db, quote);
    record_audit(
        db, now, actor, AuditAction::promise_changed, promise_target(p.id),
        "focus_area " + std::to_string(fa.id) + " quote " + std::to_string(quote) + " withdrawn");
  });
}

}  // namespace lyssna::app
