// Dot voting under a room's load: PHONES phones, each on its own
// connection, place their dots at the same moment (a ballot POST to
// /d/<code>/vote, as the ballot page's form sends it), ROUNDS times (each
// round a new ballot per phone, all released together by a barrier).
// Prints the latency of a ballot POST (p50, p95, p99, max) until its 303:
// every ballot counted is durable, so this is the wait a participant sees.
//
//   lyssna_bench_vote seed DB                  a session with an open vote of
//                                              three candidates; prints CODE VOTE
//   lyssna_bench_vote run PORT CODE VOTE PHONES ROUNDS

#include <algorithm>
#include <barrier>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "app/accounts.hpp"
#include "app/dialogues.hpp"
#include "app/services.hpp"
#include "app/surveys.hpp"
#include "collector/questionnaire/standard_template.hpp"
#include "plain_connection.hpp"
#include "util/errors.hpp"

namespace {

using lyssna::bench::Connection;

int seed(const std::string& db) {
  using namespace lyssna;
  app::Services s({db});
  questionnaire::TemplateOptions o;
  o.survey_id = "trygghet-2026";
  o.areas = questionnaire::parse_area_list("handen,jordbro");
  app::save_survey(s, app::Actor{"bench"}, questionnaire::build_from_template("trygghet", o), false,
                   "bench");
  const auto user = app::add_user(s, app::Actor{"bench"}, "bench-facilitator",
                                  app::Role::facilitator, "correct horse battery");
  const auto access =
      app::Access::signed_in({user.id, "bench-facilitator", app::Role::facilitator});
  app::SessionInput in{"trygghet-2026", "jordbro", "Jordbro bibliotek", "2026-03-12", "meeting",
                       {"sv"},          "Bench"};
  const auto session = app::create_session(s, access, in);
  app::VoteInput v;
  v.session = session.id();
  v.candidates = {"lighting_environment", "drugs_alcohol", "traffic"};
  const auto vote = app::create_vote(s, access, v);
  app::set_vote_open(s, access, vote.line.id, true);
  std::printf("%s %s\n", session.join_code->c_str(), vote.line.id.c_str());
  return 0;
}

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const size_t i = std::min(sorted.size() - 1, static_cast<size_t>(p * double(sorted.size())));
  return sorted[i];
}

int run(int port, const std::string& code, const std::string& vote, int phones, int rounds) {
  using clock = std::chrono::steady_clock;
  const std::string run_id =
      std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
  const std::string path = "/d/" + code + "/vote";
  std::vector<std::vector<double>> latencies(static_cast<size_t>(phones));
  std::vector<int> failures(static_cast<size_t>(phones), 0);
  std::barrier start(phones);
  std::vector<std::thread> threads;
  const auto t_begin = clock::now();
  for (int p = 0; p < phones; ++p) {
    threads.emplace_back([&, p] {
      Connection c(port, 60);
      for (int r = 0; r < rounds; ++r) {
        const std::string body = "vote=" + vote + "&ballot=b-" + run_id + "-" + std::to_string(p) +
                                 "-" + std::to_string(r) +
                                 "&_lang=sv&dots.lighting_environment=2&dots.traffic=1";
        const std::string request = "POST " + path +
                                    " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                    "Content-Type: application/x-www-form-urlencoded\r\n"
                                    "Content-Length: " +
                                    std::to_string(body.size()) + "\r\n\r\n" + body;
        start.arrive_and_wait();  // the room votes at once
        const auto t0 = clock::now();
        const int status = c.ok() ? c.exchange(request) : -1;
        const auto t1 = clock::now();
        if (status != 303) {
          ++failures[static_cast<size_t>(p)];
          continue;
        }
        latencies[static_cast<size_t>(p)].push_back(
            std::chrono::duration<double, std::milli>(t1 - t0).count());
      }
    });
  }
  for (auto& t : threads) t.join();
  const double seconds = std::chrono::duration<double>(clock::now() - t_begin).count();
  std::vector<double> all;
  int failed = 0;
  for (int p = 0; p < phones; ++p) {
    all.insert(all.end(), latencies[static_cast<size_t>(p)].begin(),
               latencies[static_cast<size_t>(p)].end());
    failed += failures[static_cast<size_t>(p)];
  }
  std::sort(all.begin(), all.end());
  std::printf(
      "dot votes: %d phones at once x %d rounds: %zu ballots counted, %d failed, %.1f s; "
      "latency of a ballot POST p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms\n",
      phones, rounds, all.size(), failed, seconds, percentile(all, 0.50), percentile(all, 0.95),
      percentile(all, 0.99), all.empty() ? 0 : all.back());
  return failed == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc == 3 && std::string(argv[1]) == "seed") return seed(argv[2]);
    if (argc == 7 && std::string(argv[1]) == "run")
      return run(std::atoi(argv[2]), argv[3], argv[4], std::atoi(argv[5]), std::atoi(argv[6]));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", argv[0], e.what());
    return 1;
  }
  std::fprintf(stderr, "usage: %s seed DB | run PORT CODE VOTE PHONES ROUNDS\n", argv[0]);
  return 2;
}
