// Unit tests of the bilingual dictionaries: the dictd reader on tiny
// dictionaries made with dictfmt and dictzip (tests/data/dictd), damaged and
// hostile files, FreeDict's gloss layouts, and the English pivots built from
// them.
#include <catch2/catch.hpp>

#include <fstream>

#include <xapian.h>

#include "../support/files.hpp"
#include "../support/temp_dir.hpp"
#include "analysis/dictionary/dictd_reader.hpp"
#include "analysis/dictionary/english_pivots.hpp"

using namespace lyssna::analysis;

namespace {

const std::string fixtures = std::string(LYSSNA_SOURCE_DIR) + "/tests/data/dictd";

std::string fixture(const std::string& name) {
  return fixtures + "/" + name;
}

void write(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// The message of the DictionaryError `open` throws.
template <class Open>
std::string failure_of(Open open) {
  try {
    open();
  } catch (const DictionaryError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("dictd numbers are base64 digits, most significant first", "[dictionary]") {
  CHECK(decode_dictd_number("A") == 0u);
  CHECK(decode_dictd_number("B") == 1u);
  CHECK(decode_dictd_number("/") == 63u);
  CHECK(decode_dictd_number("BA") == 64u);
  CHECK(decode_dictd_number("Jy") == 9u * 64 + 50);
  CHECK(decode_dictd_number("+") == 62u);
  CHECK_FALSE(decode_dictd_number(""));
  CHECK_FALSE(decode_dictd_number("B="));
  CHECK_FALSE(decode_dictd_number("B A"));
  CHECK_FALSE(decode_dictd_number("ABCDEFGHIJK"));  // 11 digits: past any file
  CHECK(decode_dictd_number("//////////") == (uint64_t(1) << 60) - 1);
}

TEST_CASE("the dictd reader reads a dictzip dictionary made by dictfmt", "[dictionary]") {
  const auto d =
      DictdDictionary::open(fixture("tiny-swe-eng.index"), fixture("tiny-swe-eng.dict.dz"));
  // Ten entries and dictfmt's six metadata entries (00databaseinfo, ...).
  CHECK(d.size() == 16);
  CHECK(d.headword(0) == "00databasealphabet");
  REQUIRE(d.lookup("is").size() == 1);
  CHECK(d.lookup("is")[0] == "is /ˈiːs/\nice\n");
  CHECK(d.lookup("förklara")[0] ==
        "förklara /fœrklˈɑːra/\n1. declare, state\n2. account for, explain\n3. clarify\n");
  // One headword twice: both entries, in the order of the index.
  const auto snow = d.lookup("snö");
  REQUIRE(snow.size() == 2);
  CHECK(snow[0] == "snö /snˈøː/\nsnow\n");
  CHECK(snow[1] == "snö /snˈøː/\nsnowfall\n");
  CHECK(d.lookup("förlova sig").size() == 1);
  CHECK(d.lookup("snow").empty());
  CHECK(d.lookup("sn").empty());
  // The same data uncompressed reads alike.
  const auto plain =
      DictdDictionary::open(fixture("tiny-swe-eng.index"), fixture("tiny-swe-eng.plain.dict"));
  REQUIRE(plain.size() == d.size());
  for (size_t i = 0; i < d.size(); ++i) CHECK(plain.definition(i) == d.definition(i));
}

TEST_CASE("the dictd reader refuses damaged and hostile files, naming file and line",
          "[dictionary]") {
  lyssna::test::TempDir dir;
  const std::string data = fixture("tiny-swe-eng.dict.dz");
  const std::string index = lyssna::test::source_file("tests/data/dictd/tiny-swe-eng.index");
  auto open_with = [&](const std::string& index_text, const std::string& data_path,
                       const DictdLimits& limits = {}) {
    write(dir.file("bad.index"), index_text);
    return failure_of([&] { DictdDictionary::open(dir.file("bad.index"), data_path, limits); });
  };
  CHECK_THAT(open_with(index + "snö\tIA\n", data),
             Catch::Contains("bad.index line 17") && Catch::Contains("tabs"));
  CHECK_THAT(open_with("snö\tI@\tV\n", data),
             Catch::Contains("line 1") && Catch::Contains("offset 'I@'"));
  CHECK_THAT(open_with("snö\tIA\t\n", data), Catch::Contains("length ''"));
  CHECK_THAT(open_with("is\tIV\tQ\nsnö\t////\tV\n", data),
             Catch::Contains("line 2") && Catch::Contains("outside"));
  CHECK_THAT(open_with("\tIA\tV\n", data), Catch::Contains("headword is empty"));
  CHECK_THAT(open_with("sn\xff\tIA\tV\n", data), Catch::Contains("not UTF-8"));
  DictdLimits small;
  small.max_index_bytes = 100;
  CHECK_THAT(open_with(index, data, small), Catch::Contains("larger than 100 bytes"));
  small = {};
  small.max_data_bytes = 700;  // the data is 878 bytes once decompressed
  CHECK_THAT(open_with(index, data, small), Catch::Contains("once decompressed"));
  CHECK_THAT(open_with(index, dir.file("nothing.dict.dz")), Catch::Contains("missing"));
  // A dictzip file cut short, and one that is no gzip at all but says it is.
  const std::string compressed = lyssna::test::source_file("tests/data/dictd/tiny-swe-eng.dict.dz");
  write(dir.file("cut.dict.dz"), compressed.substr(0, compressed.size() / 2));
  CHECK_THAT(open_with(index, dir.file("cut.dict.dz")), Catch::Contains("cut.dict.dz"));
  write(dir.file("garbage.dict.dz"), "\x1f\x8b\x08" + std::string(200, 'x'));
  CHECK_THAT(open_with(index, dir.file("garbage.dict.dz")), Catch::Contains("damaged"));
  // Blank lines and CRLF line ends are no error.
  write(dir.file("crlf.index"), "\r\nis\tIV\tQ\r\n\n");
  const auto crlf = DictdDictionary::open(dir.file("crlf.index"), data);
  REQUIRE(crlf.size() == 1);
  CHECK(crlf.definition(0) == "is /ˈiːs/\nice\n");
}

TEST_CASE("FreeDict glosses: each sense's first line, cut at commas", "[dictionary]") {
  using V = std::vector<std::string>;
  // swe-eng and ara-eng: senses are lines, numbered when there are several.
  CHECK(freedict_glosses("falla /fˈala/\ndrop, fall\n") == V{"drop", "fall"});
  CHECK(freedict_glosses("förklara /fœrklˈɑːra/\n1. declare, state\n2. account for, explain\n"
                         "3. clarify\n") ==
        V{"declare", "state", "account for", "explain", "clarify"});
  CHECK(freedict_glosses("الثلج /ʔaθθˈaldʒ/\n1. Ice\n2. Snow\n") == V{"Ice", "Snow"});
  CHECK(freedict_glosses("gång /ɡˈɔŋ/\n1. walk\n2. passage (in a building); corridor\n") ==
        V{"walk", "passage", "corridor"});
  // fin-eng: each sense's gloss is followed by a Finnish explanation, which is no gloss.
  CHECK(freedict_glosses(
            "aita /ˈaita/ <n>\n1. fence hedge railing, fence\nkahta aluetta erottava rakennelma\n"
            "2. hurdle\nestejuoksussa ylitettävä puomi: este\n") ==
        V{"fence hedge railing", "fence", "hurdle"});
  CHECK(freedict_glosses("lumi /lˈumɪ/ <n>\nsnow\nveden härmistynyt olomuoto\n") == V{"snow"});
  // fin-eng sometimes writes the next number at the end of a gloss.
  CHECK(freedict_glosses("liukas /lˈiukas/ <adj>\nslippery 2.\nsellainen, jossa kitka on pieni\n"
                         " 3.\nepäluotettava, lipevä\n") == V{"slippery"});
  CHECK(freedict_glosses("").empty());
  CHECK(freedict_glosses("headword only\n").empty());
}

TEST_CASE("English pivots: a word's stem to the stems of its translations", "[dictionary]") {
  const std::vector<DictionarySource> sources = {
      {"tiny-swe-eng", "none", "sv", false},
      {"tiny-eng-swe", "none", "sv", true},
      {"tiny-ara-eng", "dict-none", "ar", false},  // not there
  };
  const EnglishPivots pivots(fixtures, sources, {"the", "for", "in", "a"});
  REQUIRE(pivots.available().size() == 2);
  REQUIRE(pivots.missing().size() == 1);
  CHECK(pivots.missing()[0].name == "tiny-ara-eng");
  Xapian::Stem sv("swedish");
  using V = std::vector<std::string>;
  auto find = [&](const std::string& word) {
    const auto* found = pivots.find(Profile::sv, sv(word));
    return found ? *found : V{};
  };
  // Headwords folded and stemmed as the index stems answers; both entries
  // of "snö"; glosses stemmed as English.
  CHECK(find("sno") == V{"snow", "snowfal"});
  CHECK(find("vinter") == V{"winter"});
  CHECK(find("forklara") == V{"declar", "state", "account", "explain", "clarifi"});
  // "gång" and "gäng" fold alike: both meanings under one stem (in the
  // index's order, which dictfmt sorts).
  CHECK(find("gang") == V{"gang", "walk", "passag"});
  // eng-swe read backwards: "is" is ice (from both dictionaries, once), "hal"
  // slippery, "halkig" too; "den" (the) gives nothing: "the" is a stopword.
  CHECK(find("is") == V{"ice"});
  CHECK(find("hal") == V{"slipperi"});
  CHECK(find("halkig") == V{"slipperi"});
  CHECK(find("plog") == V{"plough"});
  CHECK(find("den").empty());
  CHECK(find("forlova").empty());  // a two-word headword is no word's translation
  CHECK(pivots.find(Profile::ar, "ثلج") == nullptr);
  CHECK(pivots.problems().empty());
}

TEST_CASE("a damaged dictionary is left out with its problem, never thrown", "[dictionary]") {
  lyssna::test::TempDir dir;
  write(dir.file("broken.index"), "snö\tIA\tV\nis\t@@\tQ\n");
  write(dir.file("broken.dict.dz"),
        lyssna::test::source_file("tests/data/dictd/tiny-swe-eng.dict.dz"));
  const EnglishPivots pivots(dir.path(), {{"broken", "none", "sv", false}}, {});
  CHECK(pivots.available().size() == 1);
  CHECK(pivots.find(Profile::sv, "sno") == nullptr);
  REQUIRE(pivots.problems().size() == 1);
  CHECK_THAT(pivots.problems()[0], Catch::Contains("broken.index line 2"));
  // Read once: a second look neither reads again nor adds a problem.
  CHECK(pivots.find(Profile::sv, "is") == nullptr);
  CHECK(pivots.problems().size() == 1);
}
