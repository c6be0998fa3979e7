// A response as the analysis library sees it: plain data handed over by the
// collector, which reads it from SQLite.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace lyssna::analysis {

struct Response {
  int64_t seq = 0;  // arrival order in the database
  std::string survey;
  std::string id;
  std::string lang;
  std::string channel;
  int64_t submitted_epoch = 0;
  nlohmann::json answers = nlohmann::json::object();

  // The answer to a choice question, or empty.
  std::string choice(const std::string& question) const {
    auto it = answers.find(question);
    return it != answers.end() && it->is_string() ? it->get<std::string>() : std::string();
  }
};

// A free-text answer of a response: the question it answers and the text.
struct TextAnswer {
  std::string question;
  std::string text;
};

// The free-text answers of many responses, by record id: one list per id
// asked for, in the same order (empty for an unknown id). The index keeps no
// copy of the texts (SQLite is the source of truth); the caller supplies them
// where quotes and snippets need them, a batch at a time, so that a page of
// hits or a theme's quotes costs one read and not one per answer.
using TextSource =
    std::function<std::vector<std::vector<TextAnswer>>(const std::vector<std::string>& record_ids)>;

}  // namespace lyssna::analysis
