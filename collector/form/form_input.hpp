// Reading the resident's form: HTML form fields (all text) become typed
// answers. What cannot be taken (a word in a number box, a text over the
// limit) is kept as typed, so the page can show it again with its error.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "collector/questionnaire/answers.hpp"
#include "collector/questionnaire/questionnaire.hpp"

namespace lyssna::form {

// Field name -> value, repeated names allowed (checkbox groups).
using FormFields = std::multimap<std::string, std::string>;

struct FormAnswers {
  nlohmann::json answers = nlohmann::json::object();  // valid, typed values only
  std::map<std::string, std::string> raw;             // question id -> rejected text as typed
  std::map<std::string, questionnaire::AnswerProblem> problems;  // by question id
};

// Reads every question's field. Numbers accept a decimal comma ("12,5") and
// spaces between digit groups; free text has CR LF folded and control
// characters removed; blank values count as not answered.
FormAnswers read_form_answers(const questionnaire::Questionnaire& q, const FormFields& fields);

}  // namespace lyssna::form
