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

#include "plain_connection.hpp"

using lyssna::bench::Connection;

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
