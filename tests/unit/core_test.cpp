// Unit tests of the core helpers: UTF-8, RFC 3339 time, SHA-256, random ids.
#include <catch2/catch.hpp>

#include <set>

#include "util/clock.hpp"
#include "util/digest.hpp"
#include "util/random.hpp"
#include "util/text.hpp"

using namespace lyssna;

TEST_CASE("UTF-8 validation accepts text and refuses malformed bytes", "[text]") {
  CHECK(text::is_valid_utf8("Mörkt vid gångtunneln"));
  CHECK(text::is_valid_utf8("الإضاءة سيئة"));
  CHECK(text::is_valid_utf8("emoji 😀"));
  CHECK_FALSE(text::is_valid_utf8("\xC3"));              // truncated
  CHECK_FALSE(text::is_valid_utf8("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(text::is_valid_utf8("\xED\xA0\x80"));      // surrogate
  CHECK_FALSE(text::is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(text::is_valid_utf8("\xFF"));
}

TEST_CASE("code points count characters, not bytes", "[text]") {
  CHECK(text::code_points("abc") == 3);
  CHECK(text::code_points("åäö") == 3);
  CHECK(text::code_points("نور") == 3);
}

TEST_CASE("free text is normalised: CR LF folded, controls dropped", "[text]") {
  CHECK(text::normalize_free_text("a\r\nb\rc") == "a\nb\nc");
  CHECK(text::normalize_free_text(std::string("x\0y\x07z\tw", 7)) == "xyz\tw");
  CHECK(text::has_control_characters(std::string("a\x01", 2)));
  CHECK_FALSE(text::has_control_characters("a\tb\nc\r"));
}

TEST_CASE("identifiers", "[text]") {
  CHECK(text::is_identifier("trygghet-2026"));
  CHECK(text::is_identifier("65+", "+-"));
  CHECK_FALSE(text::is_identifier("Trygghet"));
  CHECK_FALSE(text::is_identifier(""));
  CHECK_FALSE(text::is_identifier(std::string(65, 'a')));
  CHECK_FALSE(text::is_identifier("a b"));
}

TEST_CASE("RFC 3339 timestamps parse to epoch seconds", "[clock]") {
  CHECK(clock::parse_rfc3339("1970-01-01T00:00:00Z") == 0);
  CHECK(clock::parse_rfc3339("2026-03-04T18:22:05Z") == 1772648525);
  CHECK(clock::parse_rfc3339("2026-03-04T19:22:05+01:00") == 1772648525);
  CHECK(clock::parse_rfc3339("2026-03-04t18:22:05.123456z") == 1772648525);
  CHECK(clock::parse_rfc3339("2024-02-29T12:00:00-05:30").has_value());
  for (const char* bad :
       {"2026-03-04", "2026-03-04T18:22:05", "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
        "2026-13-01T00:00:00Z", "2026-03-04T24:00:00Z", "2026-03-04T18:22:05+0100",
        "2026-03-04T18:22:05Zjunk", "yesterday", ""}) {
    INFO(bad);
    CHECK_FALSE(clock::parse_rfc3339(bad).has_value());
  }
}

TEST_CASE("timestamps format back to UTC", "[clock]") {
  CHECK(clock::format_rfc3339(1772648525) == "2026-03-04T18:22:05Z");
  CHECK(clock::format_date(1772648525) == "2026-03-04");
  CHECK(clock::parse_date_or_timestamp("2026-03-01") ==
        clock::parse_rfc3339("2026-03-01T00:00:00Z"));
  for (int64_t t : {int64_t{0}, int64_t{951782400}, int64_t{4102444799}}) {
    CHECK(clock::parse_rfc3339(clock::format_rfc3339(t)) == t);
  }
}

TEST_CASE("SHA-256 matches the FIPS 180-4 examples", "[sha256]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("HMAC-SHA-256 matches RFC 4231 and secrets compare by content", "[digest]") {
  // RFC 4231 test cases 1 and 2.
  CHECK(hmac_sha256_hex(std::string(20, '\x0b'), "Hi There") ==
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  CHECK(hmac_sha256_hex("Jefe", "what do ya want for nothing?") ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  CHECK(same_secret("token-abcdef", "token-abcdef"));
  CHECK_FALSE(same_secret("token-abcdef", "token-abcdeg"));
  CHECK_FALSE(same_secret("token-abcdef", "token-abcde"));
  CHECK_FALSE(same_secret("", "x"));
}

TEST_CASE("random UUIDs are version 4 and distinct", "[random]") {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    auto id = random::uuid_v4();
    REQUIRE(id.size() == 36);
    CHECK(id[14] == '4');
    CHECK(std::string("89ab").find(id[19]) != std::string::npos);
    seen.insert(id);
  }
  CHECK(seen.size() == 1000);
  for (int i = 0; i < 1000; ++i) CHECK(random::below(7) < 7);
}
