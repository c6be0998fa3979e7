// CSV form of response records (see record_csv.hpp).
#include "collector/interchange/record_csv.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <set>

#include "collector/interchange/csv.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace lyssna::interchange {
namespace {

using nlohmann::json;
using questionnaire::QuestionType;

constexpr const char* record_fields[] = {"id",      "survey",  "lang",
                                         "channel", "session", "submitted_at"};

std::string answer_to_cell(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string out;
    for (const auto& item : v) {
      if (!out.empty()) out.push_back(';');
      out += item.is_string() ? item.get<std::string>() : item.dump();
    }
    return out;
  }
  return v.dump();  // numbers keep JSON's shortest exact form
}

// A number cell: an integer when it has no fraction or exponent, so that an
// integer answer survives CSV unchanged.
std::optional<json> parse_number(std::string_view cell) {
  std::string s = text::trim(cell);
  if (s.empty()) return std::nullopt;
  bool integral = s.find_first_of(".eE") == std::string::npos;
  errno = 0;
  char* end = nullptr;
  if (integral) {
    long long v = std::strtoll(s.c_str(), &end, 10);
    if (errno == 0 && end == s.c_str() + s.size()) return json(v);
  }
  double d = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(d) || s.find_first_of("xXnNiI") != s.npos) {
    return std::nullopt;
  }
  return json(d);
}

json cell_to_answer(const questionnaire::Question& q, std::string_view cell) {
  switch (q.type) {
    case QuestionType::multi: {
      json list = json::array();
      for (const auto& part : text::split(cell, ';')) {
        std::string item = text::trim(part);
        if (!item.empty()) list.push_back(item);
      }
      return list;
    }
    case QuestionType::number: {
      auto n = parse_number(cell);
      if (!n) throw BadInput("'" + std::string(cell) + "' is not a number", "answers." + q.id);
      return *n;
    }
    case QuestionType::text:
      return std::string(cell);
    default:
      return text::trim(cell);
  }
}

}  // namespace

std::vector<std::string> csv_header(const questionnaire::Questionnaire& q) {
  std::vector<std::string> h(std::begin(record_fields), std::end(record_fields));
  for (const auto* question : q.questions()) h.push_back(question->id);
  return h;
}

std::vector<std::string> record_to_csv(const Record& r, const questionnaire::Questionnaire& q) {
  std::vector<std::string> row = {
      r.id, r.survey, r.lang, r.channel, r.session.value_or(""), r.submitted_at};
  for (const auto* question : q.questions()) {
    auto it = r.answers.find(question->id);
    row.push_back(it == r.answers.end() ? std::string() : answer_to_cell(*it));
  }
  return row;
}

CsvRecordReader::CsvRecordReader(const std::vector<std::string>& header, SurveyLookup find_survey)
    : header_(header), find_survey_(std::move(find_survey)) {
  std::set<std::string> seen;
  for (size_t i = 0; i < header_.size(); ++i) {
    header_[i] = text::trim(spreadsheet_restore(header_[i]));
    if (!seen.insert(header_[i]).second) {
      throw BadInput("the header names column '" + header_[i] + "' twice", header_[i]);
    }
    for (const char* f : record_fields) {
      if (header_[i] == f) record_columns_[f] = i;
    }
  }
  for (const char* f : record_fields) {
    if (std::string(f) != "session" && !record_columns_.count(f)) {
      throw BadInput(
          std::string("the header has no '") + f +
              "' column (expected id,survey,lang,channel,session,submitted_at, then question ids)",
          f);
    }
  }
}

Record CsvRecordReader::read(const std::vector<std::string>& row) const {
  if (row.size() != header_.size()) {
    throw BadInput("the row has " + std::to_string(row.size()) + " fields but the header has " +
                   std::to_string(header_.size()));
  }
  json j = json::object();
  // Every cell written by an export carries the spreadsheet guard (csv.hpp):
  // one leading "'" is taken off before the cell means anything.
  for (const auto& [name, index] : record_columns_) {
    const std::string_view cell = spreadsheet_restore(row[index]);
    if (!text::is_valid_utf8(cell)) throw BadInput("the cell is not valid UTF-8", name);
    if (name == "session" && cell.empty()) {
      j[name] = nullptr;
    } else {
      j[name] = std::string(cell);
    }
  }
  const std::string survey = j["survey"].get<std::string>();
  const questionnaire::Questionnaire* q = find_survey_(survey);
  if (!q) throw BadInput("survey '" + survey + "' does not exist in this database", "survey");
  json answers = json::object();
  for (size_t i = 0; i < header_.size(); ++i) {
    const std::string_view cell = spreadsheet_restore(row[i]);
    if (record_columns_.count(header_[i]) || cell.empty()) continue;
    if (!text::is_valid_utf8(cell))
      throw BadInput("the cell is not valid UTF-8", "answers." + header_[i]);
    const auto* question = q->find_question(header_[i]);
    if (!question) {
      throw BadInput("column '" + header_[i] + "' is not a question of survey '" + survey + "'",
                     "answers." + header_[i]);
    }
    answers[header_[i]] = cell_to_answer(*question, cell);
  }
  j["answers"] = std::move(answers);
  return record_from_json(j);
}

}  // namespace lyssna::interchange
