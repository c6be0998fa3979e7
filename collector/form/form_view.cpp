// Template data for the resident's pages (see form_view.hpp).
#include "collector/form/form_view.hpp"

#include <cmath>

#include "assets/assets.hpp"
#include "collector/form/form_flow.hpp"
#include "render/catalog.hpp"

namespace lyssna::form {
namespace {

using nlohmann::json;
using questionnaire::localized;
using questionnaire::Question;
using questionnaire::QuestionType;

std::string asset_url(const std::string& name) {
  auto a = assets::require("web/static/" + name);
  return "/static/" + a.hash + "/" + name;
}

std::string number_text(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  return json(v).dump();
}

std::string value_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return number_text(v.get<double>());
  return {};
}

void add_hidden(json& hidden, const std::string& name, const std::string& value) {
  hidden.push_back({{"name", name}, {"value", value}});
}

json question_view(const questionnaire::Questionnaire& q, const Question& question,
                   const std::string& lang, const FormAnswers& input, const std::string* error) {
  const std::string& fallback = q.default_language();
  const std::string anchor = "q-" + question.id;
  json v = {{"id", question.id},
            {"name", question.id},  // options have an "id" of their own
            {"anchor", anchor},
            {"text", localized(question.text, lang, fallback)},
            {"required", question.required}};
  if (!question.help.empty()) v["help"] = localized(question.help, lang, fallback);
  std::string described;
  if (!question.help.empty()) described += anchor + "-help";
  if (error) {
    v["error"] = *error;
    described += (described.empty() ? "" : " ") + anchor + "-error";
  }
  if (!described.empty()) v["describedby"] = described;

  const json* answer = input.answers.contains(question.id) ? &input.answers[question.id] : nullptr;
  auto raw = input.raw.find(question.id);
  switch (question.type) {
    case QuestionType::choice:
    case QuestionType::scale:
    case QuestionType::multi: {
      v["is_choice"] = question.type == QuestionType::choice;
      v["is_scale"] = question.type == QuestionType::scale;
      v["is_multi"] = question.type == QuestionType::multi;
      v["input_type"] = question.type == QuestionType::multi ? "checkbox" : "radio";
      json options = json::array();
      for (size_t i = 0; i < question.options.size(); ++i) {
        const auto& o = question.options[i];
        bool checked = false;
        if (answer && answer->is_string()) checked = *answer == o.id;
        if (answer && answer->is_array()) {
          checked = std::find(answer->begin(), answer->end(), o.id) != answer->end();
        }
        options.push_back({{"id", o.id},
                           {"label", localized(o.label, lang, fallback)},
                           {"input_id", anchor + "-" + std::to_string(i)},
                           {"checked", checked}});
      }
      v["options"] = std::move(options);
      if (question.type == QuestionType::multi) {
        v["hint"] = render::Catalogs::get().text(lang, "form.choose_any");
      }
      // Long option lists (areas, scales of five) read better stacked.
      v["stacked"] = question.type != QuestionType::scale || question.options.size() > 5;
      break;
    }
    case QuestionType::text:
      v["is_text"] = true;
      v["value"] = raw != input.raw.end() ? raw->second : answer ? value_text(*answer) : "";
      v["max_length"] = question.max_length;
      v["hint"] = render::Catalogs::get().text(lang, "form.max_chars",
                                               {{"max", std::to_string(question.max_length)}});
      v["rows"] = question.max_length > 400 ? 6 : 3;
      break;
    case QuestionType::number:
      v["is_number"] = true;
      v["value"] = raw != input.raw.end() ? raw->second : answer ? value_text(*answer) : "";
      v["inputmode"] = question.integer ? "numeric" : "decimal";
      if (question.min && question.max) {
        v["hint"] = render::Catalogs::get().text(
            lang, "form.number_range",
            {{"min", number_text(*question.min)}, {"max", number_text(*question.max)}});
      }
      break;
  }
  if (question.show_if) {
    std::string values;
    for (const auto& s : question.show_if->any_of) values += (values.empty() ? "" : " ") + s;
    v["show_if"] = {{"question", question.show_if->question}, {"values", values}};
  }
  return v;
}

}  // namespace

std::string problem_message(const std::string& lang, const questionnaire::AnswerProblem& p) {
  const auto& catalogs = render::Catalogs::get();
  std::string key = "error." + p.code;
  std::string text = catalogs.text(lang, key, p.params);
  if (text == key) text = catalogs.text(lang, "error.invalid_option");
  return text;
}

json base_view(const std::string& lang, const std::string& title) {
  const auto& catalogs = render::Catalogs::get();
  return {{"lang", lang},
          {"dir", render::is_rtl(lang) ? "rtl" : "ltr"},
          {"title", title},
          {"t", catalogs.for_template(catalogs.has(lang) ? lang : "en")},
          {"css", asset_url("lyssna.css")},
          {"js", asset_url("lyssna.js")}};
}

json language_switcher(const questionnaire::Questionnaire& q, const std::string& lang,
                       bool as_buttons) {
  const auto& catalogs = render::Catalogs::get();
  json out = json::array();
  for (const auto& l : q.languages) {
    out.push_back({{"code", l},
                   {"name", catalogs.has(l) ? catalogs.text(l, "lang.name") : l},
                   {"dir", render::is_rtl(l) ? "rtl" : "ltr"},
                   {"current", l == lang},
                   {"href", "/s/" + q.id + "?lang=" + l}});
  }
  return {{"as_buttons", as_buttons}, {"languages", out}};
}

json page_view(const questionnaire::Questionnaire& q, int page, const Carry& carry,
               const FormAnswers& input,
               const std::vector<questionnaire::AnswerProblem>& problems) {
  const std::string& lang = carry.lang;
  const std::string& fallback = q.default_language();
  const auto& p = q.pages[static_cast<size_t>(page)];
  const std::string title = localized(q.title, lang, fallback);
  json v = base_view(lang, title);
  v["survey_id"] = q.id;
  v["action"] = "/s/" + q.id;
  v["switcher"] = language_switcher(q, lang, true);

  // Progress counts only pages the resident will see.
  int total = 0, current = 0;
  for (int i = 0; i < static_cast<int>(q.pages.size()); ++i) {
    if (!page_is_visible(q.pages[static_cast<size_t>(i)], input.answers) && i != page) continue;
    ++total;
    if (i <= page) current = total;
  }
  if (total > 1) {
    v["progress"] = {{"current", current},
                     {"total", total},
                     {"label", render::Catalogs::get().text(lang, "form.progress",
                                                            {{"current", std::to_string(current)},
                                                             {"total", std::to_string(total)}})}};
  }
  if (current == 1 && !q.intro.empty()) v["intro"] = localized(q.intro, lang, fallback);
  if (!p.title.empty()) v["page_title"] = localized(p.title, lang, fallback);
  if (!p.intro.empty()) v["page_intro"] = localized(p.intro, lang, fallback);

  std::map<std::string, std::string> messages;
  json errors = json::array();
  for (const auto& problem : problems) {
    std::string message = problem_message(lang, problem);
    messages[problem.question] = message;
    const Question* question = q.find_question(problem.question);
    errors.push_back(
        {{"anchor", "q-" + problem.question},
         {"label", question ? localized(question->text, lang, fallback) : problem.question},
         {"message", message}});
  }
  if (!errors.empty()) v["error_summary"] = {{"items", std::move(errors)}};

  json questions = json::array();
  for (const auto& question : p.questions) {
    if (!questionnaire::is_shown(question, input.answers)) {
      // Asked only after an answer on this same page: render it for the
      // script to reveal; one depending on another page stays out.
      if (!question.show_if || q.page_of(question.show_if->question) != page) continue;
    }
    auto m = messages.find(question.id);
    questions.push_back(
        question_view(q, question, lang, input, m == messages.end() ? nullptr : &m->second));
  }
  v["questions"] = std::move(questions);

  json hidden = json::array();
  add_hidden(hidden, "_rid", carry.record_id);
  add_hidden(hidden, "_lang", carry.lang);
  add_hidden(hidden, "_page", std::to_string(page));
  if (!carry.code.empty()) add_hidden(hidden, "_code", carry.code);
  for (const auto* question : q.questions()) {
    if (q.page_of(question->id) == page) continue;
    if (auto raw = input.raw.find(question->id); raw != input.raw.end()) {
      add_hidden(hidden, question->id, raw->second);
      continue;
    }
    auto it = input.answers.find(question->id);
    if (it == input.answers.end()) continue;
    if (it->is_array()) {
      for (const auto& item : *it) add_hidden(hidden, question->id, value_text(item));
    } else {
      add_hidden(hidden, question->id, value_text(*it));
    }
  }
  v["hidden"] = std::move(hidden);
  v["is_first"] = previous_visible_page(q, page, input.answers) < 0;
  v["is_last"] = is_last_visible_page(q, page, input.answers);
  return v;
}

json code_view(const questionnaire::Questionnaire& q, const std::string& lang,
               const std::string& typed, const std::string& error_key) {
  json v = base_view(lang, localized(q.title, lang, q.default_language()));
  v["survey_id"] = q.id;
  v["action"] = "/s/" + q.id;
  v["switcher"] = language_switcher(q, lang, false);
  v["code_value"] = typed;
  v["hidden"] =
      json::array({{{"name", "_lang"}, {"value", lang}}, {{"name", "_action"}, {"value", "code"}}});
  if (!error_key.empty()) v["error"] = render::Catalogs::get().text(lang, error_key);
  return v;
}

json message_view(const std::string& lang, const std::string& title_key,
                  const std::string& body_key, const std::map<std::string, std::string>& params,
                  const std::string& back_href) {
  const auto& catalogs = render::Catalogs::get();
  json v = base_view(lang, catalogs.text(lang, title_key));
  v["heading"] = catalogs.text(lang, title_key, params);
  v["body"] = catalogs.text(lang, body_key, params);
  if (!back_href.empty()) v["back_href"] = back_href;
  return v;
}

}  // namespace lyssna::form
