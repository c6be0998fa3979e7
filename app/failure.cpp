// Exceptions to failures (see failure.hpp).
#include "app/failure.hpp"

#include "analysis/analysis_error.hpp"

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
    if (dynamic_cast<const StorageError*>(&e))
      f.public_message = "storage unavailable; nothing was stored";
  } catch (const analysis::BadSpecification& e) {
    f.outcome = Outcome::invalid;
    f.message = e.what();
  } catch (const analysis::IndexBusy& e) {
    f.outcome = Outcome::unavailable;
    f.message = e.what();
  } catch (const std::exception& e) {
    f.message = e.what();
  } catch (...) {
    f.message = "unknown error";
  }
  if (f.outcome == Outcome::internal) f.public_message = "internal error";
  if (f.public_message.empty()) f.public_message = f.message;
  return f;
}

}  // namespace lyssna::app
