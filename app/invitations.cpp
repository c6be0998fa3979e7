// Invitation codes (see invitations.hpp).
#include "app/invitations.hpp"

#include "collector/codes/code_key.hpp"
#include "collector/codes/invitation_codes.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace lyssna::app {

Invitations::Invitations(std::string key_path, GuessLimiter::Limits limits)
    : key_path_(std::move(key_path)), guesses_(limits) {}

std::optional<std::string> Invitations::key() {
  std::lock_guard lock(mutex_);
  // Looked for again until found: `lyssna codes` may create it while a server runs.
  if (!key_) key_ = codes::load_key(key_path_);
  return key_;
}

void Invitations::wrong(const std::string& client, const std::string& field) {
  // The client's wrong codes of the window are answered as such (ten by
  // default); only the next one has to wait.
  const int64_t now = clock::now_seconds();
  if (auto wait = guesses_.blocked_for(client, now)) {
    throw TooManyAttempts("too many wrong invitation codes from this client; try again later",
                          *wait, field);
  }
  guesses_.failed(client, now);
  throw CodeRefused("the invitation code is not one of this survey's", CodeRefused::Why::unknown,
                    field);
}

std::string Invitations::digest(storage::Database& db, const std::string& survey,
                                const std::string& normalized) {
  if (codes::is_legacy_code(normalized)) return codes::code_digest({}, normalized);
  if (auto k = key()) return codes::code_digest(*k, normalized);
  if (storage::count_codes(db, survey).keyed > 0) {
    throw Unavailable("the invitation code key '" + key_path_ +
                      "' is missing, so no code of survey '" + survey +
                      "' can be checked; restore the file (or set LYSSNA_CODE_KEY_FILE)");
  }
  return {};  // no key, no keyed codes: the code cannot be one of them
}

std::string Invitations::spendable(storage::Database& db, const std::string& survey,
                                   std::string_view typed, const std::string& client,
                                   const std::string& field) {
  if (text::trim(typed).empty()) {
    throw CodeRefused("this survey needs an invitation code", CodeRefused::Why::missing, field);
  }
  auto normalized = codes::normalize_code(typed);
  if (!normalized) wrong(client, field);
  std::string stored = digest(db, survey, *normalized);
  if (stored.empty()) wrong(client, field);
  return stored;
}

std::string Invitations::check(storage::Database& db, const std::string& survey,
                               std::string_view typed, const std::string& client,
                               const std::string& field) {
  const std::string stored = spendable(db, survey, typed, client, field);
  switch (storage::code_state(db, survey, stored)) {
    case storage::CodeState::unknown:
      wrong(client, field);
    case storage::CodeState::used:
      throw CodeRefused("the invitation code has already answered", CodeRefused::Why::used, field);
    case storage::CodeState::unused:
      break;
  }
  return *codes::normalize_code(typed);
}

void Invitations::refused(storage::InsertStatus status, const std::string& client,
                          const std::string& field) {
  if (status == storage::InsertStatus::code_used) {
    throw CodeRefused("the invitation code has already answered", CodeRefused::Why::used, field);
  }
  wrong(client, field);
}

std::vector<std::string> Invitations::issue(storage::GroupCommitWriter& writer,
                                            const std::string& survey, size_t count,
                                            const std::function<void(storage::Database&)>& also) {
  const std::string k = [&] {
    std::lock_guard lock(mutex_);
    if (!key_) key_ = codes::load_or_create_key(key_path_);
    return *key_;
  }();
  std::vector<std::string> issued, digests;
  issued.reserve(count);
  digests.reserve(count);
  while (issued.size() < count) {
    issued.push_back(codes::generate_code());
    digests.push_back(codes::code_digest(k, *codes::normalize_code(issued.back())));
  }
  writer.execute([&](storage::Database& db) {
    if (storage::add_codes(db, survey, digests, true) != static_cast<int64_t>(count)) {
      // A collision with an earlier code: astronomically unlikely, but never
      // hand out a code that would not answer.
      throw Error("code generation collided with existing codes; run the command again");
    }
    if (also) also(db);
  });
  return issued;
}

}  // namespace lyssna::app
