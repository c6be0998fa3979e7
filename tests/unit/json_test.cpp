// Unit tests of the fast JSON reader and writer used on the import path:
// they must agree with nlohmann's parser and serializer on what is valid and
// what a value is.
#include <catch2/catch.hpp>
#include <map>

#include "collector/interchange/json_reader.hpp"
#include "collector/storage/compact_json.hpp"
#include "util/errors.hpp"

using namespace lyssna;
using nlohmann::json;

TEST_CASE("parses what nlohmann parses, to equal values", "[json]") {
  const char* documents[] = {
      R"({"id":"7f3c","answers":{"area":"jordbro","n":12,"neg":-3,"f":2.5,"e":1e3,"big":18446744073709551615,"list":["a","b"],"t":true,"nil":null}})",
      R"(  [ 1 , "two" , { } , [ ] , false ]  )",
      R"("Mörkt vid \"tunneln\"\n\ttab \\ slash \/ \u00e5\u00E4\u00f6 \ud83d\ude00")",
      R"({"ar":"الإضاءة سيئة في النفق","fa":"نور کم است","so":"Iftiinka waa yar"})",
      "0",
      "-0",
      "0.5",
      "-1.25e-3",
      "123456789012345678901234567890",
  };
  for (const char* d : documents) {
    INFO(d);
    json ours = interchange::parse_json(d);
    json theirs = json::parse(d);
    CHECK(ours == theirs);
    CHECK(ours.dump() == theirs.dump());
  }
}

TEST_CASE("refuses what is not exactly one JSON value", "[json]") {
  const char* bad[] = {
      "",
      "{",
      "{\"a\":}",
      "{\"a\" 1}",
      "{a:1}",
      "[1,]",
      "[1 2]",
      "01",
      "1.",
      "1e",
      "-",
      "+1",
      "tru",
      "nul",
      "\"open",
      "\"a\\x\"",
      "\"\\u12\"",
      "\"\\ud800\"",
      "\"\\udc00x\"",
      "{} {}",
      "\"\x01\"",
      "\"\xC3\"",
      "\"\xED\xA0\x80\"",
      "NaN",
      "{\"a\":1,\"a\":2}",
  };
  for (const char* d : bad) {
    INFO(d);
    CHECK_THROWS_AS(interchange::parse_json(d), BadInput);
  }
  CHECK_THROWS_WITH(interchange::parse_json("{\"x\":1,\"x\":2}"),
                    Catch::Contains("'x' appears twice"));
  CHECK_THROWS_WITH(interchange::parse_json("[1,2,@]"), Catch::Contains("at byte 6"));
  // Numbers beyond a double's range are refused by name; ones too close to
  // zero become zero, as in nlohmann's parser.
  CHECK_THROWS_WITH(
      interchange::parse_json("{\"min\": 1e9999991}"),
      Catch::Contains("the number 1e9999991 is out of range") && Catch::Contains("at byte 9"));
  CHECK_THROWS_WITH(interchange::parse_json("-1e400"), Catch::Contains("out of range"));
  CHECK_THROWS_WITH(interchange::parse_json("1" + std::string(400, '0')),
                    Catch::Contains("out of range"));
  CHECK(interchange::parse_json("1e-400") == 0.0);
  CHECK(interchange::parse_json("[-1e-400]") == nlohmann::json::parse("[-1e-400]"));
  // In text of several lines, errors name line and column.
  CHECK_THROWS_WITH(interchange::parse_json("{\n  \"a\": 1,\n  \"b\": 2e999\n}"),
                    Catch::Contains("at line 3, column 8"));
  CHECK_THROWS_WITH(
      interchange::parse_json_file("{\n\"a\": @}", "def.json", "FILE"),
      Catch::StartsWith("'def.json' is not valid JSON:") && Catch::Contains("at line 2, column 6"));
  std::string deep(100, '[');
  CHECK_THROWS_WITH(interchange::parse_json(deep), Catch::Contains("nested too deeply"));
}

TEST_CASE("compact JSON parses back to the same value", "[json]") {
  json values[] = {
      json::parse(
          R"({"b":[1,-2,3.5,true,null],"a":"x\"y\\z\n\u0001\u001f","c":{"d":"Västerhaninge ☂ 😀"}})"),
      json("plain"),
      json(42u),
      json(-7),
      json(0.1),
      json::array(),
      json::object(),
  };
  for (const auto& v : values) {
    std::string text = storage::compact_json(v);
    INFO(text);
    CHECK(json::parse(text) == v);
    CHECK(interchange::parse_json(text) == v);
    CHECK(text == v.dump());  // and the very same bytes as nlohmann's dump
  }
}

TEST_CASE("strings read eight bytes at a time agree with nlohmann at every offset", "[json]") {
  // The string scanner skips plain bytes a word at a time: whatever ends or
  // interrupts a string (quote, escape, control character, a bad UTF-8
  // byte) must be found wherever it falls within a word.
  const std::string plain = "Mörkt vid gångtunneln och lite mer text här";
  for (size_t at = 0; at <= 17; ++at) {
    if ((static_cast<unsigned char>(plain[at]) & 0xC0) == 0x80) continue;  // inside a letter
    const std::string head = plain.substr(0, at);
    for (const std::string special : {"\\\"", "\\\\", "\\n", "\\u00e5", "\\ud83d\\ude00"}) {
      const std::string doc = "{\"k\":\"" + head + special + "x\"}";
      INFO(doc);
      CHECK(interchange::parse_json(doc) == json::parse(doc));
      std::map<std::string, std::string> seen;
      interchange::for_each_string_field(
          doc, [&](std::string_view k, std::string_view v) { seen[std::string(k)] = v; });
      CHECK(seen["k"] == json::parse(doc)["k"].get<std::string>());
    }
    const std::string with_control = "{\"k\":\"" + head + "\t" + "x\"}";
    CHECK_THROWS_AS(interchange::parse_json(with_control), BadInput);
    const std::string bad_utf8 = "{\"k\":\"" + std::string(at, 'a') + "\xff" + "abcdefgh\"}";
    CHECK_THROWS_AS(interchange::parse_json(bad_utf8), BadInput);
    CHECK_THROWS_AS(
        interchange::for_each_string_field(bad_utf8, [](std::string_view, std::string_view) {}),
        BadInput);
    const std::string unclosed = "{\"k\":\"" + std::string(at, 'a');
    CHECK_THROWS_AS(interchange::parse_json(unclosed), BadInput);
  }
}
