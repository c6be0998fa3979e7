// From stored records to what the analysis library takes: the free-text
// answers of a response (every `text` question), and the response itself.
#pragma once

#include <vector>

#include "analysis/response.hpp"
#include "collector/interchange/record.hpp"
#include "collector/questionnaire/questionnaire.hpp"

namespace lyssna::text_index {

std::vector<analysis::TextAnswer> text_answers(const questionnaire::Questionnaire& q, const nlohmann::json& answers);
analysis::Response to_analysis_response(int64_t seq, const interchange::Record& record);
analysis::Response to_analysis_response(int64_t seq, interchange::Record&& record);

}  // namespace lyssna::text_index
