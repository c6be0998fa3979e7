// The Catch2 runner, compiled once for both test programs. A client write
// to a connection the server has closed fails as an error the test can
// report, instead of a SIGPIPE that kills the whole test program.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <csignal>

int main(int argc, char* argv[]) {
  std::signal(SIGPIPE, SIG_IGN);
  return Catch::Session().run(argc, argv);
}
