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

// Free text as the resident's form gives it: text::normalize_free_text on
// every text answer (CR LF and CR become LF, control characters but tab are
// dropped), so that the form and the API store an answer the same way.
// Import leaves its records' text as it is: export gives it back byte for
// byte, and a record imported again stays a duplicate.
void normalize_free_text_answers(const Questionnaire& q, nlohmann::json& answers);

// Checks one value that is present. Returns the problem, if any.
std::optional<AnswerProblem> check_value(const Question& question, const nlohmann::json& value);

// Normalises `answers` in place (null, "" and [] mean "not answered" and are
// removed) and checks every rule: known question ids, value types, option ids,
// ranges and lengths, required questions, and no answer to a question that
// its show_if hides. Returns every problem, in questionnaire order.
std::vector<AnswerProblem> check_answers(const Questionnaire& q, nlohmann::json& answers);

}  // namespace lyssna::questionnaire
