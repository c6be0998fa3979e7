// Records to analysis data (see text_answers.hpp).
#include "indexing/text_answers.hpp"

#include "collector/interchange/json_reader.hpp"

namespace lyssna::indexing {

std::vector<std::string> text_questions(const questionnaire::Questionnaire& q) {
  std::vector<std::string> out;
  for (size_t i = 0; i < q.question_count(); ++i) {
    if (q.question_at(i).type == questionnaire::QuestionType::text)
      out.push_back(q.question_at(i).id);
  }
  return out;
}

StoredTexts stored_texts(std::string_view answers_json,
                         const std::vector<std::string>& text_questions) {
  std::vector<std::string> keys = text_questions;
  keys.push_back("area");
  auto fields = interchange::string_fields(answers_json, keys);
  StoredTexts out;
  if (auto area = fields.find("area"); area != fields.end()) out.area = std::move(area->second);
  for (const auto& question : text_questions) {
    auto f = fields.find(question);
    if (f != fields.end() && f->second.find_first_not_of(" \t\r\n") != std::string::npos) {
      out.texts.push_back({question, std::move(f->second)});
    }
  }
  return out;
}

}  // namespace lyssna::indexing
