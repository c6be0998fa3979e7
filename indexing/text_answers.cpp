// Records to analysis data (see text_answers.hpp).
#include "indexing/text_answers.hpp"

namespace lyssna::indexing {

std::vector<analysis::TextAnswer> text_answers(const questionnaire::Questionnaire& q, const nlohmann::json& answers) {
  std::vector<analysis::TextAnswer> out;
  for (size_t i = 0; i < q.question_count(); ++i) {
    const auto& question = q.question_at(i);
    if (question.type != questionnaire::QuestionType::text) continue;
    auto it = answers.find(question.id);
    if (it == answers.end() || !it->is_string()) continue;
    const auto& text = it->get_ref<const std::string&>();
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
    out.push_back({question.id, text});
  }
  return out;
}

}  // namespace lyssna::indexing
