// The response record of the interchange contract (interchange.md section 1):
// its structural rules, and its JSON form. Answers are checked against the
// questionnaire separately (questionnaire/answers.hpp).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace lyssna::interchange {

struct Record {
  std::string id;
  std::string survey;
  std::string lang;
  std::string channel;
  std::optional<std::string> session;
  std::string submitted_at;  // RFC 3339, as given
  int64_t submitted_epoch = 0;
  nlohmann::json answers = nlohmann::json::object();

  bool operator==(const Record& other) const;
};

inline constexpr size_t max_id_length = 128;

// Record and session ids: 1 to 128 printable ASCII characters, the first
// not one of = + - @ (which a spreadsheet would run as a formula).
inline constexpr const char* id_rule =
    "1 to 128 printable ASCII characters, not beginning with =, +, - or @";
bool is_valid_record_id(std::string_view id);
bool is_valid_channel(std::string_view channel);

// Reads a record from its contract JSON. Throws BadInput naming the field
// ("id", "submitted_at", ...) for a broken structural rule. Answers are taken
// as they are; check them with questionnaire::check_answers.
Record record_from_json(const nlohmann::json& j);
// The same, moving the answers out of `j` instead of copying them.
Record record_from_json(nlohmann::json&& j);
// The record as one JSON Lines line (no newline), fields in contract order.
std::string record_to_jsonl(const Record& r);

// A stored record as the database holds it: its answers still the compact
// JSON text they were stored as (storage/compact_json.hpp, keys in order).
struct StoredRecordText {
  std::string_view id, survey, lang, channel;
  std::optional<std::string_view> session;
  std::string_view submitted_at, answers_json;
};
// The same line as record_to_jsonl of the parsed record, byte for byte,
// without parsing the answers: sync reads every record it sends this way.
std::string record_to_jsonl(const StoredRecordText& r);

}  // namespace lyssna::interchange
