// The project's outcomes and exception hierarchy. Code inside throws these;
// each carries a typed Outcome, and one table per interface turns outcomes
// into HTTP statuses (http/status_table.cpp) and exit codes
// (cli/exit_codes.cpp), never where the error is found.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lyssna {

// What became of a request, in the application's words.
enum class Outcome {
  ok,                 // done (or read)
  created,            // something new was stored
  duplicate,          // the same thing was stored before: nothing to do
  malformed,          // unreadable input: bad JSON, bad encoding, a bad parameter
  invalid,            // readable input that breaks a rule (the field is named)
  too_large,          // larger than the configured limit
  not_found,          // no such survey, response, ... (or a feature that is off)
  conflict,           // contradicts stored data (a different record under an id)
  closed,             // the survey is not open for answers now
  code_refused,       // the invitation code is missing, unknown or spent
  too_many_attempts,  // wait before trying again (retry_after says how long)
  unauthorized,       // needs a credential the request lacks
  forbidden,    // the credential is good, but its role may not do this (or a CSRF check failed)
  unavailable,  // storage or the index cannot serve now; nothing was changed
  internal,     // a bug
};

std::string_view outcome_name(Outcome outcome);

// Base of every error the program reports to a user; `field` names the
// offending field when known (a question id, a record field, a parameter).
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, std::string field = {},
                 Outcome outcome = Outcome::internal)
      : std::runtime_error(message), field_(std::move(field)), outcome_(outcome) {}
  const std::string& field() const { return field_; }
  Outcome outcome() const { return outcome_; }

 private:
  std::string field_;
  Outcome outcome_;
};

// Input that cannot be read as what it should be.
class BadInput : public Error {
 public:
  explicit BadInput(const std::string& message, std::string field = {})
      : Error(message, std::move(field), Outcome::malformed) {}

 protected:
  BadInput(const std::string& message, std::string field, Outcome outcome)
      : Error(message, std::move(field), outcome) {}
};

// Input that was read but breaks a rule. `problems` lists every broken rule
// as (field, message) when there are several; the message is the first.
class Invalid : public BadInput {
 public:
  using Problem = std::pair<std::string, std::string>;
  explicit Invalid(const std::string& message, std::string field = {},
                   std::vector<Problem> problems = {})
      : BadInput(message, std::move(field), Outcome::invalid), problems_(std::move(problems)) {}
  const std::vector<Problem>& problems() const { return problems_; }

 private:
  std::vector<Problem> problems_;
};

// A request or body larger than the configured limit.
class TooLarge : public BadInput {
 public:
  explicit TooLarge(const std::string& message, std::string field = {})
      : BadInput(message, std::move(field), Outcome::too_large) {}
};

class NotFound : public Error {
 public:
  explicit NotFound(const std::string& message, std::string field = {})
      : Error(message, std::move(field), Outcome::not_found) {}
};

// A write that would contradict stored data (a different record under an existing id).
class Conflict : public Error {
 public:
  explicit Conflict(const std::string& message, std::string field = {})
      : Error(message, std::move(field), Outcome::conflict) {}
};

// The survey takes no answers now; `date` is when it opens or closed.
class Closed : public Error {
 public:
  enum class Why { not_open_yet, closed };
  Closed(const std::string& message, Why why, int64_t date)
      : Error(message, {}, Outcome::closed), why_(why), date_(date) {}
  Why why() const { return why_; }
  int64_t date() const { return date_; }

 private:
  Why why_;
  int64_t date_;
};

// An invitation code that does not open the survey.
class CodeRefused : public Error {
 public:
  enum class Why { missing, unknown, used };
  CodeRefused(const std::string& message, Why why, std::string field)
      : Error(message, std::move(field), Outcome::code_refused), why_(why) {}
  Why why() const { return why_; }

 private:
  Why why_;
};

class TooManyAttempts : public Error {
 public:
  TooManyAttempts(const std::string& message, int64_t retry_after_seconds, std::string field = {})
      : Error(message, std::move(field), Outcome::too_many_attempts),
        retry_after_(retry_after_seconds) {}
  int64_t retry_after() const { return retry_after_; }

 private:
  int64_t retry_after_;
};

class Unauthorized : public Error {
 public:
  explicit Unauthorized(const std::string& message) : Error(message, {}, Outcome::unauthorized) {}
};

// A signed-in user whose role does not allow the request, or a state change
// without a valid CSRF token: known, and refused (403).
class Forbidden : public Error {
 public:
  explicit Forbidden(const std::string& message) : Error(message, {}, Outcome::forbidden) {}
};

// SQLite or the file system failed; the message carries SQLite's own text.
class StorageError : public Error {
 public:
  explicit StorageError(const std::string& message) : Error(message, {}, Outcome::unavailable) {}
};

// Busy for now (the text index written by another process, say): try again.
class Unavailable : public Error {
 public:
  explicit Unavailable(const std::string& message) : Error(message, {}, Outcome::unavailable) {}
};

}  // namespace lyssna
