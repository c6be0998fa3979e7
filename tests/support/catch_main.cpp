// The Catch2 runner, compiled once for both test programs.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
