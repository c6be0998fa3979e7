// The project's exception hierarchy. Code inside throws these; HTTP status
// codes and CLI exit codes are chosen in one place each (http/server.cpp,
// cli/main.cpp), never where the error is found.
#pragma once

#include <stdexcept>
#include <string>

namespace lyssna {

// Base of every error the program reports to a user.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Input that breaks a rule; `field` names the offending field when known
// (a question id, a record field, a CLI option).
class BadInput : public Error {
 public:
  explicit BadInput(const std::string& message, std::string field = {})
      : Error(message), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

// A request or body larger than the configured limit.
class TooLarge : public BadInput {
 public:
  using BadInput::BadInput;
};

class NotFound : public Error {
 public:
  using Error::Error;
};

// A write that would contradict stored data (a different record under an existing id).
class Conflict : public Error {
 public:
  using Error::Error;
};

// The action is not allowed now (survey closed, code already used).
class Forbidden : public Error {
 public:
  using Error::Error;
};

// SQLite or the file system failed; the message carries SQLite's own text.
class StorageError : public Error {
 public:
  using Error::Error;
};

}  // namespace lyssna
