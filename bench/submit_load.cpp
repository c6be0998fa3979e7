// Load driver: N clients, each on its own keep-alive connection, POST
// records of the contract to a running `lyssna serve` as fast as they are
// acknowledged, for a fixed time. Prints acknowledged submissions per
// second and the p50/p99 latency. Every acknowledged answer is durable, so
// this measures durable throughput.
//
// The clients speak HTTP/1.1 over plain sockets, one send per request and
// a recv per response, so that on a small machine the load generator takes
// as little of the CPU it shares with the server as it can (a full client
// library spends several system calls a request of its own).
//
//   lyssna_bench_submit PORT SURVEY CLIENTS SECONDS
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

// One keep-alive connection to the server, closed when it goes.
class Connection {
 public:
  explicit Connection(int port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    int yes = 1;
    setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    timeval tv{30, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok_ = fd_ >= 0 && connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~Connection() {
    if (fd_ >= 0) close(fd_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  bool ok() const { return ok_; }
  bool closing() const { return closing_; }

  // Sends one request and reads its response; returns the status, or -1
  // when the connection failed. `body` receives the response body.
  // closing() tells afterwards whether the server ends the connection.
  int exchange(const std::string& request, std::string& body) {
    for (size_t sent = 0; sent < request.size();) {
      ssize_t n = send(fd_, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return -1;
      sent += static_cast<size_t>(n);
    }
    while (true) {
      const size_t end = buffer_.find("\r\n\r\n");
      if (end != std::string::npos) {
        const std::string head = buffer_.substr(0, end);
        const size_t length = content_length(head);
        if (buffer_.size() >= end + 4 + length) {
          closing_ = head.find("Connection: close") != std::string::npos;
          const int status = std::atoi(buffer_.c_str() + 9);  // "HTTP/1.1 201 ..."
          body = buffer_.substr(end + 4, length);
          buffer_.erase(0, end + 4 + length);
          return status;
        }
      }
      char chunk[16384];
      ssize_t n = recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) return -1;
      buffer_.append(chunk, static_cast<size_t>(n));
    }
  }

 private:
  static size_t content_length(const std::string& head) {
    for (const char* name : {"Content-Length:", "content-length:"}) {
      auto at = head.find(name);
      if (at != std::string::npos)
        return std::strtoul(head.c_str() + at + std::strlen(name), nullptr, 10);
    }
    return 0;
  }
  int fd_;
  bool ok_ = false;
  bool closing_ = false;
  std::string buffer_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s PORT SURVEY CLIENTS SECONDS\n", argv[0]);
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const std::string survey = argv[2];
  const int clients = std::atoi(argv[3]);
  const double seconds = std::atof(argv[4]);
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  const auto end =
      start + std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(seconds));
  std::atomic<long> failures{0};
  // Ids unique to this run, so that a second run against the same database
  // measures new answers, not duplicates.
  const std::string run =
      std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
  const std::string path = "/api/v1/surveys/" + survey + "/responses";
  std::vector<std::vector<double>> latencies(static_cast<size_t>(clients));
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      auto connection = std::make_unique<Connection>(port);
      std::string response;
      for (long i = 0; clock::now() < end; ++i) {
        if (!connection->ok()) {
          failures++;
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
          connection = std::make_unique<Connection>(port);
          continue;
        }
        const std::string body =
            R"({"id":"bench-)" + run + "-" + std::to_string(c) + "-" + std::to_string(i) +
            R"(","survey":")" + survey +
            R"(","lang":"sv","channel":"online","session":null,"submitted_at":"2026-03-04T18:22:05Z","answers":{"area":"jordbro","safe_night":"fairly_unsafe","problem_drug_dealing":"very_big","free_text":"Mörkt och obehagligt vid gångtunneln, langning på kvällarna."}})";
        const std::string request = "POST " + path +
                                    " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                    "Content-Type: application/json\r\nContent-Length: " +
                                    std::to_string(body.size()) + "\r\n\r\n" + body;
        auto t0 = clock::now();
        const int status = connection->exchange(request, response);
        auto t1 = clock::now();
        if (status != 201) {
          if (failures++ < 3) std::fprintf(stderr, "failed: %d %s\n", status, response.c_str());
          if (status < 0 || connection->closing()) connection = std::make_unique<Connection>(port);
          continue;
        }
        if (connection->closing()) connection = std::make_unique<Connection>(port);
        latencies[static_cast<size_t>(c)].push_back(
            std::chrono::duration<double, std::milli>(t1 - t0).count());
      }
    });
  }
  for (auto& t : threads) t.join();
  const double elapsed = std::chrono::duration<double>(clock::now() - start).count();
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) {
    return all.empty() ? 0.0
                       : all[std::min(all.size() - 1,
                                      static_cast<size_t>(p * static_cast<double>(all.size())))];
  };
  std::printf(
      "clients=%d acknowledged=%zu failures=%ld seconds=%.2f rate=%.0f/s p50=%.2fms p99=%.2fms\n",
      clients, all.size(), failures.load(), elapsed, static_cast<double>(all.size()) / elapsed,
      pct(0.50), pct(0.99));
  return failures.load() == 0 ? 0 : 1;
}
