// Respondents coded for statistics: for a fixed list of choice and scale
// questions, each answer is stored as a small number (0 = no answer), so
// that shares over 100,000 respondents are a few passes over bytes.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/response.hpp"

namespace lyssna::analysis {

struct CodedQuestion {
  std::string id;
  std::vector<std::string> options;
};

class Dataset {
 public:
  // Codes are bytes: a question with more options than this cannot be coded.
  static constexpr size_t max_options = 250;
  // Throws BadSpecification for a question with more than max_options.
  explicit Dataset(std::vector<CodedQuestion> questions);

  // Codes the answers of one response; unknown options count as no answer.
  void add(const Response& response);
  // The same in two steps, for callers that read answers without building
  // JSON: a new row, then each answer (ignored when not coded).
  size_t add_row(std::string id, std::string channel);
  // Rows are filled one after the other (set() for a row before add_row()
  // of the next); set() is fastest when answers list their questions in the
  // same order from one response to the next, as stored answers do.
  void set(size_t row, std::string_view question, std::string_view option);
  // Appends the rows of `rows`, which must code the same questions.
  void append(Dataset&& rows);
  size_t size() const { return ids_.size(); }
  const std::string& id(size_t row) const { return ids_[row]; }
  const std::string& channel(size_t row) const { return channels_[row]; }

  // -1 when the question or option is not coded.
  int question(const std::string& id) const;
  int option(int question, const std::string& option) const;
  const CodedQuestion& coded(int question) const {
    return questions_[static_cast<size_t>(question)];
  }
  // 0: no answer; k: the k-th option (1-based).
  uint8_t code(size_t row, int question) const {
    return codes_[row * questions_.size() + static_cast<size_t>(question)];
  }
  // The option id answered, or empty.
  const std::string& answer(size_t row, int question) const;

 private:
  std::vector<CodedQuestion> questions_;
  // Transparent hashing: answers are looked up by string_view.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, int, Hash, std::equal_to<>> question_index_;
  std::vector<std::unordered_map<std::string, uint8_t, Hash, std::equal_to<>>> option_index_;
  // The question a key names (-1: not coded), predicted from the key
  // before it: responses repeat the order of their keys, so most lookups
  // are one comparison instead of a hash. keys_[0] stands for a row's start.
  struct KeyState {
    std::string key;
    int question;
    int next;  // the state that followed this one last time, or -1
  };
  int question_for_key(size_t row, std::string_view key);
  uint8_t code_for_option(int question, std::string_view option) const;
  std::vector<KeyState> keys_;
  std::unordered_map<std::string, int, Hash, std::equal_to<>> key_states_;
  int cursor_ = 0;
  size_t cursor_row_ = static_cast<size_t>(-1);

  std::vector<std::string> ids_, channels_;
  std::vector<uint8_t> codes_;
};

// The rows of `area`'s respondents, for a domain estimate (the `include`
// of indicator_share): empty, meaning every row, when no area is given;
// none selected when the area is not coded in the data.
std::vector<bool> area_rows(const Dataset& data, const std::optional<std::string>& area);

}  // namespace lyssna::analysis
