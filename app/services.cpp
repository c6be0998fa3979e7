// The application's shared parts (see services.hpp).
#include "app/services.hpp"

#include "collector/codes/code_key.hpp"
#include "collector/storage/schema.hpp"
#include "util/digest.hpp"
#include "util/errors.hpp"

namespace lyssna::app {
namespace {

// Opened (and migrated) once before any pooled connection or the writer.
const std::string& migrated(const std::string& path) {
  storage::open_database(path);
  return path;
}

}  // namespace

Services::Services(ServiceOptions options)
    : options_(std::move(options)),
      readers_(migrated(options_.db_path)),
      writer_(options_.db_path),
      surveys_(readers_),
      invitations_(codes::key_path_for(options_.db_path), GuessLimiter::Limits{}),
      login_gate_(options_.sessions, options_.logins, options_.password_cost) {
  if (!options_.now) options_.now = clock::now_seconds;
}

void Services::keep_index_current() {
  if (indexer_) return;
  indexer_ = std::make_unique<indexing::BackgroundIndexer>(options_.db_path);
  writer_.set_after_commit([this] { indexer_->notify(); });
}

storage::GroupCommitWriter::Stats Services::health() {
  auto db = readers_.acquire();
  db->exec("SELECT 1");
  return writer_.stats();
}

Access Services::authenticate(std::optional<std::string_view> bearer) const {
  if (!bearer) return Access::resident();
  // Compared as digests of equal length, in constant time: neither the
  // token's bytes nor its length show in how long a wrong one takes.
  if (options_.api_token.empty() ||
      !same_secret(sha256_hex(*bearer), sha256_hex(options_.api_token))) {
    throw Unauthorized("a valid bearer token is required");
  }
  return Access::script();
}

void Services::require_script(const Access& access) const {
  if (options_.api_token.empty()) {
    throw NotFound("the analysis API is off: start the server with --token to use it");
  }
  if (!access.trusted()) throw Unauthorized("a valid bearer token is required");
}

}  // namespace lyssna::app
