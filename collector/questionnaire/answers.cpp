// Answer rules (see answers.hpp).
#include "collector/questionnaire/answers.hpp"

#include <cmath>
#include <set>

#include "util/text.hpp"

namespace lyssna::questionnaire {
namespace {

using nlohmann::json;

std::string format_number(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  return json(v).dump();
}

AnswerProblem make(const Question& q, std::string code, std::string message,
                   std::map<std::string, std::string> params = {}) {
  return AnswerProblem{q.id, std::move(code), std::move(params),
                       "question '" + q.id + "': " + std::move(message)};
}

std::optional<AnswerProblem> check_option(const Question& q, const json& v) {
  if (!v.is_string()) return make(q, "invalid_option", "the answer must be an option id (a text)");
  if (!q.find_option(v.get_ref<const std::string&>())) {
    return make(q, "invalid_option", "'" + v.get<std::string>() + "' is not one of its options");
  }
  return std::nullopt;
}

bool is_empty_answer(const json& v) {
  return v.is_null() ||
         (v.is_string() &&
          v.get_ref<const std::string&>().find_first_not_of(" \t\r\n") == std::string::npos) ||
         (v.is_array() && v.empty());
}

}  // namespace

bool is_shown(const Question& question, const json& answers) {
  if (!question.show_if) return true;
  auto it = answers.find(question.show_if->question);
  if (it == answers.end()) return false;
  const auto& wanted = question.show_if->any_of;
  auto matches = [&](const json& v) {
    return v.is_string() &&
           std::find(wanted.begin(), wanted.end(), v.get_ref<const std::string&>()) != wanted.end();
  };
  if (it->is_array()) return std::any_of(it->begin(), it->end(), matches);
  return matches(*it);
}

std::optional<AnswerProblem> check_value(const Question& q, const json& v) {
  switch (q.type) {
    case QuestionType::choice:
    case QuestionType::scale:
      return check_option(q, v);
    case QuestionType::multi: {
      if (!v.is_array())
        return make(q, "invalid_option", "the answer must be a list of option ids");
      std::set<std::string> seen;
      for (const auto& item : v) {
        if (auto p = check_option(q, item)) return p;
        if (!seen.insert(item.get<std::string>()).second) {
          return make(q, "invalid_option",
                      "option '" + item.get<std::string>() + "' is given twice");
        }
      }
      if (q.max_choices && v.size() > *q.max_choices) {
        return make(q, "too_many",
                    "at most " + std::to_string(*q.max_choices) + " options may be chosen",
                    {{"max", std::to_string(*q.max_choices)}});
      }
      return std::nullopt;
    }
    case QuestionType::text: {
      if (!v.is_string()) return make(q, "invalid_text", "the answer must be a text");
      const auto& s = v.get_ref<const std::string&>();
      if (!text::is_valid_utf8(s)) return make(q, "invalid_text", "the text is not valid UTF-8");
      if (text::has_control_characters(s)) {
        return make(q, "invalid_text", "the text holds control characters");
      }
      size_t length = text::code_points(s);
      if (length > q.max_length) {
        return make(q, "too_long",
                    "the text has " + std::to_string(length) + " characters, more than the " +
                        std::to_string(q.max_length) + " allowed",
                    {{"max", std::to_string(q.max_length)}, {"length", std::to_string(length)}});
      }
      return std::nullopt;
    }
    case QuestionType::number: {
      if (!v.is_number()) return make(q, "not_a_number", "the answer must be a number");
      double d = v.get<double>();
      if (!std::isfinite(d)) return make(q, "not_a_number", "the answer must be a finite number");
      if (q.integer && std::floor(d) != d) {
        return make(q, "not_integer", "the answer must be a whole number");
      }
      if ((q.min && d < *q.min) || (q.max && d > *q.max)) {
        std::string lo = q.min ? format_number(*q.min) : "";
        std::string hi = q.max ? format_number(*q.max) : "";
        return make(q, "number_range",
                    "the number must be from " + (lo.empty() ? "-inf" : lo) + " to " +
                        (hi.empty() ? "inf" : hi),
                    {{"min", lo}, {"max", hi}});
      }
      return std::nullopt;
    }
  }
  return std::nullopt;
}

void normalize_free_text_answers(const Questionnaire& q, json& answers) {
  if (!answers.is_object()) return;  // check_answers says what is wrong
  for (auto it = answers.begin(); it != answers.end(); ++it) {
    const Question* question = q.find_question(it.key());
    if (question && question->type == QuestionType::text && it->is_string())
      *it = text::normalize_free_text(it->get_ref<const std::string&>());
  }
}

std::vector<AnswerProblem> check_answers(const Questionnaire& q, json& answers) {
  std::vector<AnswerProblem> problems;
  if (!answers.is_object()) {
    problems.push_back({"", "invalid", {}, "'answers' must be an object of question id to value"});
    return problems;
  }
  if (answers.size() > max_answers) {
    problems.push_back(
        {"", "invalid", {}, "more than " + std::to_string(max_answers) + " answers"});
    return problems;
  }
  // One pass over the answers given (usually fewer than the questions), then
  // one over the required questions; problems are sorted into questionnaire
  // order at the end. This runs for every imported record.
  std::vector<std::pair<int, AnswerProblem>> found;
  for (auto it = answers.begin(); it != answers.end();) {
    if (is_empty_answer(*it)) {
      it = answers.erase(it);
      continue;
    }
    const int order = q.order_of(it.key());
    if (order < 0) {
      found.push_back({-1,
                       {it.key(),
                        "unknown_question",
                        {},
                        "'" + it.key() + "' is not a question of survey '" + q.id + "'"}});
      ++it;
      continue;
    }
    const Question& question = q.question_at(static_cast<size_t>(order));
    if (!is_shown(question, answers)) {
      found.push_back({order, make(question, "hidden",
                                   "is only asked when '" + question.show_if->question +
                                       "' has another answer, so it cannot be answered here")});
    } else if (auto p = check_value(question, *it)) {
      found.push_back({order, std::move(*p)});
    }
    ++it;
  }
  for (size_t i = 0; i < q.question_count(); ++i) {
    const Question& question = q.question_at(i);
    if (question.required && !answers.contains(question.id) && is_shown(question, answers)) {
      found.push_back({static_cast<int>(i), make(question, "required", "an answer is required")});
    }
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& f : found) problems.push_back(std::move(f.second));
  return problems;
}

}  // namespace lyssna::questionnaire
