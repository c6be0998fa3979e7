// Lookups on the questionnaire model (see questionnaire.hpp).
#include "collector/questionnaire/questionnaire.hpp"

#include <algorithm>

namespace lyssna::questionnaire {

std::string_view type_name(QuestionType type) {
  switch (type) {
    case QuestionType::choice:
      return "choice";
    case QuestionType::multi:
      return "multi";
    case QuestionType::scale:
      return "scale";
    case QuestionType::text:
      return "text";
    case QuestionType::number:
      return "number";
  }
  return "?";
}

std::optional<QuestionType> type_from_name(std::string_view name) {
  for (auto t : {QuestionType::choice, QuestionType::multi, QuestionType::scale, QuestionType::text,
                 QuestionType::number}) {
    if (type_name(t) == name) return t;
  }
  return std::nullopt;
}

const Option* Question::find_option(std::string_view option_id) const {
  for (const auto& o : options) {
    if (o.id == option_id) return &o;
  }
  return nullptr;
}

bool Questionnaire::supports(std::string_view lang) const {
  return std::find(languages.begin(), languages.end(), lang) != languages.end();
}

void Questionnaire::build_index() {
  index_.clear();
  order_.clear();
  for (size_t p = 0; p < pages.size(); ++p) {
    for (size_t q = 0; q < pages[p].questions.size(); ++q) {
      Position position{p, q, order_.size()};
      order_.push_back(position);
      index_.emplace(pages[p].questions[q].id, position);
    }
  }
}

const Question* Questionnaire::find_question(std::string_view question_id) const {
  auto it = index_.find(question_id);
  if (it == index_.end()) return nullptr;
  return &pages[it->second.page].questions[it->second.question];
}

const Question& Questionnaire::question_at(size_t i) const {
  const Position& p = order_[i];
  return pages[p.page].questions[p.question];
}

int Questionnaire::order_of(std::string_view question_id) const {
  auto it = index_.find(question_id);
  return it == index_.end() ? -1 : static_cast<int>(it->second.order);
}

int Questionnaire::page_of(std::string_view question_id) const {
  auto it = index_.find(question_id);
  return it == index_.end() ? -1 : static_cast<int>(it->second.page);
}

std::vector<const Question*> Questionnaire::questions() const {
  std::vector<const Question*> all;
  for (const auto& p : pages) {
    for (const auto& q : p.questions) all.push_back(&q);
  }
  return all;
}

const std::string& localized(const LocalizedText& text, std::string_view lang,
                             std::string_view fallback) {
  static const std::string empty;
  if (auto it = text.find(std::string(lang)); it != text.end()) return it->second;
  if (auto it = text.find(std::string(fallback)); it != text.end()) return it->second;
  return text.empty() ? empty : text.begin()->second;
}

}  // namespace lyssna::questionnaire
