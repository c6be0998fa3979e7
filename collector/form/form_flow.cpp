// Page flow (see form_flow.hpp).
#include "collector/form/form_flow.hpp"

#include "collector/questionnaire/answers.hpp"

namespace lyssna::form {

using nlohmann::json;
using questionnaire::AnswerProblem;
using questionnaire::Questionnaire;

Action parse_action(const std::string& value) {
  if (value == "back") return Action::back;
  if (value == "submit") return Action::submit;
  if (value == "switch") return Action::switch_language;
  if (value == "start") return Action::start;
  return Action::next;
}

bool page_is_visible(const questionnaire::Page& page, const json& answers) {
  for (const auto& question : page.questions) {
    if (questionnaire::is_shown(question, answers)) return true;
  }
  return false;
}

int next_visible_page(const Questionnaire& q, int page, const json& answers) {
  for (int p = page + 1; p < static_cast<int>(q.pages.size()); ++p) {
    if (page_is_visible(q.pages[static_cast<size_t>(p)], answers)) return p;
  }
  return -1;
}

int previous_visible_page(const Questionnaire& q, int page, const json& answers) {
  for (int p = page - 1; p >= 0; --p) {
    if (page_is_visible(q.pages[static_cast<size_t>(p)], answers)) return p;
  }
  return -1;
}

int first_visible_page(const Questionnaire& q, const json& answers) {
  int p = next_visible_page(q, -1, answers);
  return p < 0 ? 0 : p;
}

bool is_last_visible_page(const Questionnaire& q, int page, const json& answers) {
  return next_visible_page(q, page, answers) < 0;
}

std::vector<AnswerProblem> page_problems(const Questionnaire& q, int page,
                                         const FormAnswers& input) {
  std::vector<AnswerProblem> problems;
  for (const auto& question : q.pages[static_cast<size_t>(page)].questions) {
    if (!questionnaire::is_shown(question, input.answers)) continue;
    if (auto it = input.problems.find(question.id); it != input.problems.end()) {
      problems.push_back(it->second);
    } else if (question.required && !input.answers.contains(question.id)) {
      problems.push_back({question.id, "required", {}, "an answer is required"});
    }
  }
  return problems;
}

FlowResult advance(const Questionnaire& q, int page, Action action, FormAnswers& input) {
  const int last_page = static_cast<int>(q.pages.size()) - 1;
  if (page < 0 || page > last_page) page = first_visible_page(q, input.answers);
  FlowResult result;
  result.page = page;
  switch (action) {
    case Action::start:
    case Action::switch_language:
      return result;
    case Action::back: {
      int prev = previous_visible_page(q, page, input.answers);
      if (prev >= 0) result.page = prev;
      return result;
    }
    case Action::next:
    case Action::submit: {
      result.problems = page_problems(q, page, input);
      if (!result.problems.empty()) return result;
      int next = next_visible_page(q, page, input.answers);
      if (next >= 0) {
        // "Submit" from a page that an answer has just made non-final goes on.
        result.page = next;
        return result;
      }
      if (action == Action::next) return result;
      // Final check of every page: hidden fields can be altered by anyone.
      for (int p = 0; p <= last_page; ++p) {
        if (!page_is_visible(q.pages[static_cast<size_t>(p)], input.answers)) continue;
        auto problems = page_problems(q, p, input);
        if (!problems.empty()) {
          result.page = p;
          result.problems = std::move(problems);
          return result;
        }
      }
      // Drop answers to questions the resident was not asked after all.
      for (const auto* question : q.questions()) {
        if (!questionnaire::is_shown(*question, input.answers)) input.answers.erase(question->id);
      }
      result.complete = true;
      return result;
    }
  }
  return result;
}

}  // namespace lyssna::form
