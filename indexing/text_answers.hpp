// From stored records to what the analysis library takes: the free-text
// answers of a response (every `text` question, in questionnaire order), read
// out of its stored answers without parsing the others.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analysis/response.hpp"
#include "collector/questionnaire/questionnaire.hpp"

namespace lyssna::indexing {

// The ids of the questionnaire's text questions, in order.
std::vector<std::string> text_questions(const questionnaire::Questionnaire& q);

struct StoredTexts {
  std::string area;                         // the `area` answer, or empty
  std::vector<analysis::TextAnswer> texts;  // the non-blank text answers
};
// Throws BadInput when the stored answers are not a JSON object.
StoredTexts stored_texts(std::string_view answers_json,
                         const std::vector<std::string>& text_questions);

}  // namespace lyssna::indexing
