// Parsing and checking of questionnaire definitions (see definition.hpp and
// docs/questionnaire-format.md). Collects every problem instead of stopping at
// the first, so an author can fix a definition in one round.
#include "collector/questionnaire/definition.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "collector/questionnaire/survey_id.hpp"
#include "util/clock.hpp"
#include "util/text.hpp"

namespace lyssna::questionnaire {
namespace {

using nlohmann::json;

constexpr size_t max_pages = 50;
constexpr size_t max_questions = 500;
constexpr size_t max_options = 200;
constexpr size_t max_wording = 4000;
constexpr size_t max_text_answer = 20000;
constexpr std::string_view option_id_chars = "_-+.";

bool is_language_code(std::string_view s) {
  return s.size() == 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z';
}

class Checker {
 public:
  std::vector<std::string> problems;

  void problem(const std::string& where, const std::string& rule) {
    problems.push_back(where.empty() ? rule : where + ": " + rule);
  }

  void only_fields(const json& obj, std::initializer_list<std::string_view> allowed,
                   const std::string& where) {
    for (const auto& [key, value] : obj.items()) {
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        problem(where, "unknown field '" + key + "'");
      }
    }
  }

  // A wording: {"sv": "...", "en": "..."} or one string for every language.
  LocalizedText wording(const json& obj, const char* field, const std::string& where,
                        const std::vector<std::string>& languages, bool required) {
    LocalizedText out;
    auto it = obj.find(field);
    if (it == obj.end() || it->is_null()) {
      if (required) problem(where, std::string("'") + field + "' is required");
      return out;
    }
    if (it->is_string()) {
      if (!check_wording(it->get<std::string>(), where, field)) return out;
      for (const auto& lang : languages) out[lang] = it->get<std::string>();
      return out;
    }
    if (!it->is_object()) {
      problem(where,
              std::string("'") + field + "' must be a text or an object of texts per language");
      return out;
    }
    for (const auto& [lang, value] : it->items()) {
      if (std::find(languages.begin(), languages.end(), lang) == languages.end()) {
        problem(where, std::string("'") + field + "' has wording in '" + lang +
                           "', which is not one of the survey's languages");
        continue;
      }
      if (!value.is_string()) {
        problem(where, std::string("'") + field + "." + lang + "' must be a text");
        continue;
      }
      if (check_wording(value.get<std::string>(), where, field))
        out[lang] = value.get<std::string>();
    }
    for (const auto& lang : languages) {
      if (!out.count(lang)) {
        problem(where, std::string("'") + field + "' has no wording in '" + lang + "'");
      }
    }
    return out;
  }

  bool check_wording(const std::string& s, const std::string& where, const char* field) {
    if (text::trim(s).empty()) {
      problem(where, std::string("'") + field + "' is empty");
      return false;
    }
    if (text::code_points(s) > max_wording) {
      problem(where, std::string("'") + field + "' is longer than " + std::to_string(max_wording) +
                         " characters");
      return false;
    }
    return true;
  }

  std::vector<Option> options(const json& list, const std::string& where,
                              const std::vector<std::string>& languages, size_t minimum) {
    std::vector<Option> out;
    if (!list.is_array()) {
      problem(where, "'options' must be a list");
      return out;
    }
    if (list.size() < minimum) {
      problem(where, "needs at least " + std::to_string(minimum) + " options");
    }
    if (list.size() > max_options) {
      problem(where, "has more than " + std::to_string(max_options) + " options");
      return out;
    }
    std::set<std::string> seen;
    for (const auto& o : list) {
      if (!o.is_object() || !o.contains("id") || !o["id"].is_string()) {
        problem(where, "every option needs an 'id' text");
        continue;
      }
      Option option;
      option.id = o["id"].get<std::string>();
      std::string option_where = where + ", option '" + option.id + "'";
      if (!text::is_identifier(option.id, option_id_chars)) {
        problem(option_where,
                "an option id uses lower-case letters, digits, '_', '-', '+' or '.' (at most 64)");
      }
      if (!seen.insert(option.id).second)
        problem(where, "option '" + option.id + "' appears twice");
      only_fields(o, {"id", "label"}, option_where);
      option.label = wording(o, "label", option_where, languages, true);
      out.push_back(std::move(option));
    }
    return out;
  }

  std::optional<int64_t> date(const json& obj, const char* field) {
    auto it = obj.find(field);
    if (it == obj.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) {
      problem("survey", std::string("'") + field + "' must be a date text");
      return std::nullopt;
    }
    auto t = clock::parse_date_or_timestamp(it->get<std::string>());
    if (!t) {
      problem("survey",
              std::string("'") + field + "' must be a date (2026-03-01) or an RFC 3339 timestamp");
    }
    return t;
  }

  static std::optional<double> number_field(const json& q, const char* field) {
    auto it = q.find(field);
    if (it == q.end() || !it->is_number()) return std::nullopt;
    return it->get<double>();
  }

  void question(const json& q, Question& out, const Questionnaire& survey,
                const std::set<std::string>& earlier, const std::string& where) {
    only_fields(q,
                {"id", "type", "required", "text", "help", "options", "show_if", "max_length",
                 "min", "max", "integer", "max_choices"},
                where);
    auto type_it = q.find("type");
    auto type = type_it != q.end() && type_it->is_string()
                    ? type_from_name(type_it->get<std::string>())
                    : std::nullopt;
    if (!type) {
      problem(where, "'type' must be one of choice, multi, scale, text, number");
      return;
    }
    out.type = *type;
    if (auto r = q.find("required"); r != q.end()) {
      if (r->is_boolean()) {
        out.required = r->get<bool>();
      } else {
        problem(where, "'required' must be true or false");
      }
    }
    out.text = wording(q, "text", where, survey.languages, true);
    out.help = wording(q, "help", where, survey.languages, false);

    auto options_it = q.find("options");
    if (out.has_options()) {
      if (options_it == q.end()) {
        problem(where, "a " + std::string(type_name(out.type)) + " question needs 'options'");
      } else if (options_it->is_string()) {
        if (*options_it != "areas") {
          problem(where, "'options' must be a list, or \"areas\" for the survey's areas");
        } else if (survey.areas.empty()) {
          problem(where, "'options' is \"areas\" but the survey has no 'areas'");
        } else {
          out.options_from_areas = true;
          out.options = survey.areas;
        }
      } else {
        out.options = options(*options_it, where, survey.languages, 2);
      }
    } else if (options_it != q.end()) {
      problem(where, "a " + std::string(type_name(out.type)) + " question takes no 'options'");
    }

    if (q.contains("max_length")) {
      if (out.type != QuestionType::text) {
        problem(where, "'max_length' is only for text questions");
      } else if (!q["max_length"].is_number_integer() || q["max_length"].get<int64_t>() < 1 ||
                 q["max_length"].get<int64_t>() > static_cast<int64_t>(max_text_answer)) {
        problem(where,
                "'max_length' must be a whole number from 1 to " + std::to_string(max_text_answer));
      } else {
        out.max_length = q["max_length"].get<size_t>();
      }
    }
    for (const char* f : {"min", "max", "integer"}) {
      if (q.contains(f) && out.type != QuestionType::number) {
        problem(where, std::string("'") + f + "' is only for number questions");
      }
    }
    if (out.type == QuestionType::number) {
      for (const char* f : {"min", "max"}) {
        if (q.contains(f) && !q[f].is_number())
          problem(where, std::string("'") + f + "' must be a number");
      }
      out.min = number_field(q, "min");
      out.max = number_field(q, "max");
      if (out.min && out.max && *out.min > *out.max) problem(where, "'min' is larger than 'max'");
      if (q.contains("integer")) {
        if (q["integer"].is_boolean()) {
          out.integer = q["integer"].get<bool>();
        } else {
          problem(where, "'integer' must be true or false");
        }
      }
    }
    if (q.contains("max_choices")) {
      if (out.type != QuestionType::multi) {
        problem(where, "'max_choices' is only for multi questions");
      } else if (!q["max_choices"].is_number_integer() || q["max_choices"].get<int64_t>() < 1 ||
                 q["max_choices"].get<int64_t>() > static_cast<int64_t>(out.options.size())) {
        problem(where, "'max_choices' must be a whole number from 1 to the number of options");
      } else {
        out.max_choices = q["max_choices"].get<size_t>();
      }
    }
    if (auto s = q.find("show_if"); s != q.end()) show_if(*s, out, survey, earlier, where);
  }

  void show_if(const json& s, Question& out, const Questionnaire& survey,
               const std::set<std::string>& earlier, const std::string& where) {
    if (!s.is_object() || !s.contains("question") || !s["question"].is_string()) {
      problem(where,
              "'show_if' must be {\"question\": id, \"equals\": option} or {\"question\": id, "
              "\"in\": [options]}");
      return;
    }
    only_fields(s, {"question", "equals", "in"}, where + ", show_if");
    ShowIf cond;
    cond.question = s["question"].get<std::string>();
    if (!earlier.count(cond.question)) {
      problem(where, "'show_if' refers to '" + cond.question +
                         "', which is not a question before this one");
      return;
    }
    const Question* target = survey.find_question(cond.question);
    if (!target || !target->has_options()) {
      problem(where, "'show_if' must refer to a choice, multi or scale question");
      return;
    }
    if (s.contains("equals") == s.contains("in")) {
      problem(where, "'show_if' needs exactly one of 'equals' and 'in'");
      return;
    }
    if (s.contains("equals")) {
      if (s["equals"].is_string()) cond.any_of.push_back(s["equals"].get<std::string>());
    } else if (s["in"].is_array()) {
      for (const auto& v : s["in"]) {
        if (v.is_string()) cond.any_of.push_back(v.get<std::string>());
      }
    }
    if (cond.any_of.empty()) {
      problem(where, "'show_if' names no option");
      return;
    }
    for (const auto& v : cond.any_of) {
      if (!target->find_option(v)) {
        problem(where, "'show_if' names option '" + v + "', which question '" + cond.question +
                           "' does not have");
      }
    }
    out.show_if = std::move(cond);
  }
};

json wording_json(const LocalizedText& t) {
  json out = json::object();
  for (const auto& [lang, text] : t) out[lang] = text;
  return out;
}

json options_json(const std::vector<Option>& options) {
  json out = json::array();
  for (const auto& o : options) out.push_back({{"id", o.id}, {"label", wording_json(o.label)}});
  return out;
}

}  // namespace

namespace {

std::vector<Invalid::Problem> as_problems(const std::vector<std::string>& messages) {
  std::vector<Invalid::Problem> out;
  for (const auto& m : messages) out.emplace_back("definition", m);
  return out;
}

}  // namespace

DefinitionError::DefinitionError(std::vector<std::string> problems)
    : Invalid("the questionnaire definition breaks " + std::to_string(problems.size()) +
                  (problems.size() == 1 ? " rule: " : " rules: ") + text::join(problems, "; "),
              "definition", as_problems(problems)),
      problems_(std::move(problems)) {}

bool is_record_field(std::string_view name) {
  for (std::string_view f :
       {"id", "survey", "lang", "channel", "session", "submitted_at", "answers"}) {
    if (f == name) return true;
  }
  return false;
}

Questionnaire parse_definition(const json& d) {
  Checker c;
  Questionnaire q;
  if (!d.is_object()) throw DefinitionError({"a questionnaire definition must be a JSON object"});
  c.only_fields(d,
                {"format", "id", "template", "title", "intro", "languages", "areas", "opens_at",
                 "closes_at", "requires_code", "pages", "_comment"},
                "survey");
  if (d.contains("format") && d["format"] != 1) c.problem("survey", "'format' must be 1");
  if (d.contains("id") && d["id"].is_string()) q.id = d["id"].get<std::string>();
  if (!is_survey_id(q.id)) c.problem("survey", "'id' must be " + std::string(survey_id_rule));
  if (d.contains("template")) {
    if (d["template"].is_string()) {
      q.template_id = d["template"].get<std::string>();
    } else {
      c.problem("survey", "'template' must be a text");
    }
  }
  if (auto it = d.find("languages"); it != d.end() && it->is_array() && !it->empty()) {
    for (const auto& l : *it) {
      std::string code = l.is_string() ? l.get<std::string>() : std::string();
      if (!is_language_code(code)) {
        c.problem("survey", "'languages' must hold two-letter ISO 639-1 codes such as \"sv\"");
      } else if (q.supports(code)) {
        c.problem("survey", "language '" + code + "' is listed twice");
      } else {
        q.languages.push_back(code);
      }
    }
  } else {
    c.problem("survey", "'languages' must be a non-empty list, default language first");
  }
  if (q.languages.empty()) throw DefinitionError(c.problems);

  q.title = c.wording(d, "title", "survey", q.languages, true);
  q.intro = c.wording(d, "intro", "survey", q.languages, false);
  q.opens_at = c.date(d, "opens_at");
  q.closes_at = c.date(d, "closes_at");
  if (q.opens_at && q.closes_at && *q.opens_at >= *q.closes_at) {
    c.problem("survey", "'opens_at' must be before 'closes_at'");
  }
  if (d.contains("requires_code")) {
    if (d["requires_code"].is_boolean()) {
      q.requires_code = d["requires_code"].get<bool>();
    } else {
      c.problem("survey", "'requires_code' must be true or false");
    }
  }
  if (d.contains("areas")) q.areas = c.options(d["areas"], "survey areas", q.languages, 1);

  auto pages = d.find("pages");
  if (pages == d.end() || !pages->is_array() || pages->empty()) {
    c.problem("survey", "'pages' must be a non-empty list");
    throw DefinitionError(c.problems);
  }
  if (pages->size() > max_pages)
    c.problem("survey", "more than " + std::to_string(max_pages) + " pages");
  std::set<std::string> page_ids, question_ids;
  size_t question_count = 0;
  for (size_t pi = 0; pi < pages->size() && pi < max_pages; ++pi) {
    const json& p = (*pages)[pi];
    Page page;
    std::string where = "page " + std::to_string(pi + 1);
    if (!p.is_object()) {
      c.problem(where, "must be an object");
      continue;
    }
    if (p.contains("id") && p["id"].is_string()) page.id = p["id"].get<std::string>();
    if (!text::is_identifier(page.id, "_-")) {
      c.problem(where, "'id' must be 1 to 64 lower-case letters, digits, '-' or '_'");
    } else {
      where = "page '" + page.id + "'";
      if (!page_ids.insert(page.id).second) c.problem(where, "page id appears twice");
    }
    c.only_fields(p, {"id", "title", "intro", "questions"}, where);
    page.title = c.wording(p, "title", where, q.languages, false);
    page.intro = c.wording(p, "intro", where, q.languages, false);
    auto qs = p.find("questions");
    if (qs == p.end() || !qs->is_array() || qs->empty()) {
      c.problem(where, "'questions' must be a non-empty list");
      continue;
    }
    q.pages.push_back(std::move(page));
    for (const auto& jq : *qs) {
      if (++question_count > max_questions) {
        c.problem("survey", "more than " + std::to_string(max_questions) + " questions");
        break;
      }
      Question question;
      std::string qwhere =
          where + ", question " + std::to_string(q.pages.back().questions.size() + 1);
      if (!jq.is_object() || !jq.contains("id") || !jq["id"].is_string()) {
        c.problem(qwhere, "needs an 'id' text");
        continue;
      }
      question.id = jq["id"].get<std::string>();
      qwhere = "question '" + question.id + "'";
      if (!text::is_identifier(question.id, "_") || question.id[0] < 'a' || question.id[0] > 'z') {
        c.problem(qwhere,
                  "an id starts with a lower-case letter and uses lower-case letters, digits and "
                  "'_' (at most 64)");
      }
      if (is_record_field(question.id)) {
        c.problem(qwhere, "the id is reserved for a field of the response record");
      }
      if (question_ids.count(question.id)) {
        c.problem(qwhere, "the id appears twice");
        continue;
      }
      q.build_index();
      c.question(jq, question, q, question_ids, qwhere);
      question_ids.insert(question.id);
      q.pages.back().questions.push_back(std::move(question));
    }
  }
  if (!c.problems.empty()) throw DefinitionError(c.problems);
  q.build_index();
  return q;
}

json to_json(const Questionnaire& q) {
  json d = json::object();
  d["format"] = 1;
  d["id"] = q.id;
  if (!q.template_id.empty()) d["template"] = q.template_id;
  d["languages"] = q.languages;
  d["title"] = wording_json(q.title);
  if (!q.intro.empty()) d["intro"] = wording_json(q.intro);
  if (q.opens_at) d["opens_at"] = clock::format_rfc3339(*q.opens_at);
  if (q.closes_at) d["closes_at"] = clock::format_rfc3339(*q.closes_at);
  d["requires_code"] = q.requires_code;
  if (!q.areas.empty()) d["areas"] = options_json(q.areas);
  d["pages"] = json::array();
  for (const auto& p : q.pages) {
    json jp = {{"id", p.id}};
    if (!p.title.empty()) jp["title"] = wording_json(p.title);
    if (!p.intro.empty()) jp["intro"] = wording_json(p.intro);
    jp["questions"] = json::array();
    for (const auto& question : p.questions) {
      json jq = {{"id", question.id}, {"type", type_name(question.type)}};
      if (question.required) jq["required"] = true;
      jq["text"] = wording_json(question.text);
      if (!question.help.empty()) jq["help"] = wording_json(question.help);
      if (question.options_from_areas) {
        jq["options"] = "areas";
      } else if (question.has_options()) {
        jq["options"] = options_json(question.options);
      }
      if (question.type == QuestionType::text) jq["max_length"] = question.max_length;
      if (question.min) jq["min"] = *question.min;
      if (question.max) jq["max"] = *question.max;
      if (question.integer) jq["integer"] = true;
      if (question.max_choices) jq["max_choices"] = *question.max_choices;
      if (question.show_if) {
        jq["show_if"] = {{"question", question.show_if->question},
                         {"in", question.show_if->any_of}};
      }
      jp["questions"].push_back(std::move(jq));
    }
    d["pages"].push_back(std::move(jp));
  }
  return d;
}

}  // namespace lyssna::questionnaire
