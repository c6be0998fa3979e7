// The options of `lyssna serve`: the cap on connections per client stays
// below the request threads (one address never holds them all).
#include "cli/serve_options.hpp"

#include <catch2/catch.hpp>

#include "util/errors.hpp"

using namespace lyssna;

namespace {

http::ServerOptions options_of(const std::vector<std::string>& args) {
  const auto serve = cli::serve_commands().at(0);
  return cli::serve_options(cli::Context{}, cli::parse_args(serve.spec, args));
}

}  // namespace

TEST_CASE("the cap per client stays below the threads", "[cli][http]") {
  CHECK(options_of({}).max_connections_per_client == 32);  // 64 threads
  CHECK(options_of({"--threads", "33"}).max_connections_per_client == 32);
  CHECK(options_of({"--threads", "32"}).max_connections_per_client == 31);
  CHECK(options_of({"--threads", "2"}).max_connections_per_client == 1);
  CHECK(options_of({"--threads", "4", "--max-connections-per-client", "3"})
            .max_connections_per_client == 3);
  CHECK(options_of({"--threads", "4", "--max-connections-per-client", "0"})
            .max_connections_per_client == 0);  // no cap, when asked for
  CHECK(options_of({"--behind-proxy"}).max_connections_per_client == 0);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--threads", "4", "--max-connections-per-client", "4"},
        std::vector<std::string>{"--max-connections-per-client", "64"},
        std::vector<std::string>{"--behind-proxy", "--threads", "8", "--max-connections-per-client",
                                 "100"}}) {
    INFO(args.back());
    try {
      options_of(args);
      FAIL("accepted");
    } catch (const BadInput& e) {
      CHECK(e.field() == "--max-connections-per-client");
      CHECK_THAT(e.what(), Catch::Contains("must be less than --threads"));
    }
  }
}
