// `lyssna sync`: a laptop and the central server (docs/sync.md). --from
// fetches what the laptop needs to run dialogues (surveys with their
// codebooks, areas and margins, and the sessions not yet closed); --to
// pushes its sessions, every record and its votes in batches, keeping what
// the central server acknowledged so that a run cut off anywhere resumes;
// --status shows what is pending and what was refused.
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include <nlohmann/json.hpp>

#include "app/accounts.hpp"
#include "app/sync_laptop.hpp"
#include "cli/actor.hpp"
#include "cli/commands.hpp"
#include "collector/interchange/progress_bar.hpp"
#include "http/sync_client.hpp"
#include "util/errors.hpp"
#include "util/terminal_text.hpp"
#include "util/text.hpp"

namespace lyssna::cli {
namespace {

using nlohmann::json;

// Under the central server's limits (app/sync_central.hpp), with room.
constexpr size_t max_sync_request_bytes = 8u << 20;

std::string sync_token_arg(const ParsedArgs& a) {
  if (auto t = a.value("--token")) return *t;
  // The environment keeps the token out of `ps` and the shell's history.
  if (const char* env = std::getenv("LYSSNA_SYNC_TOKEN"); env && *env) return env;
  throw BadInput(
      "--token is required (or LYSSNA_SYNC_TOKEN): `lyssna token new` on the central "
      "server makes one",
      "--token");
}

void report_sync_refusal(bool progress, const app::OutgoingLine& line, const std::string& field,
                         const std::string& reason) {
  std::fprintf(stderr, "%srefused: %s %s%s%s%s: %s\n", progress ? "\r\033[K" : "",
               line.kind.c_str(), text::for_terminal(line.key).c_str(),
               field.empty() ? "" : ", field '", text::for_terminal(field).c_str(),
               field.empty() ? "" : "'", text::for_terminal(reason).c_str());
}

// The central server's verdict on each line of a batch, by line number.
std::vector<std::optional<app::LineVerdict>> sync_verdicts_of(const json& answer, size_t lines) {
  std::vector<std::optional<app::LineVerdict>> out(lines);
  if (!answer.is_object() || !answer.contains("lines") || !answer["lines"].is_array())
    throw Unavailable("the central server's answer has no lines");
  for (const auto& l : answer["lines"]) {
    if (!l.is_object() || !l.contains("line") || !l["line"].is_number_unsigned()) continue;
    const size_t n = l["line"].get<size_t>();
    if (n == 0 || n > lines) continue;
    const std::string status = l.value("status", "");
    app::LineVerdict v;
    if (status == "stored" || status == "updated" || status == "duplicate") {
      v.acknowledged = true;
      // A vote taken but for ballots seen there with other dots: kept as refused.
      if (l.contains("ballots") && l["ballots"].is_array() && !l["ballots"].empty()) {
        v.acknowledged = false;
        v.field = l["ballots"][0].value("field", "ballots");
        v.reason = l["ballots"][0].value("reason", "refused");
        if (l["ballots"].size() > 1)
          v.reason += " (and " + std::to_string(l["ballots"].size() - 1) + " more ballots)";
      }
    } else if (status == "refused") {
      v.field = l.value("field", "");
      v.reason = l.value("reason", "refused");
    } else {
      continue;  // no verdict: the line goes again next time
    }
    out[n - 1] = std::move(v);
  }
  return out;
}

// A run of lines sent in one request, all of one phase: sessions, then
// records, then votes (a vote names its session, which must be there first).
struct SyncBatch {
  std::vector<app::OutgoingLine> lines;
  std::string body;
};

int sync_phase(const std::string& kind) {
  return kind == "session" ? 0 : kind == "record" ? 1 : 2;
}

// Requests in flight at once: the central server reads and checks one
// batch on a request thread while its writer commits the other, and the
// laptop keeps its record of one while the next travels.
constexpr size_t sync_requests_in_flight = 2;

// Batches between the reading thread and the senders. Reading runs well
// ahead (up to 64 batches, some 50 MB), so that its read snapshot ends
// early: while it lasts the laptop's WAL cannot be reset, and each
// acknowledgement written behind it got slower as the WAL grew (from 35 to
// 200 ms a batch over 50,000 records). Bounded, so that a laptop of a
// million records is not all held in memory.
class SyncBatchQueue {
 public:
  static constexpr size_t max_waiting = 64;

  struct Stopped {};  // thrown to the reader once a sender failed

  void push(SyncBatch batch) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return failure_ || queue_.size() < max_waiting; });
    if (failure_) throw Stopped{};
    queue_.push_back(std::move(batch));
    changed_.notify_all();
  }
  std::optional<SyncBatch> pop() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return failure_ || closed_ || !queue_.empty(); });
    if (failure_ || queue_.empty()) return std::nullopt;
    SyncBatch b = std::move(queue_.front());
    queue_.pop_front();
    ++in_flight_;
    changed_.notify_all();
    return b;
  }
  void done() {
    std::lock_guard lock(mutex_);
    --in_flight_;
    changed_.notify_all();
  }
  // Until every batch pushed so far is answered: a phase's end.
  void wait_idle() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return failure_ || (queue_.empty() && in_flight_ == 0); });
    if (failure_) throw Stopped{};
  }
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    changed_.notify_all();
  }
  void fail(std::exception_ptr e) {
    std::lock_guard lock(mutex_);
    if (!failure_) failure_ = e;
    changed_.notify_all();
  }
  std::exception_ptr failure() {
    std::lock_guard lock(mutex_);
    return failure_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<SyncBatch> queue_;
  size_t in_flight_ = 0;
  bool closed_ = false;
  std::exception_ptr failure_;
};

// Keeps the central server's verdicts in the laptop's database on a thread
// of its own, several batches to a transaction, so that senders go on
// sending meanwhile. A verdict not yet kept when a sync is cut off only
// means its line goes again and is found a duplicate.
class SyncVerdictKeeper {
 public:
  SyncVerdictKeeper(app::Services& services, std::string target)
      : services_(services), target_(std::move(target)), thread_([this] { run(); }) {}
  ~SyncVerdictKeeper() { finish(); }
  SyncVerdictKeeper(const SyncVerdictKeeper&) = delete;
  SyncVerdictKeeper& operator=(const SyncVerdictKeeper&) = delete;

  void keep(std::vector<app::OutgoingLine> lines, std::vector<app::LineVerdict> verdicts) {
    std::lock_guard lock(mutex_);
    for (auto& l : lines) lines_.push_back(std::move(l));
    for (auto& v : verdicts) verdicts_.push_back(std::move(v));
    changed_.notify_all();
  }
  // Keeps what is left and stops; the first error of keeping, if any.
  std::exception_ptr finish() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
      changed_.notify_all();
    }
    if (thread_.joinable()) thread_.join();
    return error_;
  }

 private:
  void run() {
    for (;;) {
      std::vector<app::OutgoingLine> lines;
      std::vector<app::LineVerdict> verdicts;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return closed_ || !lines_.empty(); });
        if (lines_.empty()) return;
        lines.swap(lines_);
        verdicts.swap(verdicts_);
      }
      try {
        app::note_sync_verdicts(services_, target_, lines, verdicts);
      } catch (...) {
        std::lock_guard lock(mutex_);
        if (!error_) error_ = std::current_exception();
      }
    }
  }

  app::Services& services_;
  const std::string target_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<app::OutgoingLine> lines_;
  std::vector<app::LineVerdict> verdicts_;
  bool closed_ = false;
  std::exception_ptr error_;
  std::thread thread_;  // last: starts when the rest is ready
};

int run_sync_push(const Context& c, const ParsedArgs& a) {
  const std::string url = *a.value("--to"), token = sync_token_arg(a), ca = a.value_or("--ca", "");
  http::SyncClient client(url, token, ca, "--to");
  const size_t batch_lines = static_cast<size_t>(a.number("--batch", 1, 20000).value_or(1000));
  const bool progress = !a.flag("--quiet") && interchange::ProgressBar::stderr_is_terminal();
  app::Services services({c.db_path});
  if (a.flag("--resend")) app::forget_sync_target(services, client.target());
  const int64_t estimate = app::pending_sync_estimate(services, client.target());
  interchange::ProgressBar bar("sync", static_cast<uint64_t>(std::max<int64_t>(estimate, 0)),
                               progress);
  std::mutex mutex;  // guards the counts, stderr and the bar
  int64_t sent = 0, acknowledged = 0, refused = 0;

  SyncVerdictKeeper keeper(services, client.target());
  auto send = [&](http::SyncClient& to, const SyncBatch& b) {
    const auto verdicts = sync_verdicts_of(to.send_lines(b.body), b.lines.size());
    std::vector<app::OutgoingLine> answered;
    std::vector<app::LineVerdict> kept;
    for (size_t i = 0; i < verdicts.size(); ++i) {
      if (!verdicts[i]) continue;
      answered.push_back(b.lines[i]);
      kept.push_back(*verdicts[i]);
    }
    std::lock_guard lock(mutex);
    for (size_t i = 0; i < answered.size(); ++i) {
      if (kept[i].acknowledged) {
        ++acknowledged;
      } else {
        ++refused;
        report_sync_refusal(progress, answered[i], kept[i].field, kept[i].reason);
      }
    }
    const auto done = static_cast<uint64_t>(acknowledged + refused);
    bar.update(done, done);
    // Kept here only after the central server's commit answered.
    keeper.keep(std::move(answered), std::move(kept));
  };

  SyncBatchQueue queue;
  std::vector<std::unique_ptr<http::SyncClient>> clients;
  std::vector<std::thread> senders;
  for (size_t t = 0; t < sync_requests_in_flight; ++t) {
    clients.push_back(t == 0 ? nullptr
                             : std::make_unique<http::SyncClient>(url, token, ca, "--to"));
    http::SyncClient& to = t == 0 ? client : *clients.back();
    senders.emplace_back([&queue, &send, &to] {
      while (auto b = queue.pop()) {
        try {
          send(to, *b);
        } catch (...) {
          queue.fail(std::current_exception());
        }
        queue.done();
      }
    });
  }
  SyncBatch batch;
  int phase = 0;
  bool any = false;
  auto flush = [&] {
    if (batch.lines.empty()) return;
    queue.push(std::move(batch));
    batch = SyncBatch{};
    any = true;
  };
  try {
    app::for_each_pending_sync_line(services, client.target(), [&](app::OutgoingLine&& line) {
      const int p = sync_phase(line.kind);
      if (p != phase) {
        flush();
        queue.wait_idle();  // the sessions are there before what names them
        phase = p;
      }
      if (!batch.lines.empty() &&
          (batch.lines.size() >= batch_lines ||
           batch.body.size() + line.text.size() + 1 > max_sync_request_bytes))
        flush();
      batch.body += line.text;
      batch.body.push_back('\n');
      batch.lines.push_back(std::move(line));
      std::lock_guard lock(mutex);
      ++sent;
    });
    flush();
    // One request even when nothing is pending: the token is checked (a
    // revoked one fails here too) and the sync is in the audit log.
    if (!any) queue.push(SyncBatch{});
  } catch (const SyncBatchQueue::Stopped&) {
    // a sender failed: its error is reported below
  } catch (...) {
    queue.fail(std::current_exception());
  }
  queue.close();
  for (auto& t : senders) t.join();
  const auto keeping = keeper.finish();
  bar.finish();
  if (auto failure = queue.failure()) std::rethrow_exception(failure);  // acknowledged is kept
  if (keeping) std::rethrow_exception(keeping);
  std::printf("sync to %s: %lld line%s sent, %lld acknowledged, %lld refused (kept here)\n",
              client.target().c_str(), static_cast<long long>(sent), sent == 1 ? "" : "s",
              static_cast<long long>(acknowledged), static_cast<long long>(refused));
  return refused > 0 ? exit_partial : exit_ok;
}

int run_sync_fetch(const Context& c, const ParsedArgs& a) {
  http::SyncClient client(*a.value("--from"), sync_token_arg(a), a.value_or("--ca", ""), "--from");
  std::vector<std::string> surveys;
  if (auto s = a.value("--survey")) surveys = text::split_list(*s);
  const json offer = client.offer(surveys);
  app::Services services({c.db_path});
  std::optional<int64_t> owner;
  if (auto name = a.value("--owner")) owner = app::user_id(services, *name);
  const auto r = app::store_sync_offer(services, command_line_actor(), offer, owner);
  for (const auto& p : r.problems) std::fprintf(stderr, "refused: %s\n", p.c_str());
  std::printf(
      "sync from %s: %lld survey%s (%lld changed), sessions %lld new, %lld updated, "
      "%lld refused\n",
      client.target().c_str(), static_cast<long long>(r.surveys), r.surveys == 1 ? "" : "s",
      static_cast<long long>(r.surveys_changed), static_cast<long long>(r.sessions_stored),
      static_cast<long long>(r.sessions_updated), static_cast<long long>(r.sessions_refused));
  return r.problems.empty() ? exit_ok : exit_partial;
}

int run_sync_status(const Context& c, const ParsedArgs& a) {
  std::string target;
  if (auto to = a.value("--to")) target = http::sync_target(*to, "--to");
  app::Services services({c.db_path});
  const auto st = app::sync_status(services, target);
  std::printf("held here: %lld session%s, %lld record%s, %lld vote%s\n",
              static_cast<long long>(st.sessions), st.sessions == 1 ? "" : "s",
              static_cast<long long>(st.records), st.records == 1 ? "" : "s",
              static_cast<long long>(st.votes), st.votes == 1 ? "" : "s");
  if (!target.empty()) {
    std::printf("pending for %s: %lld session%s, %lld record%s, %lld vote%s\n", target.c_str(),
                static_cast<long long>(st.pending_sessions), st.pending_sessions == 1 ? "" : "s",
                static_cast<long long>(st.pending_records), st.pending_records == 1 ? "" : "s",
                static_cast<long long>(st.pending_votes), st.pending_votes == 1 ? "" : "s");
  }
  std::printf("refused: %zu\n", st.refused.size());
  for (const auto& r : st.refused) {
    std::printf("  %s %s %s%s%s%s: %s\n", r.target.c_str(), r.line.kind.c_str(),
                text::for_terminal(r.line.key).c_str(), r.field.empty() ? "" : ", field '",
                text::for_terminal(r.field).c_str(), r.field.empty() ? "" : "'",
                text::for_terminal(r.reason).c_str());
  }
  return st.refused.empty() ? exit_ok : exit_partial;
}

int run_sync(const Context& c, const ParsedArgs& a) {
  const int modes =
      (a.value("--to") && !a.flag("--status")) + !!a.value("--from") + a.flag("--status");
  if (modes != 1)
    throw BadInput("give one of --to URL, --from URL or --status (with --to URL: for that server)");
  if (a.flag("--status")) return run_sync_status(c, a);
  if (a.value("--from")) return run_sync_fetch(c, a);
  return run_sync_push(c, a);
}

}  // namespace

std::vector<Command> sync_commands() {
  return {
      {{"sync",
        "lyssna sync --to URL|--from URL [--token TOKEN] [--survey ID,...] [--ca FILE] "
        "[--batch N] | --status [--to URL]",
        "a laptop's sync with the central server: fetch surveys, push what was collected",
        "--from URL fetches the surveys (all, or --survey's) with their codebooks, area\n"
        "lists and margins, and their sessions not yet closed, as copies the central\n"
        "server owns. --to URL sends this laptop's sessions, every record and its votes in\n"
        "batches; what the server acknowledged is kept, so a sync cut off anywhere and run\n"
        "again sends only the rest, and the server keeps each record exactly once. A line\n"
        "the server refuses stays here, is reported with its reason and goes again next\n"
        "time. --status lists what is pending (for --to's server) and refused. HTTPS when\n"
        "the URL says https. Exit status: 0 done, 3 some lines refused, 1 failed (server\n"
        "unreachable, token refused: nothing lost, run it again). docs/sync.md.",
        {{"--to", "URL", "push to this central server (http://HOST:PORT or https://...)"},
         {"--from", "URL", "fetch surveys and open sessions from this central server"},
         {"--token", "TOKEN", "the laptop's sync token (else $LYSSNA_SYNC_TOKEN)"},
         {"--survey", "ID,...", "--from: only these surveys"},
         {"--owner", "USER", "--from: the workspace user (a facilitator) the sessions are for"},
         {"--ca", "FILE", "PEM certificate(s) to trust for a central server's own certificate"},
         {"--batch", "N", "--to: lines per request (1 to 20000, default 1000)"},
         {"--status", "", "show what is pending and refused; sends nothing"},
         {"--resend", "", "--to: send every line again (a central server restored from a backup)"},
         {"--quiet", "", "no progress bar"}},
        0,
        0},
       run_sync}};
}

}  // namespace lyssna::cli
