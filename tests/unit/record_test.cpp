// Unit tests of the contract's response record (interchange.md section 1).
#include <catch2/catch.hpp>

#include "collector/interchange/record.hpp"
#include "util/errors.hpp"

using namespace lyssna;
using namespace lyssna::interchange;
using nlohmann::json;

namespace {

json example() {
  return json::parse(
      R"({"id": "7f3c2a9e-1d2b-4c55-9a0e-3c1f2b7d9e01", "survey": "trygghet-2026", "lang": "sv",
    "channel": "online", "session": null, "submitted_at": "2026-03-04T18:22:05Z",
    "answers": {"area": "jordbro", "free_text": "Mörkt och obehagligt vid gångtunneln."}})");
}

std::string field_of(const json& j) {
  try {
    record_from_json(j);
    return "(accepted)";
  } catch (const BadInput& e) {
    return e.field();
  }
}

}  // namespace

TEST_CASE("the contract's example record reads and writes back", "[record]") {
  Record r = record_from_json(example());
  CHECK(r.id == "7f3c2a9e-1d2b-4c55-9a0e-3c1f2b7d9e01");
  CHECK(r.submitted_epoch == 1772648525);
  CHECK_FALSE(r.session);
  std::string line = record_to_jsonl(r);
  CHECK(line.rfind(
            R"({"id":"7f3c2a9e-1d2b-4c55-9a0e-3c1f2b7d9e01","survey":"trygghet-2026","lang":"sv",)",
            0) == 0);
  CHECK(line.find('\n') == std::string::npos);
  CHECK(record_from_json(json::parse(line)) == r);
}

TEST_CASE("each structural rule names its field", "[record]") {
  struct Case {
    const char* what;
    std::function<void(json&)> mutate;
    const char* field;
  };
  const std::vector<Case> cases = {
      {"no id", [](json& j) { j.erase("id"); }, "id"},
      {"empty id", [](json& j) { j["id"] = ""; }, "id"},
      {"long id", [](json& j) { j["id"] = std::string(129, 'a'); }, "id"},
      {"non-ASCII id", [](json& j) { j["id"] = "räksmörgås"; }, "id"},
      {"numeric id", [](json& j) { j["id"] = 17; }, "id"},
      {"formula id", [](json& j) { j["id"] = "=HYPERLINK(\"http://evil\")"; }, "id"},
      {"id with leading +", [](json& j) { j["id"] = "+1"; }, "id"},
      {"id with leading -", [](json& j) { j["id"] = "-1"; }, "id"},
      {"id with leading @", [](json& j) { j["id"] = "@x"; }, "id"},
      {"formula session",
       [](json& j) {
         j["channel"] = "kiosk";
         j["session"] = "=1+1";
       },
       "session"},
      {"no survey", [](json& j) { j.erase("survey"); }, "survey"},
      {"survey id with leading -", [](json& j) { j["survey"] = "-2026"; }, "survey"},
      {"survey id with leading _", [](json& j) { j["survey"] = "_x"; }, "survey"},
      {"survey id in capitals", [](json& j) { j["survey"] = "Trygghet"; }, "survey"},
      {"bad lang", [](json& j) { j["lang"] = "swedish"; }, "lang"},
      {"bad channel", [](json& j) { j["channel"] = "email"; }, "channel"},
      {"session on online", [](json& j) { j["session"] = "s1"; }, "session"},
      {"dialogue without session", [](json& j) { j["channel"] = "dialogue"; }, "session"},
      {"bad timestamp", [](json& j) { j["submitted_at"] = "2026-03-04 evening"; }, "submitted_at"},
      {"answers not an object", [](json& j) { j["answers"] = json::array(); }, "answers"},
      {"unknown field", [](json& j) { j["ip"] = "10.0.0.1"; }, "ip"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    json j = example();
    c.mutate(j);
    CHECK(field_of(j) == c.field);
  }
  json dialogue = example();
  dialogue["channel"] = "dialogue";
  dialogue["session"] = "dialog-jordbro-1";
  CHECK(field_of(dialogue) == "(accepted)");
  for (const char* id : {"a=b", "'quoted", "x-1", "1+1", "mail@example.org"}) {
    INFO(id);
    json j = example();
    j["id"] = id;
    CHECK(field_of(j) == "(accepted)");
  }
  CHECK(field_of(json::array()) == "");
}

TEST_CASE("records compare by every field", "[record]") {
  Record a = record_from_json(example());
  Record b = a;
  CHECK(a == b);
  b.answers["area"] = "handen";
  CHECK_FALSE(a == b);
}
