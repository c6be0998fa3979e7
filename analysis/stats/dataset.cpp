// Coded respondents (see dataset.hpp).
#include "analysis/stats/dataset.hpp"

#include "analysis/analysis_error.hpp"

namespace lyssna::analysis {

Dataset::Dataset(std::vector<CodedQuestion> questions) : questions_(std::move(questions)) {
  for (size_t q = 0; q < questions_.size(); ++q) {
    if (questions_[q].options.size() > 250) {
      throw BadSpecification("question '" + questions_[q].id + "' has too many options to code");
    }
    question_index_[questions_[q].id] = static_cast<int>(q);
    std::unordered_map<std::string, uint8_t, Hash, std::equal_to<>> options;
    for (size_t o = 0; o < questions_[q].options.size(); ++o) options[questions_[q].options[o]] = static_cast<uint8_t>(o + 1);
    option_index_.push_back(std::move(options));
  }
}

void Dataset::add(const Response& response) {
  const size_t row = add_row(response.id, response.channel);
  for (const auto& [question, value] : response.answers.items()) {
    if (value.is_string()) set(row, question, value.get_ref<const std::string&>());
  }
}

size_t Dataset::add_row(std::string id, std::string channel) {
  ids_.push_back(std::move(id));
  channels_.push_back(std::move(channel));
  codes_.resize(codes_.size() + questions_.size(), 0);
  return ids_.size() - 1;
}

void Dataset::set(size_t row, std::string_view question, std::string_view option) {
  auto q = question_index_.find(question);
  if (q == question_index_.end()) return;
  auto& options = option_index_[static_cast<size_t>(q->second)];
  auto o = options.find(option);
  codes_[row * questions_.size() + static_cast<size_t>(q->second)] = o == options.end() ? 0 : o->second;
}

int Dataset::question(const std::string& id) const {
  auto it = question_index_.find(id);
  return it == question_index_.end() ? -1 : it->second;
}

int Dataset::option(int question, const std::string& option) const {
  if (question < 0) return -1;
  auto& options = option_index_[static_cast<size_t>(question)];
  auto it = options.find(option);
  return it == options.end() ? -1 : it->second;
}

const std::string& Dataset::answer(size_t row, int question) const {
  static const std::string none;
  if (question < 0) return none;
  uint8_t c = code(row, question);
  return c == 0 ? none : questions_[static_cast<size_t>(question)].options[c - 1];
}

}  // namespace lyssna::analysis
