// Unit tests of facilitator mode's room: the join address's QR code as SVG
// data, the choice of the address phones are shown, the kiosk's per-person
// tokens and lock cookie, and `serve --public-url`.
#include <catch2/catch.hpp>

#include <regex>

#include "cli/serve_options.hpp"
#include "http/kiosk_lock.hpp"
#include "render/qr_svg.hpp"
#include "render/template_engine.hpp"
#include "util/errors.hpp"
#include "util/network_addresses.hpp"

using namespace lyssna;

namespace {

// The dark modules a path draws ("M4 4h3v1h-3z" rectangles of one row).
std::vector<bool> room_modules_of_path(const render::QrSymbol& qr) {
  std::vector<bool> drawn(static_cast<size_t>(qr.size() * qr.size()));
  static const std::regex rect(R"(M(\d+) (\d+)h(\d+)v1h-(\d+)z)");
  for (auto it = std::sregex_iterator(qr.path.begin(), qr.path.end(), rect);
       it != std::sregex_iterator(); ++it) {
    const int x = std::stoi((*it)[1]), y = std::stoi((*it)[2]), w = std::stoi((*it)[3]);
    REQUIRE(std::stoi((*it)[4]) == w);
    for (int i = 0; i < w; ++i) drawn[static_cast<size_t>(y * qr.size() + x + i)] = true;
  }
  return drawn;
}

}  // namespace

TEST_CASE("a join address's QR code: its size, quiet zone and a path that needs no escaping",
          "[room][qr]") {
  const std::string url = "http://192.168.1.23:8080/d/4k7m2x";
  const auto qr = render::qr_symbol(url);
  // 33 bytes at level M fit version 3: 29 modules (version 2 holds 26 bytes).
  CHECK(qr.modules == 29);
  CHECK(qr.quiet == 4);
  CHECK(qr.size() == 37);
  CHECK(render::escape_html(qr.path) == qr.path);
  CHECK(std::regex_match(qr.path, std::regex("(M\\d+ \\d+h\\d+v1h-\\d+z)+")));
  const auto drawn = room_modules_of_path(qr);
  for (int y = 0; y < qr.size(); ++y) {
    for (int x = 0; x < qr.size(); ++x) {
      const bool inside =
          x >= qr.quiet && y >= qr.quiet && x < qr.quiet + qr.modules && y < qr.quiet + qr.modules;
      const bool dark =
          inside && qr.dark[static_cast<size_t>((y - qr.quiet) * qr.modules + (x - qr.quiet))];
      INFO(x << "," << y);
      REQUIRE(drawn[static_cast<size_t>(y * qr.size() + x)] == dark);  // quiet zone stays light
    }
  }
  // The finder pattern's corner: a dark ring 7 modules wide at the top left.
  for (int i = 0; i < 7; ++i) {
    CHECK(qr.dark[static_cast<size_t>(i)]);
    CHECK(qr.dark[static_cast<size_t>(6 * qr.modules + i)]);
  }
  CHECK_FALSE(qr.dark[static_cast<size_t>(1 * qr.modules + 1)]);
  CHECK(render::qr_symbol(url, 2).size() == 33);
  CHECK_THROWS_AS(render::qr_symbol(""), Error);
  CHECK_THROWS_AS(render::qr_symbol(std::string(4000, 'x')), Error);
}

TEST_CASE("the address phones are shown: public URL, the browser's own, then the network's",
          "[room][address]") {
  const std::vector<std::string> lan = {"192.168.1.23", "fd00::5"};
  CHECK(net::join_base("http://hall.local:9000/", "http", "127.0.0.1:8080", lan, 8080) ==
        "http://hall.local:9000");
  CHECK(net::join_base("", "http", "10.0.0.7:8080", lan, 8080) == "http://10.0.0.7:8080");
  CHECK(net::join_base("", "https", "lyssna.example:8443", lan, 8443) ==
        "https://lyssna.example:8443");
  CHECK(net::join_base("", "http", "127.0.0.1:8080", lan, 8080) == "http://192.168.1.23:8080");
  CHECK(net::join_base("", "http", "localhost:8080", lan, 8080) == "http://192.168.1.23:8080");
  CHECK(net::join_base("", "http", "[::1]:8080", lan, 8080) == "http://192.168.1.23:8080");
  CHECK(net::join_base("", "http", "[::1]:8080", {"fd00::5"}, 8080) == "http://[fd00::5]:8080");
  CHECK(net::join_base("", "http", "127.0.0.1:41234", {}, 41234) == "http://127.0.0.1:41234");
  CHECK(net::is_loopback_host("127.3.4.5"));
  CHECK(net::is_loopback_host("[::1]"));
  CHECK_FALSE(net::is_loopback_host("192.168.1.23"));
  for (const auto& a : net::reachable_addresses()) {
    INFO(a);
    CHECK_FALSE(net::is_loopback_host(a));
    CHECK(a.rfind("fe80", 0) != 0);
  }
}

TEST_CASE("a kiosk's person is known by a token until they submit or are reset", "[room][kiosk]") {
  http::KioskPeople people;
  const std::string a = people.begin("s-1", 1000);
  const std::string b = people.begin("s-1", 1000);
  CHECK(a != b);
  CHECK(people.live("s-1", a, 1001));
  CHECK_FALSE(people.live("s-2", a, 1001));  // another session's kiosk
  CHECK_FALSE(people.live("s-1", "", 1001));
  people.forget(a);
  CHECK_FALSE(people.live("s-1", a, 1002));
  CHECK(people.live("s-1", b, 1002));
  CHECK_FALSE(people.live("s-1", b, 1000 + http::KioskPeople::lifetime_seconds));
}

TEST_CASE("the kiosk-lock cookie holds only the session id", "[room][kiosk]") {
  CHECK(http::kiosk_lock_cookie(false, "s-2026-03-12-x-3f9a1c") ==
        "lyssna_kiosk=s-2026-03-12-x-3f9a1c; Path=/; Max-Age=604800; HttpOnly; SameSite=Strict");
  CHECK(http::kiosk_lock_cookie(true, "s-1").find("; Secure") != std::string::npos);
  httplib::Request req;
  req.headers.emplace("Cookie", "lyssna_kiosk=s-1");
  CHECK(http::kiosk_lock(req) == std::optional<std::string>("s-1"));
  httplib::Request odd;
  odd.headers.emplace("Cookie", "lyssna_kiosk=<script>");
  CHECK_FALSE(http::kiosk_lock(odd));
}

TEST_CASE("serve --public-url takes a web address only", "[room][cli]") {
  const auto serve = cli::serve_commands().at(0);
  auto options = [&](const std::vector<std::string>& args) {
    return cli::serve_options(cli::Context{}, cli::parse_args(serve.spec, args));
  };
  CHECK(options({"--public-url", "http://10.42.0.1:8080"}).public_url == "http://10.42.0.1:8080");
  CHECK(options({}).public_url.empty());
  CHECK_THROWS_AS(options({"--public-url", "ftp://x"}), BadInput);
  CHECK_THROWS_AS(options({"--public-url", "http://a\"b"}), BadInput);
}
