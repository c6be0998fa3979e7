// Form fields to answers (see form_input.hpp).
#include "collector/form/form_input.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <set>

#include "util/text.hpp"

namespace lyssna::form {
namespace {

using nlohmann::json;
using questionnaire::QuestionType;

std::optional<json> parse_typed_number(const std::string& typed) {
  std::string s;
  for (char c : text::trim(typed)) {
    if (c == ' ') continue;
    s.push_back(c == ',' ? '.' : c);
  }
  if (s.empty() || s.find_first_not_of("0123456789.-+") != std::string::npos) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  if (s.find('.') == std::string::npos) {
    long long v = std::strtoll(s.c_str(), &end, 10);
    if (errno == 0 && *end == '\0') return json(v);
    return std::nullopt;
  }
  double d = std::strtod(s.c_str(), &end);
  if (*end != '\0' || !std::isfinite(d)) return std::nullopt;
  return json(d);
}

}  // namespace

FormAnswers read_form_answers(const questionnaire::Questionnaire& q, const FormFields& fields) {
  FormAnswers out;
  for (const auto* question : q.questions()) {
    auto [begin, end] = fields.equal_range(question->id);
    std::vector<std::string> values;
    for (auto it = begin; it != end; ++it) {
      if (text::is_valid_utf8(it->second)) values.push_back(it->second);
    }
    std::optional<json> value;
    std::string typed;
    switch (question->type) {
      case QuestionType::choice:
      case QuestionType::scale:
        for (const auto& v : values) {
          if (!text::trim(v).empty()) {
            value = text::trim(v);
            break;
          }
        }
        break;
      case QuestionType::multi: {
        json list = json::array();
        std::set<std::string> seen;
        for (const auto& v : values) {
          std::string id = text::trim(v);
          if (!id.empty() && seen.insert(id).second) list.push_back(id);
        }
        if (!list.empty()) value = std::move(list);
        break;
      }
      case QuestionType::text:
        if (!values.empty()) {
          typed = text::normalize_free_text(values.front());
          if (!text::trim(typed).empty()) value = typed;
        }
        break;
      case QuestionType::number:
        if (!values.empty() && !text::trim(values.front()).empty()) {
          typed = values.front().substr(0, 100);
          value = parse_typed_number(typed);
          if (!value) {
            out.raw[question->id] = typed;
            out.problems[question->id] = {question->id, "not_a_number", {}, "not a number"};
          }
        }
        break;
    }
    if (!value) continue;
    if (auto problem = questionnaire::check_value(*question, *value)) {
      if (!typed.empty()) out.raw[question->id] = typed;
      out.problems[question->id] = std::move(*problem);
      continue;
    }
    out.answers[question->id] = std::move(*value);
  }
  return out;
}

}  // namespace lyssna::form
