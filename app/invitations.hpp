// Invitation codes of sampled surveys: checking what a resident typed,
// spending a code with its answer, issuing new ones. Wrong codes count
// against the client's address (in memory only); a right code is taken
// even from an address that made too many wrong ones, so a school's or a
// mobile operator's shared address never locks out people with valid
// codes: codes are long enough that the limit is not what protects them.
// Thread-safe.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/guess_limiter.hpp"
#include "collector/storage/code_store.hpp"
#include "collector/storage/group_commit_writer.hpp"
#include "collector/storage/response_store.hpp"
#include "collector/storage/sqlite.hpp"

namespace lyssna::app {

class Invitations {
 public:
  // `key_path`: the file of the database's code key (collector/codes/code_key.hpp).
  Invitations(std::string key_path, GuessLimiter::Limits limits);

  // What `typed` is for `survey`, without spending it: its normalised form.
  // Throws CodeRefused (missing, unknown or used; `field` names where the
  // code came from) or TooManyAttempts after too many wrong codes from
  // `client` (a right code still passes).
  std::string check(storage::Database& db, const std::string& survey, std::string_view typed,
                    const std::string& client, const std::string& field);
  // The digest under which `typed` would be stored, to spend it with an
  // answer (the writer decides whether it is unused). Throws CodeRefused
  // (missing, or not a code at all: counted as wrong) or TooManyAttempts,
  // and Unavailable when the survey has keyed codes but the key file is gone.
  std::string spendable(storage::Database& db, const std::string& survey, std::string_view typed,
                        const std::string& client, const std::string& field);
  // After the writer refused to spend a code (code_unknown or code_used):
  // counts a wrong code against `client` and throws what the client is told.
  [[noreturn]] void refused(storage::InsertStatus status, const std::string& client,
                            const std::string& field);

  // `count` new random codes for `survey`, stored (as keyed digests) in one
  // transaction through `writer`, in which `also` runs (the audit entry).
  // Creates the key file on first use.
  std::vector<std::string> issue(storage::GroupCommitWriter& writer, const std::string& survey,
                                 size_t count,
                                 const std::function<void(storage::Database&)>& also = {});

 private:
  [[noreturn]] void wrong(const std::string& client, const std::string& field);
  // The stored digest of a normalised code; empty when no code can match.
  std::string digest(storage::Database& db, const std::string& survey,
                     const std::string& normalized);
  std::optional<std::string> key();

  std::string key_path_;
  GuessLimiter guesses_;
  std::mutex mutex_;
  std::optional<std::string> key_;  // loaded once found
};

}  // namespace lyssna::app
