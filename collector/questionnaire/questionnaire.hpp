// The questionnaire model: pages of typed questions with per-language wording,
// areas, show-if conditions and the survey's opening window. Built only by
// definition.cpp, which enforces every rule; immutable afterwards and so
// safe to share between threads.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace lyssna::questionnaire {

// Wording per language code ("sv" -> "Hur trygg ...").
using LocalizedText = std::map<std::string, std::string>;

enum class QuestionType { choice, multi, scale, text, number };

std::string_view type_name(QuestionType type);
std::optional<QuestionType> type_from_name(std::string_view name);

struct Option {
  std::string id;
  LocalizedText label;
};

// Show a question only when an earlier question's answer is one of `any_of`
// (for a `multi` question: when any of them was ticked).
struct ShowIf {
  std::string question;
  std::vector<std::string> any_of;
};

struct Question {
  std::string id;
  QuestionType type = QuestionType::choice;
  bool required = false;
  LocalizedText text;
  LocalizedText help;
  std::vector<Option> options;      // choice, multi, scale
  bool options_from_areas = false;  // options are the survey's areas
  std::optional<ShowIf> show_if;
  size_t max_length = 2000;           // text: code points
  std::optional<double> min, max;     // number
  bool integer = false;               // number
  std::optional<size_t> max_choices;  // multi

  const Option* find_option(std::string_view option_id) const;
  bool has_options() const {
    return type == QuestionType::choice || type == QuestionType::multi ||
           type == QuestionType::scale;
  }
};

struct Page {
  std::string id;
  LocalizedText title;
  LocalizedText intro;
  std::vector<Question> questions;
};

struct Questionnaire {
  std::string id;           // the survey id
  std::string template_id;  // "trygghet" when built from the standard questionnaire
  LocalizedText title;
  LocalizedText intro;
  std::vector<std::string> languages;  // the first is the default
  std::vector<Option> areas;
  std::optional<int64_t> opens_at;  // epoch seconds
  std::optional<int64_t> closes_at;
  bool requires_code = false;
  std::vector<Page> pages;

  const std::string& default_language() const { return languages.front(); }
  bool supports(std::string_view lang) const;
  const Question* find_question(std::string_view question_id) const;
  // Every question in page order.
  std::vector<const Question*> questions() const;
  // The same without allocating: the count, and the i-th in page order.
  size_t question_count() const { return order_.size(); }
  const Question& question_at(size_t i) const;
  // Position of a question in page order, or -1.
  int order_of(std::string_view question_id) const;
  // Index of the question's page, or -1.
  int page_of(std::string_view question_id) const;
  // Fills the lookup index; called by the parser once the model is complete
  // (and by anyone who edits `pages` afterwards).
  void build_index();

 private:
  struct Position {
    size_t page, question, order;
  };
  // Transparent hashing: look up by string_view without building a string.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, Position, Hash, std::equal_to<>> index_;
  std::vector<Position> order_;
};

using QuestionnairePtr = std::shared_ptr<const Questionnaire>;

// The wording for `lang`, falling back to the questionnaire's default language
// and then to any language present; empty when there is none.
const std::string& localized(const LocalizedText& text, std::string_view lang,
                             std::string_view fallback);

}  // namespace lyssna::questionnaire
