// Background indexing (see background_indexer.hpp).
#include "indexing/background_indexer.hpp"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>

#include "analysis/analysis_error.hpp"
#include "collector/storage/schema.hpp"
#include "indexing/index_updater.hpp"
#include "indexing/language_data.hpp"
#include "util/terminal_text.hpp"

namespace lyssna::indexing {

BackgroundIndexer::BackgroundIndexer(std::string db_path)
    : db_path_(std::move(db_path)), thread_([this] { run(); }) {}

BackgroundIndexer::~BackgroundIndexer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void BackgroundIndexer::notify() {
  {
    std::lock_guard lock(mutex_);
    pending_ = true;
  }
  wake_.notify_one();
}

void BackgroundIndexer::run() {
  // Residents' answers come first: on a busy server indexing yields the CPU
  // to request threads and catches up when they are idle.
  setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
  std::optional<storage::Database> db;
  std::unique_ptr<analysis::TextIndex> index;
  std::unique_ptr<analysis::TextAnalyzer> analyzer;
  bool reported = false;
  auto last_round = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  // Responses set aside are tried again at start and then now and then:
  // their failure is rarely of the moment, and retrying costs every round.
  constexpr auto retry_every = std::chrono::minutes(10);
  auto last_retry = std::chrono::steady_clock::now() - retry_every;
  while (true) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, std::chrono::seconds(1), [&] { return pending_ || stopping_; });
      if (stopping_) return;
      // At most one round a second while answers stream in: each round ends
      // in a synced commit of the index, and the answers' own commits matter more.
      wake_.wait_until(lock, last_round + std::chrono::seconds(1), [&] { return stopping_; });
      if (stopping_) return;
      pending_ = false;
    }
    last_round = std::chrono::steady_clock::now();
    try {
      if (!db) db.emplace(storage::open_connection(db_path_));
      if (!index) {
        const std::string path = analysis::index_path_for(db_path_);
        index = std::make_unique<analysis::TextIndex>(path, analysis::TextIndex::Mode::update);
        if (needs_rebuild(*index)) {
          index.reset();
          index = std::make_unique<analysis::TextIndex>(path, analysis::TextIndex::Mode::rebuild);
        }
        analyzer = std::make_unique<analysis::TextAnalyzer>(language_resources());
      }
      UpdateOptions options;
      options.stop = [this] {
        std::lock_guard lock(mutex_);
        return stopping_;
      };
      options.retry_set_aside = last_round - last_retry >= retry_every;
      if (options.retry_set_aside) last_retry = last_round;
      const auto result = update_index(*db, *index, *analyzer, {}, options);
      for (const auto& r : result.set_aside) {
        std::fprintf(
            stderr,
            "lyssna: indexing set aside %s; the other responses go on, and it will be retried\n",
            describe(r).c_str());
      }
      for (const auto& r : result.recovered) {
        std::fprintf(stderr, "lyssna: indexing no longer sets aside response '%s' of survey '%s'\n",
                     text::for_terminal(r.id).c_str(), text::for_terminal(r.survey).c_str());
      }
      reported = false;
    } catch (const analysis::IndexBusy& e) {
      // Someone else (a `lyssna reindex`) writes it; try again next tick.
      if (!reported) std::fprintf(stderr, "lyssna: %s; will retry\n", e.what());
      reported = true;
      index.reset();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "lyssna: indexing failed: %s; will retry\n", e.what());
      index.reset();
    }
  }
}

}  // namespace lyssna::indexing
