// From stored records to what the analysis library takes: the free-text
// answers of a response (every `text` question), and the response itself.
#pragma once

#include <vector>

#include "analysis/response.hpp"
#include "collector/interchange/record.hpp"
#include "collector/questionnaire/questionnaire.hpp"

namespace lyssna::indexing {

std::vector<analysis::TextAnswer> text_answers(const questionnaire::Questionnaire& q, const nlohmann::json& answers);

}  // namespace lyssna::indexing
