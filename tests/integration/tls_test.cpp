// Integration tests of `serve --tls-cert --tls-key`: HTTPS through the
// server's own connection loop, with a self-signed certificate made by the
// openssl command at test time and verified by the client; the workspace's
// cookie under TLS; clear refusals of files that are no certificate or key.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdlib>
#include <fstream>

#include "server_fixture.hpp"

using namespace lyssna::test;

namespace {

const std::string tls_password = "correct horse battery";

// A P-256 key and a certificate for 127.0.0.1 signed by itself, in `dir`.
void make_certificate(const TempDir& dir, const std::string& name) {
  const std::string command =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 "
      "-nodes -days 2 -subj /CN=localhost -addext "
      "subjectAltName=IP:127.0.0.1,DNS:localhost -keyout '" +
      dir.file(name + ".key") + "' -out '" + dir.file(name + ".crt") + "' >/dev/null 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
}

struct TlsServer : ServerFixture {
  std::unique_ptr<httplib::SSLClient> https;
  TlsServer() {
    make_certificate(dir, "server");
    start({"--tls-cert", dir.file("server.crt"), "--tls-key", dir.file("server.key")});
    https = std::make_unique<httplib::SSLClient>("127.0.0.1", server->port());
    https->set_ca_cert_path(dir.file("server.crt").c_str());
    https->enable_server_certificate_verification(true);
    https->set_keep_alive(true);
    https->set_read_timeout(20, 0);
  }
};

}  // namespace

TEST_CASE("serve --tls-cert --tls-key answers over HTTPS, connection kept alive", "[tls]") {
  TlsServer s;
  for (int i = 0; i < 5; ++i) {
    auto health = s.https->Get("/healthz");
    REQUIRE(health);
    CHECK(health->status == 200);
    CHECK(health->get_header_value("Strict-Transport-Security") == "max-age=31536000");
  }
  auto form = s.https->Get("/s/trygghet-2026?lang=sv");
  REQUIRE(form);
  CHECK(form->status == 200);
  CHECK(form->get_header_value("Set-Cookie").empty());
  // A body of many TLS records, then another request on the same connection.
  Fields fields = hidden_fields(form->body);
  fields.emplace_back("_action", "next");
  fields.emplace_back("padding", std::string(200 * 1024, 'x'));
  httplib::Params params;
  for (const auto& [k, v] : fields) params.emplace(k, v);
  auto posted = s.https->Post("/s/trygghet-2026", params);
  REQUIRE(posted);
  CHECK(posted->status == 200);
  auto after = s.https->Get("/healthz");
  REQUIRE(after);
  CHECK(after->status == 200);

  // Plain HTTP on the TLS port gets no answer of HTTP.
  auto plain = s.client->Get("/healthz");
  CHECK(!plain);
  // The server goes on serving HTTPS after it.
  CHECK(s.https->Get("/healthz")->status == 200);
}

TEST_CASE("a client that stalls in its handshake holds up no one, and is closed", "[tls]") {
  TlsServer s;
  const int sock = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(sock >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(s.server->port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(connect(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  const char partial_hello[] = {0x16, 0x03, 0x01};  // a record header begun, never finished
  REQUIRE(send(sock, partial_hello, sizeof partial_hello, 0) == 3);
  for (int i = 0; i < 3; ++i) CHECK(s.https->Get("/healthz")->status == 200);
  // The waiter closes it as it closes an idle connection (5 s), not never.
  timeval wait{15, 0};
  setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
  const auto start = std::chrono::steady_clock::now();
  char buffer[64];
  const ssize_t n = recv(sock, buffer, sizeof buffer, 0);
  CHECK(n <= 0);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(14));
  close(sock);
}

TEST_CASE("under TLS the workspace's cookie is Secure and __Host- prefixed", "[tls][workspace]") {
  TlsServer s;
  auto added =
      run_lyssna({"--db", s.db, "user", "add", "anna", "--role", "analyst"}, tls_password + "\n");
  REQUIRE(added.status == 0);
  httplib::Params login = {{"name", "anna"}, {"password", tls_password}};
  auto res = s.https->Post("/workspace/login", login);
  REQUIRE(res);
  REQUIRE(res->status == 303);
  const std::string set = res->get_header_value("Set-Cookie");
  CHECK_THAT(set, Catch::StartsWith("__Host-lyssna_session="));
  CHECK_THAT(set, Catch::EndsWith("; Path=/; HttpOnly; SameSite=Strict; Secure"));
  const std::string cookie = set.substr(0, set.find(';'));
  auto home = s.https->Get("/workspace", {{"Cookie", cookie}});
  REQUIRE(home);
  CHECK(home->status == 200);
  CHECK_THAT(home->body, Catch::Contains("anna"));
  // The cookie without its prefix is not the session's.
  auto stripped =
      s.https->Get("/workspace", {{"Cookie", cookie.substr(std::string("__Host-").size())}});
  CHECK(stripped->status == 303);
}

TEST_CASE("a certificate or key that cannot serve is refused with the file named", "[tls]") {
  TempDir dir;
  make_certificate(dir, "one");
  make_certificate(dir, "two");
  const std::string db = dir.file("t.db");
  auto serve = [&](std::vector<std::string> tls) {
    std::vector<std::string> args = {"--db", db, "serve", "--port", "0"};
    args.insert(args.end(), tls.begin(), tls.end());
    return run_lyssna(args);
  };
  auto mismatched = serve({"--tls-cert", dir.file("one.crt"), "--tls-key", dir.file("two.key")});
  CHECK(mismatched.status == 2);
  CHECK_THAT(mismatched.err, Catch::Contains("does not belong to the certificate"));
  CHECK_THAT(mismatched.err, Catch::Contains("two.key"));

  auto missing = serve({"--tls-cert", dir.file("none.crt"), "--tls-key", dir.file("one.key")});
  CHECK(missing.status == 2);
  CHECK_THAT(missing.err, Catch::Contains("--tls-cert: cannot read"));
  CHECK_THAT(missing.err, Catch::Contains("none.crt"));

  auto swapped = serve({"--tls-cert", dir.file("one.key"), "--tls-key", dir.file("one.crt")});
  CHECK(swapped.status == 2);
  CHECK_THAT(swapped.err, Catch::Contains("holds no PEM certificate"));

  std::ofstream(dir.file("empty.key")).close();
  auto empty = serve({"--tls-cert", dir.file("one.crt"), "--tls-key", dir.file("empty.key")});
  CHECK(empty.status == 2);
  CHECK_THAT(empty.err, Catch::Contains("--tls-key: cannot read"));

  auto half = serve({"--tls-cert", dir.file("one.crt")});
  CHECK(half.status == 2);
  CHECK_THAT(half.err, Catch::Contains("go together"));
}
