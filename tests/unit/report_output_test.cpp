// Unit tests of the analysis output: what residents wrote can neither act
// as Markdown or HTML nor drive a terminal (escape sequences, bidirectional
// overrides), table-driven; and the printer renders every format.
#include <catch2/catch.hpp>

#include <sstream>

#include "reports/printer.hpp"
#include "util/terminal_text.hpp"

using namespace lyssna;
using namespace lyssna::reports;

TEST_CASE("terminal text: controls and bidi overrides are made visible, marks removed",
          "[output]") {
  const std::string r = "\xEF\xBF\xBD";  // U+FFFD
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Mörkt vid tunneln", "Mörkt vid tunneln"},
      {"red \x1b[31mtext\x1b[0m", "red " + r + "[31mtext" + r + "[0m"},  // ESC sequences
      {"bell\x07 and nul", "bell" + r + " and nul"},
      {"a\tb\nc\rd", "a b c d"},  // one line per row
      {"del\x7f", "del" + r},
      {"c1 \xC2\x9B"
       "31m",
       "c1 " + r + "31m"},  // CSI as a C1 control
      {"safe \xE2\x80\xAE"
       "txt.exe",
       "safe " + r + "txt.exe"},  // U+202E right-to-left override
      {"\xE2\x80\xAA"
       "lre \xE2\x80\xAB"
       "rle \xE2\x80\xAC"
       "pdf \xE2\x80\xAD"
       "lro",
       r + "lre " + r + "rle " + r + "pdf " + r + "lro"},
      {"\xE2\x81\xA6"
       "iso\xE2\x81\xA9",
       r + "iso" + r},  // U+2066 .. U+2069 isolates
      {"\xE2\x81\xA7\xE2\x81\xA8", r + r},
      {"rlm\xE2\x80\x8F lrm\xE2\x80\x8E alm\xD8\x9C", "rlm lrm alm"},  // marks: removed
      {"line\xE2\x80\xA8para\xE2\x80\xA9", "line para "},
      {"پارک\xE2\x80\x8Cها", "پارک\xE2\x80\x8Cها"},  // the Persian joiner stays
      {"bad \xFF\xFE utf8 \xC3", "bad " + r + r + " utf8 " + r},
      {"overlong \xC0\xAF", "overlong " + r + r},
  };
  for (const auto& [in, out] : cases) {
    INFO(in);
    CHECK(text::for_terminal(in) == out);
  }
}

TEST_CASE("Markdown cells render as their text", "[output]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"plain text", "plain text"},
      {"[click](javascript:alert(1))", "\\[click\\](javascript:alert(1))"},
      {"![x](https://evil.example/p.png)", "!\\[x\\](https://evil.example/p.png)"},
      {"[ref]: javascript:alert(1)", "\\[ref\\]: javascript:alert(1)"},
      {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
      {"<https://evil.example>", "&lt;https://evil.example&gt;"},
      {"&#106;avascript:", "&amp;#106;avascript:"},
      {"`<b>`", "\\`&lt;b&gt;\\`"},
      {"a | b", "a \\| b"},
      {"\\[escaped\\]", "\\\\\\[escaped\\\\\\]"},
      {"two\nlines", "two lines"},
      {"**Mörkt** vid tunneln",
       "**Mörkt** vid tunneln"},  // a snippet's marks still show as emphasis
      {"\x1b[2J\xE2\x80\xAE", "\xEF\xBF\xBD\\[2J\xEF\xBF\xBD"},
  };
  for (const auto& [in, out] : cases) {
    INFO(in);
    CHECK(markdown_cell(in) == out);
  }
}

TEST_CASE("the printer renders each format, escaping only what each needs", "[output]") {
  const TextTable t{
      {"id", "text"}, {{"a1", "Hej \x1b[31m[x](javascript:y)"}, {"a22", "=1+1"}}, {false, false}};
  auto render = [&](OutputFormat f, bool terminal) {
    std::ostringstream out;
    write_table(t, {f, terminal}, out);
    return out.str();
  };
  CHECK(render(OutputFormat::table, false) ==
        "id   text\n"
        "---  --------------------------\n"
        "a1   Hej \xEF\xBF\xBD[31m[x](javascript:y)\n"
        "a22  =1+1\n");
  CHECK(render(OutputFormat::markdown, false) ==
        "| id | text |\n"
        "| --- | --- |\n"
        "| a1 | Hej \xEF\xBF\xBD\\[31m\\[x\\](javascript:y) |\n"
        "| a22 | =1+1 |\n");
  // CSV for a file keeps the data; CSV on a terminal cannot drive it.
  CHECK(render(OutputFormat::csv, false).find("\x1b[31m") != std::string::npos);
  CHECK(render(OutputFormat::csv, true).find('\x1b') == std::string::npos);
  ThemesPerResponse themes{"s", {{"r1", {"traffic", "drugs_alcohol"}}, {"r2", {}}}};
  std::ostringstream lines, json;
  print(themes, {OutputFormat::jsonl, false}, lines);
  CHECK(lines.str() ==
        "{\"id\":\"r1\",\"themes\":[\"traffic\",\"drugs_alcohol\"]}\n{\"id\":\"r2\",\"themes\":[]}"
        "\n");
  print(themes, {OutputFormat::json, false}, json);
  CHECK(nlohmann::json::parse(json.str())["responses"].size() == 2);
  std::ostringstream no_lines;
  CHECK_THROWS(print(ThemeSummary{}, {OutputFormat::jsonl, false}, no_lines));
}
