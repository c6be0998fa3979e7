// What the promise's files share (see promise_rows.hpp).
#include "app/promise_rows.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>

#include "util/errors.hpp"
#include "util/text.hpp"

namespace lyssna::app::promise_rows {
namespace {
constexpr std::array<std::string_view, 6> promise_languages = {"sv", "en", "ar", "so", "fi", "fa"};
}  // namespace

Texts checked_texts(const Texts& in, const std::string& field, size_t limit, bool required) {
  Texts out;
  for (const auto& [lang, raw] : in) {
    const std::string key = field + "." + lang;
    if (std::find(promise_languages.begin(), promise_languages.end(), lang) ==
        promise_languages.end()) {
      throw Invalid("'" + lang + "' is not one of the public languages", key);
    }
    if (!text::is_valid_utf8(raw)) throw Invalid("the text is not valid UTF-8", key);
    std::string t = text::trim(raw);
    if (t.size() > limit) {
      throw Invalid("the text is longer than " + std::to_string(limit) + " bytes", key);
    }
    if (!t.empty()) out.emplace(lang, std::move(t));
  }
  if (required && !out.count("sv")) throw Invalid("a Swedish text is required", field);
  return out;
}

std::string texts_json(const Texts& t) {
  return nlohmann::json(t).dump();
}

Texts texts_of(const std::string& json) {
  return nlohmann::json::parse(json).get<Texts>();
}

namespace {
nlohmann::json optional_number(const std::optional<double>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}
std::optional<double> number_of(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  if (it != j.end() && it->is_number()) return it->get<double>();
  return std::nullopt;
}
}  // namespace

nlohmann::json evaluated_indicator_json(const EvaluatedIndicator& i) {
  return {{"indicator", i.indicator_id},
          {"area", i.area},
          {"earlier_survey", i.earlier_survey},
          {"later_survey", i.later_survey},
          {"earlier", optional_number(i.earlier)},
          {"later", optional_number(i.later)},
          {"earlier_n", i.earlier_n},
          {"later_n", i.later_n},
          {"difference", optional_number(i.difference)},
          {"p_value", optional_number(i.p_value)},
          {"significant", i.significant},
          {"verdict", i.verdict}};
}

std::string indicators_json(const std::vector<EvaluatedIndicator>& indicators) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& i : indicators) out.push_back(evaluated_indicator_json(i));
  return out.dump();
}

FocusEvaluation evaluation_of(const storage::EvaluationRow& row) {
  FocusEvaluation e;
  e.later_survey = row.later_survey;
  e.conclusions = texts_of(row.conclusions);
  e.evaluated_at = row.evaluated_at;
  e.evaluated_by = row.evaluated_by;
  for (const auto& j : nlohmann::json::parse(row.indicators)) {
    EvaluatedIndicator i;
    i.indicator_id = j.value("indicator", "");
    i.area = j.value("area", "");
    i.earlier_survey = j.value("earlier_survey", "");
    i.later_survey = j.value("later_survey", "");
    i.earlier = number_of(j, "earlier");
    i.later = number_of(j, "later");
    i.earlier_n = j.value("earlier_n", int64_t{0});
    i.later_n = j.value("later_n", int64_t{0});
    i.difference = number_of(j, "difference");
    i.p_value = number_of(j, "p_value");
    i.significant = j.value("significant", false);
    i.verdict = j.value("verdict", "");
    e.indicators.push_back(std::move(i));
  }
  return e;
}

std::string promise_target(int64_t id) {
  return "promise/" + std::to_string(id);
}

storage::PromiseRow require_promise_row(storage::Database& db, int64_t id) {
  auto row = storage::load_promise(db, id);
  if (!row) throw NotFound("no promise " + std::to_string(id), "promise");
  return *row;
}

std::pair<storage::FocusAreaRow, storage::PromiseRow> require_focus_area(storage::Database& db,
                                                                         int64_t id) {
  auto fa = storage::focus_area(db, id);
  if (!fa) throw NotFound("no focus area " + std::to_string(id), "focus_area");
  return {*fa, require_promise_row(db, fa->promise)};
}

}  // namespace lyssna::app::promise_rows
