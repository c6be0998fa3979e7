// The variables a survey's answers become in a statistics file (SPSS,
// Stata): the record's fields as strings, then one variable per question
// in questionnaire order: choice and scale questions as codes 1, 2, ... in
// the order of their options, with the option labels as value labels; a
// multiple-choice question as one 0/1 variable per option; number
// questions as numbers; text questions as strings. Labels in one language
// (the questionnaire's wording, falling back to its default language).
// Pure: no storage, no file format.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "collector/interchange/record.hpp"
#include "collector/questionnaire/questionnaire.hpp"

namespace lyssna::app {

struct AnswerVariable {
  enum class Kind { field, code, dummy, number, text };
  Kind kind = Kind::field;
  std::string name;   // wanted name: the field or question id, "<question>_<option>" for a dummy
  std::string label;  // the variable label
  std::string field;  // field: "id", "lang", "channel", "session" or "submitted_at"
  const questionnaire::Question* question = nullptr;  // the others
  std::string option;                                 // dummy: its option id
  // code: 1 for the first option, ...; dummy: 0 not chosen, 1 chosen.
  std::vector<std::pair<int32_t, std::string>> value_labels;
};

// The layout for `q` with labels in `lang`. `q` must outlive the result.
std::vector<AnswerVariable> answer_variables(const questionnaire::Questionnaire& q,
                                             const std::string& lang);

// One variable's value in a record: none when unanswered or not one of the
// question's options (`unknown` is then set for an answer that was there).
struct AnswerValue {
  std::optional<double> number;     // code, dummy, number
  std::optional<std::string> text;  // field, text
};
AnswerValue answer_value(const AnswerVariable& v, const interchange::Record& r,
                         bool* unknown = nullptr);

}  // namespace lyssna::app
