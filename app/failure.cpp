// Exceptions to failures (see failure.hpp).
#include "app/failure.hpp"

#include "util/errors.hpp"

namespace lyssna::app {

Failure failure_of(std::exception_ptr error) {
  Failure f;
  try {
    std::rethrow_exception(error);
  } catch (const Error& e) {
    f.outcome = e.outcome();
    f.message = e.what();
    f.field = e.field();
    if (const auto* wait = dynamic_cast<const TooManyAttempts*>(&e))
      f.retry_after = wait->retry_after();
    if (const auto* invalid = dynamic_cast<const Invalid*>(&e)) f.problems = invalid->problems();
  } catch (const std::exception& e) {
    f.message = e.what();
  } catch (...) {
    f.message = "unknown error";
  }
  if (f.outcome == Outcome::internal) f.public_message = "internal error";
  // Storage, the text index and the code key name files, paths and settings
  // of the server: those stay in its log (the message differs, so the
  // server logs it), and a client is told what it can act on.
  if (f.outcome == Outcome::unavailable)
    f.public_message = "the service is unavailable for now; nothing was changed, try again later";
  if (f.public_message.empty()) f.public_message = f.message;
  return f;
}

}  // namespace lyssna::app
