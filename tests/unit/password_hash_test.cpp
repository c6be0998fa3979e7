// Unit tests of the Argon2id password hashes (util/password_hash).
#include <catch2/catch.hpp>

#include "util/errors.hpp"
#include "util/password_hash.hpp"

using namespace lyssna;

TEST_CASE("a hash verifies its own password and no other", "[password]") {
  const std::string stored = password::hash("correct horse battery");
  CHECK(stored.rfind("$argon2id$v=19$m=65536,t=3,p=1$", 0) == 0);
  CHECK(password::verify(stored, "correct horse battery"));
  CHECK_FALSE(password::verify(stored, "correct horse batterY"));
  CHECK_FALSE(password::verify(stored, ""));
  CHECK_FALSE(password::needs_rehash(stored));
}

TEST_CASE("each hash has its own salt", "[password]") {
  const password::Cost cheap = password::minimum_cost;
  const std::string a = password::hash("same password", cheap);
  const std::string b = password::hash("same password", cheap);
  CHECK(a != b);
  CHECK(password::verify(a, "same password"));
  CHECK(password::verify(b, "same password"));
}

TEST_CASE("a NUL inside a password counts, not cuts it short", "[password]") {
  const std::string with_nul("abc\0def-and-more", 16);
  const std::string stored = password::hash(with_nul, password::minimum_cost);
  CHECK(password::verify(stored, with_nul));
  CHECK_FALSE(password::verify(stored, "abc"));
}

TEST_CASE("what is no hash never verifies, and asks to be replaced", "[password]") {
  for (const std::string& stored : {std::string(), std::string("plain text"),
                                    std::string("$argon2id$v=19$m=65536,t=3,p=1$broken"),
                                    std::string(500, 'x'), std::string("a\0b", 3)}) {
    INFO(stored);
    CHECK_FALSE(password::verify(stored, "plain text"));
    CHECK(password::needs_rehash(stored));
  }
}

TEST_CASE("a hash of another cost needs replacing", "[password]") {
  const std::string cheap = password::hash("correct horse battery", password::minimum_cost);
  CHECK(password::verify(cheap, "correct horse battery"));
  CHECK(password::needs_rehash(cheap));  // against the default cost
  CHECK_FALSE(password::needs_rehash(cheap, password::minimum_cost));
}

TEST_CASE("a cost below the minimum is refused", "[password]") {
  CHECK_THROWS_AS(password::hash("x", {1, size_t{1} << 20}), Error);
  CHECK_THROWS_AS(password::hash("x", {0, size_t{64} << 20}), Error);
}
