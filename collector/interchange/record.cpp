// Contract rules of the response record (see record.hpp).
#include "collector/interchange/record.hpp"

#include "collector/questionnaire/survey_id.hpp"
#include "collector/storage/compact_json.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace lyssna::interchange {
namespace {

using nlohmann::json;

const std::string& required_string(const json& j, const char* field) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) {
    throw BadInput(std::string("field '") + field + "' is required", field);
  }
  if (!it->is_string())
    throw BadInput(std::string("field '") + field + "' must be a string", field);
  return it->get_ref<const std::string&>();
}

}  // namespace

bool Record::operator==(const Record& o) const {
  return id == o.id && survey == o.survey && lang == o.lang && channel == o.channel &&
         session == o.session && submitted_at == o.submitted_at && answers == o.answers;
}

bool is_valid_record_id(std::string_view id) {
  if (id.empty() || id.size() > max_id_length) return false;
  // Stricter than the contract's "printable ASCII", as its issue allows: a
  // spreadsheet would take such an id for a formula (docs/csv.md).
  if (id.front() == '=' || id.front() == '+' || id.front() == '-' || id.front() == '@')
    return false;
  for (char c : id) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

bool is_valid_channel(std::string_view c) {
  return c == "online" || c == "dialogue" || c == "kiosk" || c == "paper";
}

Record record_from_json(const json& j) {
  json copy = j;
  return record_from_json(std::move(copy));
}

Record record_from_json(json&& j) {
  if (!j.is_object()) throw BadInput("a record must be a JSON object");
  for (const auto& [key, value] : j.items()) {
    if (key != "id" && key != "survey" && key != "lang" && key != "channel" && key != "session" &&
        key != "submitted_at" && key != "answers") {
      throw BadInput("unknown field '" + key + "'", key);
    }
  }
  Record r;
  r.id = required_string(j, "id");
  if (!is_valid_record_id(r.id)) {
    throw BadInput(std::string("field 'id' must be ") + id_rule, "id");
  }
  r.survey = required_string(j, "survey");
  if (!questionnaire::is_survey_id(r.survey)) {
    throw BadInput(
        "field 'survey' must be a survey id: " + std::string(questionnaire::survey_id_rule),
        "survey");
  }
  r.lang = required_string(j, "lang");
  if (r.lang.size() != 2 || !text::is_identifier(r.lang, "")) {
    throw BadInput("field 'lang' must be a two-letter ISO 639-1 code such as \"sv\"", "lang");
  }
  r.channel = required_string(j, "channel");
  if (!is_valid_channel(r.channel)) {
    throw BadInput("field 'channel' must be online, dialogue, kiosk or paper", "channel");
  }
  if (auto it = j.find("session"); it != j.end() && !it->is_null()) {
    if (!it->is_string() || !is_valid_record_id(it->get_ref<const std::string&>())) {
      throw BadInput(std::string("field 'session' must be null or ") + id_rule, "session");
    }
    r.session = it->get<std::string>();
  }
  if (r.session && (r.channel == "online" || r.channel == "paper")) {
    throw BadInput("field 'session' must be null for channel '" + r.channel + "'", "session");
  }
  if (!r.session && (r.channel == "dialogue" || r.channel == "kiosk")) {
    throw BadInput("field 'session' is required for channel '" + r.channel + "'", "session");
  }
  r.submitted_at = required_string(j, "submitted_at");
  auto epoch = clock::parse_rfc3339(r.submitted_at);
  if (!epoch) {
    throw BadInput(
        "field 'submitted_at' must be an RFC 3339 timestamp such as 2026-03-04T18:22:05Z",
        "submitted_at");
  }
  r.submitted_epoch = *epoch;
  auto answers = j.find("answers");
  if (answers == j.end() || answers->is_null()) {
    r.answers = json::object();
  } else if (!answers->is_object()) {
    throw BadInput("field 'answers' must be an object of question id to value", "answers");
  } else {
    r.answers = std::move(*answers);
  }
  return r;
}

std::string record_to_jsonl(const Record& r) {
  nlohmann::ordered_json j;
  j["id"] = r.id;
  j["survey"] = r.survey;
  j["lang"] = r.lang;
  j["channel"] = r.channel;
  j["session"] = r.session ? nlohmann::ordered_json(*r.session) : nlohmann::ordered_json(nullptr);
  j["submitted_at"] = r.submitted_at;
  j["answers"] = r.answers;
  return j.dump(-1, ' ', false, json::error_handler_t::strict);
}

std::string record_to_jsonl(const StoredRecordText& r) {
  std::string out;
  out.reserve(r.answers_json.size() + r.id.size() + r.survey.size() + 128);
  auto field = [&](const char* name, std::string_view value) {
    out += name;
    storage::append_json_string(value, out);
  };
  field("{\"id\":", r.id);
  field(",\"survey\":", r.survey);
  field(",\"lang\":", r.lang);
  field(",\"channel\":", r.channel);
  if (r.session) {
    field(",\"session\":", *r.session);
  } else {
    out += ",\"session\":null";
  }
  field(",\"submitted_at\":", r.submitted_at);
  out += ",\"answers\":";
  out += r.answers_json;
  out.push_back('}');
  return out;
}

}  // namespace lyssna::interchange
