// Checking answers against a questionnaire: the rules shared by the web form,
// the JSON API and the importers. Pure functions over the model and JSON.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "collector/questionnaire/questionnaire.hpp"

namespace lyssna::questionnaire {

// One answer that breaks a rule. `code` names the rule and is also the key
// suffix of the resident-facing message ("error.<code>" in i18n/*.json);
// `params` fill its placeholders; `message` is the English text for APIs.
struct AnswerProblem {
  std::string question;
  std::string code;
  std::map<std::string, std::string> params;
  std::string message;
};

// Hard limits on a record's answers, whatever the questionnaire says.
inline constexpr size_t max_answers = 500;

// True when the question is asked given the answers so far (no show_if, or
// the condition holds).
bool is_shown(const Question& question, const nlohmann::json& answers);

// Checks one value that is present. Returns the problem, if any. Free text
// is checked as it is: normalise it first (check_answers does).
std::optional<AnswerProblem> check_value(const Question& question, const nlohmann::json& value);

// Normalises `answers` in place (null, "" and [] mean "not answered" and are
// removed; free text gets text::normalize_free_text, as the form gives it,
// so an answer is stored the same by every channel) and checks every rule: known question ids,
// value types, option ids, ranges and lengths, required questions, and no answer to a question that
// its show_if hides. Returns every problem, in questionnaire order.
std::vector<AnswerProblem> check_answers(const Questionnaire& q, nlohmann::json& answers);

}  // namespace lyssna::questionnaire
