// Coded respondents (see dataset.hpp).
#include "analysis/stats/dataset.hpp"

#include "analysis/analysis_error.hpp"

namespace lyssna::analysis {
namespace {

// Options of short lists are found by comparison, faster than hashing.
constexpr size_t linear_search_options = 8;
// Keys learned for prediction; past this (a file full of odd keys) lookups
// are plain hash lookups.
constexpr size_t max_key_states = 1024;

}  // namespace

Dataset::Dataset(std::vector<CodedQuestion> questions) : questions_(std::move(questions)) {
  keys_.push_back({"", -1, -1});
  for (size_t q = 0; q < questions_.size(); ++q) {
    if (questions_[q].options.size() > max_options) {
      throw BadSpecification("question '" + questions_[q].id + "' has too many options to code");
    }
    question_index_[questions_[q].id] = static_cast<int>(q);
    std::unordered_map<std::string, uint8_t, Hash, std::equal_to<>> options;
    for (size_t o = 0; o < questions_[q].options.size(); ++o)
      options[questions_[q].options[o]] = static_cast<uint8_t>(o + 1);
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

void Dataset::append(Dataset&& rows) {
  if (rows.questions_.size() != questions_.size())
    throw BadSpecification("datasets of different questions");
  for (size_t q = 0; q < questions_.size(); ++q) {
    if (rows.questions_[q].id != questions_[q].id ||
        rows.questions_[q].options != questions_[q].options) {
      throw BadSpecification("datasets of different questions");
    }
  }
  ids_.insert(ids_.end(), std::make_move_iterator(rows.ids_.begin()),
              std::make_move_iterator(rows.ids_.end()));
  channels_.insert(channels_.end(), std::make_move_iterator(rows.channels_.begin()),
                   std::make_move_iterator(rows.channels_.end()));
  codes_.insert(codes_.end(), rows.codes_.begin(), rows.codes_.end());
}

void Dataset::set(size_t row, std::string_view question, std::string_view option) {
  const int q = question_for_key(row, question);
  if (q < 0) return;
  codes_[row * questions_.size() + static_cast<size_t>(q)] = code_for_option(q, option);
}

int Dataset::question_for_key(size_t row, std::string_view key) {
  if (row != cursor_row_) {
    cursor_row_ = row;
    cursor_ = 0;
  }
  const int predicted = keys_[static_cast<size_t>(cursor_)].next;
  if (predicted > 0 && keys_[static_cast<size_t>(predicted)].key == key) {
    cursor_ = predicted;
    return keys_[static_cast<size_t>(predicted)].question;
  }
  int state;
  if (auto known = key_states_.find(key); known != key_states_.end()) {
    state = known->second;
  } else {
    auto q = question_index_.find(key);
    const int question = q == question_index_.end() ? -1 : q->second;
    if (keys_.size() >= max_key_states) return question;
    state = static_cast<int>(keys_.size());
    keys_.push_back({std::string(key), question, -1});
    key_states_.emplace(std::string(key), state);
  }
  keys_[static_cast<size_t>(cursor_)].next = state;
  cursor_ = state;
  return keys_[static_cast<size_t>(state)].question;
}

uint8_t Dataset::code_for_option(int question, std::string_view option) const {
  const auto& options = questions_[static_cast<size_t>(question)].options;
  if (options.size() <= linear_search_options) {
    for (size_t o = 0; o < options.size(); ++o) {
      if (options[o] == option) return static_cast<uint8_t>(o + 1);
    }
    return 0;
  }
  const auto& index = option_index_[static_cast<size_t>(question)];
  auto o = index.find(option);
  return o == index.end() ? 0 : o->second;
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

std::vector<bool> area_rows(const Dataset& data, const std::optional<std::string>& area) {
  std::vector<bool> rows;
  if (!area) return rows;
  rows.resize(data.size(), false);
  const int q = data.question("area");
  const int code = q < 0 ? -1 : data.option(q, *area);
  if (code < 0) return rows;
  for (size_t row = 0; row < data.size(); ++row) rows[row] = data.code(row, q) == code;
  return rows;
}

}  // namespace lyssna::analysis
