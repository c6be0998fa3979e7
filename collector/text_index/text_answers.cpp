// Records to analysis data (see text_answers.hpp).
#include "collector/text_index/text_answers.hpp"

namespace lyssna::text_index {

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

analysis::Response to_analysis_response(int64_t seq, const interchange::Record& record) {
  analysis::Response r;
  r.seq = seq;
  r.survey = record.survey;
  r.id = record.id;
  r.lang = record.lang;
  r.channel = record.channel;
  r.submitted_epoch = record.submitted_epoch;
  r.answers = record.answers;
  return r;
}

analysis::Response to_analysis_response(int64_t seq, interchange::Record&& record) {
  analysis::Response r;
  r.seq = seq;
  r.survey = std::move(record.survey);
  r.id = std::move(record.id);
  r.lang = std::move(record.lang);
  r.channel = std::move(record.channel);
  r.submitted_epoch = record.submitted_epoch;
  r.answers = std::move(record.answers);
  return r;
}

}  // namespace lyssna::text_index
