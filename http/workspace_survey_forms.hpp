// What the admin's survey pages share (http/workspace_surveys_routes.cpp,
// http/workspace_settings_routes.cpp): dates as a form shows them, a
// survey's status, areas as lines of text, and the box of a form's
// problems. Only parsing and data for the templates; the rules are app/'s.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/surveys.hpp"
#include "collector/questionnaire/questionnaire.hpp"

namespace lyssna::http::survey_forms {

// "2026-03-01" for a form's date field; "" for none.
std::string opening_day(const std::optional<int64_t>& opens_at);
// The last day answers are taken: a survey closes at the midnight (UTC)
// after the day the admin gives, so "2026-03-31" takes answers all that day.
std::string closing_day(const std::optional<int64_t>& closes_at);
// An Invalid whose message is already in the page's language (the page's
// own checks); any other comes from the survey's rules, in English.
class PageInvalid : public Invalid {
 public:
  using Invalid::Invalid;
};

// The field's value back as a moment (nullopt for ""): the first moment of
// the day for `opens`, the midnight after it for `closes`. Throws
// PageInvalid naming `field`, in `lang`.
std::optional<int64_t> parse_day(const std::string& lang, const std::string& text,
                                 const std::string& field, bool closes);

// A population count as a page shows it: "21000", or "2.5" for a fraction.
std::string count_text(double count);

// {"key": "open", "label": ...} for the page.
nlohmann::json status_view(const std::string& lang, app::SurveyStatus status);

// "handen = Handen" lines, one area a line; and back (PageInvalid naming
// "areas", in `lang`, for a line without an id).
std::string areas_text(const questionnaire::Questionnaire& q, const std::string& lang);
std::vector<app::AreaName> parse_areas(const std::string& lang, const std::string& text);

// The setting a definition rule's message is about ("areas", "opens_at",
// "closes_at", "languages", "title"; "" when none): the definition names
// what broke a rule in its words ("survey areas: ...").
std::string field_of_problem(const std::string& field, const std::string& message);

// The problems box (ws_problems.html): a title and items with the field's
// anchor; `detail` is a rule's own words, in English (shown as such).
struct Problem {
  std::string anchor, message, detail;
};
nlohmann::json problems_view(const std::string& title, const std::vector<Problem>& problems);
// A refused change's problem: a PageInvalid's message as it is, any other's
// as `detail` under a lead in the page's language.
Problem problem_of(const std::string& lang, const std::string& anchor, const BadInput& e,
                   const std::string& message);

}  // namespace lyssna::http::survey_forms
