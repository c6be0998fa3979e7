// The application layer's shared parts: the database (one writer, pooled
// readers), the survey cache, the analysis cache, invitation codes, the credential of scripts,
// the workspace's sign-in state and the clock its rules read. One per process: `lyssna serve` makes
// one for all its request threads, a CLI command one for itself. Every rule of the application
// lives in the functions of app/ that take it; HTTP handlers and CLI
// commands only parse, call and render. Thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "app/access.hpp"
#include "app/analysis_cache.hpp"
#include "app/guess_limiter.hpp"
#include "app/invitations.hpp"
#include "app/login_gate.hpp"
#include "app/survey_cache.hpp"
#include "collector/storage/connection_pool.hpp"
#include "collector/storage/group_commit_writer.hpp"
#include "indexing/background_indexer.hpp"
#include "util/clock.hpp"

namespace lyssna::app {

struct ServiceOptions {
  std::string db_path = "lyssna.db";
  // Bearer token of scripts (the analysis API, trusted submissions); empty: none.
  std::string api_token;
  // The workspace: session timeouts, failed-login rules, password cost.
  SessionPolicy sessions{};
  LoginPolicy logins{};
  password::Cost password_cost = password::default_cost;
  // The time the workspace's rules read (sessions, logins, the audit
  // log); tests hand in a clock they move.
  clock::Now now = clock::now_seconds;
};

class Services {
 public:
  // Opens the database, creating it and applying migrations. Throws StorageError.
  explicit Services(ServiceOptions options);
  Services(const Services&) = delete;
  Services& operator=(const Services&) = delete;

  const std::string& db_path() const { return options_.db_path; }
  storage::ConnectionPool& readers() { return readers_; }
  storage::GroupCommitWriter& writer() { return writer_; }
  SurveyCache& surveys() { return surveys_; }
  // The surveys' analyses kept between requests (app/analysis_cache.hpp).
  AnalysisCache& analyses() { return analyses_; }
  Invitations& invitations() { return invitations_; }
  // Wrong join codes of dialogue sessions, per client (app/dialogues.hpp):
  // 30 in 15 minutes, more than a room's mistyping, and with 31^6 codes
  // nothing that finds an open session by trying.
  GuessLimiter& join_guesses() { return join_guesses_; }
  LoginGate& login_gate() { return login_gate_; }
  int64_t now() const { return options_.now(); }

  // Starts the background indexer (a server's), which keeps the text index
  // within about a second of what is stored; without it, analyses bring the
  // index up to date themselves when they open it.
  void keep_index_current();
  bool index_kept_current() const { return indexer_ != nullptr; }

  // Answers a query on the database (throws StorageError when it cannot)
  // and says how the writer has done.
  storage::GroupCommitWriter::Stats health();

  // The access of a request that presents `bearer` (nullopt: none). Throws
  // Unauthorized for a token that is not the server's.
  Access authenticate(std::optional<std::string_view> bearer) const;
  // For what only scripts may do: throws NotFound when the server has no
  // token (the feature is off), Unauthorized when `access` is no script.
  void require_script(const Access& access) const;

 private:
  ServiceOptions options_;
  storage::ConnectionPool readers_;
  storage::GroupCommitWriter writer_;
  SurveyCache surveys_;
  AnalysisCache analyses_;
  Invitations invitations_;
  GuessLimiter join_guesses_{GuessLimiter::Limits{30, 900, 100000}};
  LoginGate login_gate_;
  std::unique_ptr<indexing::BackgroundIndexer> indexer_;  // last: stops first
};

}  // namespace lyssna::app
