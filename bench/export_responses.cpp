// Export time and peak memory at 1,000,000 responses: fills a temporary
// database with demo answers (the demo generator through the importer, a
// seed per 100,000 so memory stays flat), then runs each export of the
// answers (CSV, XLSX, SPSS, Stata) in a child process of its own and
// prints its wall and CPU time, the child's peak resident memory (wait4's
// ru_maxrss), its peak anonymous memory (sampled from /proc) and the
// file's size. A child that only opens the database
// gives the floor the exports are measured against. Not a test.
//   lyssna_bench_export_responses [RESPONSES] [DIR]   (default 1000000, a new dir in /tmp;
//   a DIR that holds bench.db already is measured without filling it again)
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include "app/answers_stat_file.hpp"
#include "app/answers_xlsx.hpp"
#include "app/services.hpp"
#include "app/survey_exports.hpp"
#include "app/surveys.hpp"
#include "app/transfer.hpp"
#include "demo/demo_generator.hpp"

using namespace lyssna;

namespace {

const std::string survey = "trygghet-bench";
const app::Actor bench_actor{"bench"};

void fill(const std::string& db, int64_t responses) {
  app::Services services({db});
  demo::DemoOptions options;
  options.survey_id = survey;
  const auto q = demo::demo_questionnaire(options);
  app::save_survey(services, bench_actor, q, false, "bench");
  const int64_t batch = 100000;
  for (int64_t done = 0, seed = 1; done < responses; done += batch, ++seed) {
    options.seed = static_cast<uint64_t>(seed);
    options.responses = static_cast<int>(std::min(batch, responses - done));
    std::stringstream records;
    demo::generate_records(q, options, [&](const interchange::Record& r) {
      records << interchange::record_to_jsonl(r) << '\n';
    });
    interchange::ImportOptions import;
    import.format = interchange::Format::jsonl;
    const auto report = app::import_records(services, records, import, [](const std::string& p) {
      std::fprintf(stderr, "refused: %s\n", p.c_str());
    });
    std::fprintf(stderr, "\r  %lld of %lld stored", static_cast<long long>(done + report.taken),
                 static_cast<long long>(responses));
  }
  std::fprintf(stderr, "\n");
}

// Runs `work` in a child; prints seconds, the child's peak memory and the file's size.
void measure(const std::string& name, const std::string& file, const std::function<void()>& work) {
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    try {
      work();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s: %s\n", name.c_str(), e.what());
      _exit(1);
    }
    _exit(0);
  }
  // Meanwhile the child's anonymous memory, sampled: its peak RSS also
  // counts the database file's pages SQLite maps (mmap_size), which are
  // the kernel's page cache and not the export's own.
  int status = 0;
  struct rusage usage {};
  long peak_anon = 0;
  while (wait4(pid, &status, WNOHANG, &usage) == 0) {
    std::ifstream proc("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(proc, line);) {
      if (line.rfind("RssAnon:", 0) == 0)
        peak_anon = std::max(peak_anon, std::atol(line.c_str() + 8));
    }
    usleep(20000);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  struct stat st {};
  const double mib = !file.empty() && stat(file.c_str(), &st) == 0 ? st.st_size / 1048576.0 : 0;
  std::printf(
      "  %-28s %7.2f s   cpu %6.2f s   peak RSS %8ld KiB   anonymous %7ld KiB   file %7.1f MiB%s\n",
      name.c_str(), seconds,
      usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec +
          usage.ru_stime.tv_usec / 1e6,
      usage.ru_maxrss, peak_anon, mib,
      WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "" : "   FAILED");
  std::fflush(stdout);
  if (!file.empty()) std::filesystem::remove(file);
}

}  // namespace

int main(int argc, char** argv) {
  const int64_t responses = argc > 1 ? std::atoll(argv[1]) : 1000000;
  std::string dir = argc > 2 ? argv[2] : "";
  bool made = false;
  if (dir.empty()) {
    std::string pattern = "/tmp/lyssna-bench-export-XXXXXX";
    if (!mkdtemp(pattern.data())) return 1;
    dir = pattern;
    made = true;
  }
  const std::string db = dir + "/bench.db";
  std::printf("== export of %lld responses (%s)\n", static_cast<long long>(responses), db.c_str());
  const auto start = std::chrono::steady_clock::now();
  // A database left in DIR by an earlier run is measured again as it is.
  if (!std::filesystem::exists(db)) fill(db, responses);
  std::printf("  generated and imported in %.1f s\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  std::fflush(stdout);

  const std::string out = dir + "/export";
  measure("floor (open the database)", "", [&] { app::Services services({db}); });
  measure("csv", out + ".csv", [&] {
    app::Services services({db});
    std::ofstream file(out + ".csv", std::ios::binary);
    app::export_answers_csv(services, bench_actor, survey, file);
  });
  measure("xlsx", out + ".xlsx", [&] {
    app::Services services({db});
    app::export_answers_xlsx(services, bench_actor, survey, out + ".xlsx");
  });
  for (auto [name, format] :
       {std::pair{"sav", util::StatFormat::sav}, std::pair{"dta", util::StatFormat::dta}}) {
    const std::string path = out + "." + name;
    measure(std::string(name) + " (labels sv)", path, [&, format = format] {
      app::Services services({db});
      std::ofstream file(path, std::ios::binary);
      app::export_answers_stat_file(services, bench_actor, survey, format, "sv", file);
    });
  }
  if (made) std::filesystem::remove_all(dir);
  return 0;
}
