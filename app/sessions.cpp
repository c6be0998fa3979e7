// Sign-in, sessions and sign-out (see sessions.hpp).
#include "app/sessions.hpp"

#include "app/audit.hpp"
#include "app/services.hpp"
#include "collector/storage/session_store.hpp"
#include "collector/storage/user_store.hpp"
#include "util/client_key.hpp"
#include "util/digest.hpp"
#include "util/random.hpp"
#include "util/text.hpp"

namespace lyssna::app {
namespace {

constexpr size_t session_id_bytes = 32;  // 256 bits
constexpr size_t session_token_length = 43;

const char* const wrong_login = "the name or the password is wrong";
const char* const locked_login =
    "this account is locked after too many failed logins; an admin can lift the lock";

FailureState state_of(const storage::UserRow& row) {
  return {row.failed_logins, row.last_failed_at, row.locked_at};
}

// What an attempt that may not go on is told.
[[noreturn]] void refuse(const ThrottleVerdict& verdict) {
  if (verdict.kind == ThrottleVerdict::Kind::locked)
    throw LoginRefused(locked_login, LoginRefused::Why::locked);
  throw TooManyAttempts("too many failed logins: wait before trying again", verdict.retry_after);
}

Session session_of(const storage::SessionWithUser& found, std::string token,
                   const SessionPolicy& policy) {
  Session s;
  s.token = std::move(token);
  s.id_hash = found.session.id_hash;
  s.staff = {found.user.id, found.user.name, parse_role(found.user.role).value_or(Role::viewer)};
  s.lang = found.session.lang;
  s.created_at = found.session.created_at;
  s.seen_at = found.session.seen_at;
  s.ends_at = session_ends_at(s.created_at, s.seen_at, policy);
  return s;
}

// The failure of a user's login, recorded with its consequences.
bool record_user_failure(Services& services, int64_t user_id, int64_t now) {
  bool locked_now = false;
  const auto& policy = services.login_gate().logins().account;
  services.writer().execute([&](storage::Database& db) {
    auto row = storage::find_user(db, user_id);
    if (!row) return;
    const FailureState state = after_failure(state_of(*row), policy, now, &locked_now);
    storage::set_login_failures(db, row->id, state.failures, state.last_failure, state.locked_at);
    record_audit(db, now, Actor{row->name}, AuditAction::login_failed, row->name,
                 row->disabled ? "account disabled" : "wrong password");
    if (locked_now) {
      record_audit(db, now, Actor{row->name}, AuditAction::account_locked, row->name,
                   "failed logins=" + std::to_string(state.failures));
    }
  });
  return locked_now;
}

}  // namespace

std::string Session::csrf_token() const {
  return hmac_sha256_hex(token, "lyssna workspace csrf v1");
}

bool Session::csrf_matches(std::string_view presented) const {
  // Both are 64 hex digits when the token is sound; a length that differs
  // says nothing about the token.
  return same_secret(presented, csrf_token());
}

bool looks_like_session_token(std::string_view token) {
  if (token.size() != session_token_length) return false;
  for (char c : token) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

Session sign_in(Services& services, const LoginAttempt& attempt) {
  LoginGate& gate = services.login_gate();
  const int64_t now = services.now();
  const std::string client = client_key(attempt.client);
  if (auto v = gate.clients().judge(client, now); v.kind != ThrottleVerdict::Kind::allowed) {
    // A client that must wait is told so alike for every name.
    throw TooManyAttempts("too many failed logins from this address: wait before trying again",
                          v.retry_after);
  }
  const std::string name = text::trim(attempt.name);
  const std::string name_key = text::to_lower_ascii(name);
  std::optional<storage::UserRow> user;
  if (!name.empty() && name.size() <= 4 * 64) {
    auto db = services.readers().acquire();
    user = storage::find_user(*db, name);
  }
  const ThrottleVerdict verdict = user ? judge(state_of(*user), gate.logins().account, now)
                                       : gate.unknown_names().judge(name_key, now);
  if (verdict.kind != ThrottleVerdict::Kind::allowed) refuse(verdict);

  const bool password_right =
      gate.verify(user ? user->password_hash : gate.decoy_hash(), attempt.password);
  if (!user || !password_right || user->disabled) {
    gate.clients().failed(client, now);
    bool locked_now = false;
    if (user) {
      locked_now = record_user_failure(services, user->id, now);
    } else {
      gate.unknown_names().failed(name_key, now, &locked_now);
      // Written like a user's failure, so that it takes as long.
      services.writer().execute([&](storage::Database& db) {
        record_audit(db, now, Actor{""}, AuditAction::login_failed, "", "no such user");
      });
    }
    if (locked_now) throw LoginRefused(locked_login, LoginRefused::Why::locked);
    throw LoginRefused(wrong_login, LoginRefused::Why::wrong);
  }

  const std::string rehashed =
      gate.needs_rehash(user->password_hash) ? gate.hash(attempt.password) : std::string();
  std::string token = random::secret_token(session_id_bytes);
  storage::SessionRow row{sha256_hex(token), user->id, attempt.lang, now, now};
  std::optional<storage::SessionWithUser> stored;
  const auto& policy = gate.sessions();
  services.writer().execute([&](storage::Database& db) {
    auto current = storage::find_user(db, user->id);
    if (!current || current->disabled) throw LoginRefused(wrong_login, LoginRefused::Why::wrong);
    storage::record_login(db, user->id, now);
    if (!rehashed.empty()) storage::set_password_hash(db, user->id, rehashed, now);
    storage::delete_expired_sessions(db, now - policy.idle_seconds, now - policy.absolute_seconds);
    storage::insert_session(db, row);
    record_audit(db, now, Actor{current->name}, AuditAction::login, current->name,
                 rehashed.empty() ? "" : "password hash renewed");
    stored = storage::find_session(db, row.id_hash);
  });
  return session_of(*stored, std::move(token), policy);
}

SessionLookup resume_session(Services& services, std::string_view token) {
  SessionLookup out;
  if (!looks_like_session_token(token)) return out;
  const std::string id_hash = sha256_hex(token);
  std::optional<storage::SessionWithUser> found;
  {
    auto db = services.readers().acquire();
    found = storage::find_session(*db, id_hash);
  }
  if (!found) return out;
  const auto& policy = services.login_gate().sessions();
  const int64_t now = services.now();
  if (found->user.disabled || session_state(found->session.created_at, found->session.seen_at,
                                            policy, now) != SessionState::live) {
    services.writer().execute([&](storage::Database& db) { storage::delete_session(db, id_hash); });
    out.status = SessionLookup::Status::expired;
    out.session.lang = found->session.lang;  // the login page it leads to speaks it
    return out;
  }
  if (now - found->session.seen_at >= touch_interval(policy)) {
    services.writer().execute(
        [&](storage::Database& db) { storage::touch_session(db, id_hash, now); });
    found->session.seen_at = now;
  }
  out.status = SessionLookup::Status::live;
  out.session = session_of(*found, std::string(token), policy);
  return out;
}

void sign_out(Services& services, const Session& session) {
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    storage::delete_session(db, session.id_hash);
    record_audit(db, now, Actor{session.staff.name}, AuditAction::logout, session.staff.name);
  });
}

void set_session_language(Services& services, Session& session, const std::string& lang) {
  if (session.lang == lang) return;
  services.writer().execute(
      [&](storage::Database& db) { storage::set_session_language(db, session.id_hash, lang); });
  session.lang = lang;
}

}  // namespace lyssna::app
