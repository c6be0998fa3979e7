// Signing in to the workspace, the sessions that follow, and signing out.
// A session's id is 256 random bits, handed to the browser once (as a
// cookie, http/) and stored only as its SHA-256 digest; each request finds
// its session again by that digest, and the session ends after its idle or
// absolute time (session_policy.hpp), when its user is disabled or gets a
// new password, or at sign-out. Forms of a session carry a CSRF token
// derived from the session's id: only who holds the id can make it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "app/access.hpp"
#include "util/errors.hpp"

namespace lyssna::app {

class Services;

// A login the rules refuse: a wrong name or password (never saying which),
// or an account locked by failed logins (also said of a name that is no
// user's, after as many failures). Delays between attempts are
// TooManyAttempts.
class LoginRefused : public Error {
 public:
  enum class Why { wrong, locked };
  LoginRefused(const std::string& message, Why why)
      : Error(message, {}, why == Why::wrong ? Outcome::unauthorized : Outcome::forbidden),
        why_(why) {}
  Why why() const { return why_; }

 private:
  Why why_;
};

struct Session {
  std::string token;    // the id as the browser holds it (never stored)
  std::string id_hash;  // as it is stored
  Staff staff;
  std::string lang;
  int64_t created_at = 0, seen_at = 0;
  int64_t ends_at = 0;  // if nothing more is asked of it

  Access access() const { return Access::signed_in(staff); }
  // The token a form of this session carries (hex HMAC-SHA-256 of a fixed
  // text under the session's id).
  std::string csrf_token() const;
  // Whether `presented` is that token, compared in constant time.
  bool csrf_matches(std::string_view presented) const;
};

struct LoginAttempt {
  std::string name;
  std::string password;
  std::string client;  // the address failures count against (memory only)
  std::string lang;    // the workspace language chosen on the login page
};

// A new session for the user, when the name and password are right, the
// account is enabled and neither it nor the client must wait. Throws
// LoginRefused, TooManyAttempts (Retry-After), Unavailable (no turn to
// hash). Records the login, or the failure, in the audit log; a failure
// for a name that is no user's is recorded without the name (it could be
// a password typed in the wrong field). A hash of an older cost is
// replaced by one of today's.
Session sign_in(Services& services, const LoginAttempt& attempt);

struct SessionLookup {
  enum class Status { none, expired, live };
  Status status = Status::none;  // none: no such session (or none presented)
  Session session;               // when live (when expired: only its `lang`)
};
// The session whose id is `token`. An expired one, or one whose user was
// disabled, is deleted and answered `expired`. A live one's last request
// moves to now (at most once every touch_interval).
SessionLookup resume_session(Services& services, std::string_view token);
// Deletes the session and records the logout.
void sign_out(Services& services, const Session& session);
void set_session_language(Services& services, Session& session, const std::string& lang);

// A token of the shape sessions have (43 characters of base64url): a
// cookie of another shape is no session's and is not looked up.
bool looks_like_session_token(std::string_view token);

}  // namespace lyssna::app
