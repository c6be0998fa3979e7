// Unit tests of the command-line option parser.
#include <catch2/catch.hpp>

#include "cli/args.hpp"
#include "util/errors.hpp"

using namespace lyssna;
using namespace lyssna::cli;

namespace {

CommandSpec spec() {
  return {"serve",
          "lyssna serve [--port N]",
          "serve",
          "",
          {{"--port", "N", "port"}, {"--bind", "ADDR", "address"}, {"--quiet", "", "no output"}},
          0,
          1};
}

}  // namespace

TEST_CASE("options take values in both spellings", "[cli]") {
  auto a = parse_args(spec(), {"--port", "0", "--bind=0.0.0.0", "--quiet", "file"});
  CHECK(a.number("--port", 0, 65535) == 0);
  CHECK(a.value("--bind") == "0.0.0.0");
  CHECK(a.flag("--quiet"));
  CHECK(a.positionals == std::vector<std::string>{"file"});
  CHECK_FALSE(a.value("--other"));
}

TEST_CASE("mistakes name the option", "[cli]") {
  CHECK_THROWS_WITH(parse_args(spec(), {"--prot", "1"}), Catch::Contains("unknown option --prot"));
  CHECK_THROWS_WITH(parse_args(spec(), {"--port"}), Catch::Contains("--port needs a value"));
  CHECK_THROWS_WITH(parse_args(spec(), {"--quiet=yes"}), Catch::Contains("takes no value"));
  CHECK_THROWS_WITH(parse_args(spec(), {"a", "b"}), Catch::Contains("usage"));
  auto a = parse_args(spec(), {"--port", "99999"});
  CHECK_THROWS_WITH(a.number("--port", 0, 65535),
                    Catch::Contains("--port must be a whole number from 0 to 65535"));
  auto b = parse_args(spec(), {"--port", "12x"});
  CHECK_THROWS_AS(b.number("--port", 0, 65535), BadInput);
}

TEST_CASE("--help is recognised and described", "[cli]") {
  auto a = parse_args(spec(), {"--help", "x", "y", "z"});
  CHECK(a.help);
  auto text = help_text(spec());
  CHECK_THAT(text, Catch::Contains("usage: lyssna serve") && Catch::Contains("--port N") &&
                       Catch::Contains("--db PATH"));
}
