// Template data for the resident's pages: the questionnaire page itself, the
// invitation-code page, the thank-you page and the messages (closed, errors).
// Only data is built here; the HTML is in web/templates/.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "collector/form/form_input.hpp"
#include "collector/questionnaire/answers.hpp"
#include "collector/questionnaire/questionnaire.hpp"

namespace lyssna::form {

// What the page carries from one POST to the next in hidden fields.
struct Carry {
  std::string record_id;
  std::string lang;
  std::string code;  // normalized invitation code, when the survey needs one
};

// Data shared by every page: language, direction, catalog, assets.
nlohmann::json base_view(const std::string& lang, const std::string& title);
// The language switcher; `as_buttons` submits the form (keeping answers),
// otherwise plain links with ?lang=.
nlohmann::json language_switcher(const questionnaire::Questionnaire& q, const std::string& lang,
                                 bool as_buttons);

nlohmann::json page_view(const questionnaire::Questionnaire& q, int page, const Carry& carry,
                         const FormAnswers& input,
                         const std::vector<questionnaire::AnswerProblem>& problems);
nlohmann::json code_view(const questionnaire::Questionnaire& q, const std::string& lang,
                         const std::string& typed, const std::string& error_key);
// A page with a heading and a text from the catalog (closed survey, errors, thanks).
nlohmann::json message_view(const std::string& lang, const std::string& title_key,
                            const std::string& body_key,
                            const std::map<std::string, std::string>& params,
                            const std::string& back_href);

// The resident-facing message for a problem, in `lang`.
std::string problem_message(const std::string& lang, const questionnaire::AnswerProblem& p);

}  // namespace lyssna::form
