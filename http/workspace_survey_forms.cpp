// The admin's survey forms (see workspace_survey_forms.hpp).
#include "http/workspace_survey_forms.hpp"

#include <cstdio>

#include "http/workspace_view.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace lyssna::http::survey_forms {

namespace {
constexpr int64_t day_seconds = 86400;
}

std::string opening_day(const std::optional<int64_t>& opens_at) {
  return opens_at ? clock::format_date(*opens_at) : "";
}

std::string closing_day(const std::optional<int64_t>& closes_at) {
  return closes_at ? clock::format_date(*closes_at - 1) : "";
}

std::optional<int64_t> parse_day(const std::string& lang, const std::string& text,
                                 const std::string& field, bool closes) {
  const std::string day = text::trim(text);
  if (day.empty()) return std::nullopt;
  auto t = day.size() == 10 ? clock::parse_date_or_timestamp(day) : std::nullopt;
  if (!t)
    throw PageInvalid(
        ws_text(lang, "ws.surveys.error_date", {{"field", ws_text(lang, "ws.settings." + field)}}),
        field);
  return closes ? *t + day_seconds : *t;
}

std::string count_text(double count) {
  char buf[64];
  if (count == static_cast<double>(static_cast<int64_t>(count))) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(count));
  } else {
    std::snprintf(buf, sizeof buf, "%g", count);
  }
  return buf;
}

nlohmann::json status_view(const std::string& lang, app::SurveyStatus status) {
  const std::string key(app::survey_status_name(status));
  return {{"key", key}, {"label", ws_text(lang, "ws.surveys.status_" + key)}};
}

std::string areas_text(const questionnaire::Questionnaire& q, const std::string& lang) {
  std::string out;
  for (const auto& a : q.areas)
    out += a.id + " = " + questionnaire::localized(a.label, lang, q.default_language()) + "\n";
  return out;
}

std::vector<app::AreaName> parse_areas(const std::string& lang, const std::string& text) {
  std::vector<app::AreaName> areas;
  size_t line_no = 0;
  for (const auto& raw : text::split(text, '\n')) {
    ++line_no;
    const std::string line = text::trim(raw);
    if (line.empty()) continue;
    const auto eq = line.find('=');
    app::AreaName a{text::trim(line.substr(0, eq)),
                    eq == std::string::npos ? "" : text::trim(line.substr(eq + 1))};
    if (a.id.empty())
      throw PageInvalid(
          ws_text(lang, "ws.surveys.error_area_id", {{"line", std::to_string(line_no)}}), "areas");
    if (a.name.empty()) a.name = a.id;
    areas.push_back(std::move(a));
  }
  return areas;
}

std::string field_of_problem(const std::string& field, const std::string& message) {
  if (field != "definition") return field;
  for (const char* name : {"closes_at", "opens_at", "title", "area", "language"}) {
    if (message.find(name) != std::string::npos) {
      const std::string f = name;
      return f == "area" || f == "language" ? f + "s" : f;
    }
  }
  return "";
}

Problem problem_of(const std::string& lang, const std::string& anchor, const BadInput& e,
                   const std::string& message) {
  if (dynamic_cast<const PageInvalid*>(&e)) return {anchor, message, ""};
  return {anchor, ws_text(lang, "ws.surveys.error_rule"), message};
}

nlohmann::json problems_view(const std::string& title, const std::vector<Problem>& problems) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& p : problems) {
    nlohmann::json item = {{"message", p.message}};
    if (!p.anchor.empty()) item["anchor"] = p.anchor;
    if (!p.detail.empty()) item["detail"] = p.detail;
    items.push_back(item);
  }
  return {{"title", title}, {"items", items}};
}

}  // namespace lyssna::http::survey_forms
