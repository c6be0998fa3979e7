// The statistics variables of a survey (see answer_variables.hpp).
#include "app/answer_variables.hpp"

#include "render/catalog.hpp"

namespace lyssna::app {
namespace {

using questionnaire::QuestionType;

std::string words(const std::string& lang, const std::string& key) {
  return render::Catalogs::get().text(lang, key);
}

}  // namespace

std::vector<AnswerVariable> answer_variables(const questionnaire::Questionnaire& q,
                                             const std::string& lang) {
  std::vector<AnswerVariable> out;
  for (const char* field : {"id", "lang", "channel", "session", "submitted_at"}) {
    AnswerVariable v;
    v.kind = AnswerVariable::Kind::field;
    v.name = v.field = field;
    v.label = words(lang, std::string("ws.exports.variable.") + field);
    out.push_back(std::move(v));
  }
  const std::string& fallback = q.default_language();
  const std::vector<std::pair<int32_t, std::string>> chosen = {
      {0, words(lang, "ws.exports.not_chosen")}, {1, words(lang, "ws.exports.chosen")}};
  for (size_t i = 0; i < q.question_count(); ++i) {
    const auto& question = q.question_at(i);
    const std::string text = questionnaire::localized(question.text, lang, fallback);
    AnswerVariable v;
    v.question = &question;
    v.name = question.id;
    v.label = text;
    switch (question.type) {
      case QuestionType::choice:
      case QuestionType::scale:
        v.kind = AnswerVariable::Kind::code;
        for (size_t o = 0; o < question.options.size(); ++o) {
          const auto& option = question.options[o];
          std::string label = questionnaire::localized(option.label, lang, fallback);
          v.value_labels.emplace_back(static_cast<int32_t>(o + 1),
                                      label.empty() ? option.id : label);
        }
        out.push_back(std::move(v));
        break;
      case QuestionType::multi:
        for (const auto& option : question.options) {
          AnswerVariable d;
          d.kind = AnswerVariable::Kind::dummy;
          d.question = &question;
          d.option = option.id;
          d.name = question.id + "_" + option.id;
          std::string label = questionnaire::localized(option.label, lang, fallback);
          d.label = text + ": " + (label.empty() ? option.id : label);
          d.value_labels = chosen;
          out.push_back(std::move(d));
        }
        break;
      case QuestionType::number:
        v.kind = AnswerVariable::Kind::number;
        out.push_back(std::move(v));
        break;
      case QuestionType::text:
        v.kind = AnswerVariable::Kind::text;
        out.push_back(std::move(v));
        break;
    }
  }
  return out;
}

AnswerValue answer_value(const AnswerVariable& v, const interchange::Record& r, bool* unknown) {
  AnswerValue out;
  if (v.kind == AnswerVariable::Kind::field) {
    if (v.field == "id")
      out.text = r.id;
    else if (v.field == "lang")
      out.text = r.lang;
    else if (v.field == "channel")
      out.text = r.channel;
    else if (v.field == "session")
      out.text = r.session;
    else
      out.text = r.submitted_at;
    return out;
  }
  const auto it = r.answers.find(v.question->id);
  if (it == r.answers.end() || it->is_null()) return out;
  const auto& answer = *it;
  auto refuse = [&] {
    if (unknown) *unknown = true;
    return AnswerValue{};
  };
  switch (v.kind) {
    case AnswerVariable::Kind::code: {
      if (!answer.is_string()) return refuse();
      const auto& id = answer.get_ref<const std::string&>();
      const auto& options = v.question->options;
      for (size_t o = 0; o < options.size(); ++o) {
        if (options[o].id == id) {
          out.number = static_cast<double>(o + 1);
          return out;
        }
      }
      return refuse();
    }
    case AnswerVariable::Kind::dummy: {
      if (!answer.is_array()) return refuse();
      out.number = 0;
      for (const auto& item : answer) {
        if (item.is_string() && item.get_ref<const std::string&>() == v.option) out.number = 1;
      }
      return out;
    }
    case AnswerVariable::Kind::number:
      if (!answer.is_number()) return refuse();
      out.number = answer.get<double>();
      return out;
    default:
      if (!answer.is_string()) return refuse();
      out.text = answer.get<std::string>();
      return out;
  }
}

}  // namespace lyssna::app
