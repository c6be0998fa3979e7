// The resident's way through a multi-page questionnaire without JavaScript
// or cookies: every POST carries the answers so far, the page it came from
// and the button pressed; this decides which page to show next, with which
// problems, or that the answers are complete.
#pragma once

#include <string>
#include <vector>

#include "collector/form/form_input.hpp"
#include "collector/questionnaire/questionnaire.hpp"

namespace lyssna::form {

enum class Action { next, back, submit, switch_language, start };

Action parse_action(const std::string& value);

struct FlowResult {
  bool complete = false;  // every page passed: store `answers.answers`
  int page = 0;           // otherwise: the page to show
  // Problems to show on that page (empty after back or a language switch).
  std::vector<questionnaire::AnswerProblem> problems;
};

// True when at least one of the page's questions is asked given `answers`.
bool page_is_visible(const questionnaire::Page& page, const nlohmann::json& answers);
// The first visible page after / before `page`, or -1.
int next_visible_page(const questionnaire::Questionnaire& q, int page,
                      const nlohmann::json& answers);
int previous_visible_page(const questionnaire::Questionnaire& q, int page,
                          const nlohmann::json& answers);
int first_visible_page(const questionnaire::Questionnaire& q, const nlohmann::json& answers);
bool is_last_visible_page(const questionnaire::Questionnaire& q, int page,
                          const nlohmann::json& answers);

// Problems of one page's questions as the resident sees them: only for
// questions asked, required ones left empty included, in page order.
std::vector<questionnaire::AnswerProblem> page_problems(const questionnaire::Questionnaire& q,
                                                        int page, const FormAnswers& input);

// Decides what follows a POST from `page`. On completion, answers to
// questions that show_if hides are removed from `input.answers`.
FlowResult advance(const questionnaire::Questionnaire& q, int page, Action action,
                   FormAnswers& input);

}  // namespace lyssna::form
