// Outcomes to exit statuses (see exit_codes.hpp).
#include "cli/exit_codes.hpp"

namespace lyssna::cli {

int exit_code_of(Outcome outcome) {
  switch (outcome) {
    case Outcome::ok:
    case Outcome::created:
    case Outcome::duplicate:
      return exit_ok;
    case Outcome::malformed:
    case Outcome::invalid:
    case Outcome::too_large:
      return exit_usage;
    case Outcome::not_found:
    case Outcome::conflict:
    case Outcome::closed:
    case Outcome::code_refused:
    case Outcome::too_many_attempts:
    case Outcome::unauthorized:
    case Outcome::forbidden:
    case Outcome::unavailable:
    case Outcome::internal:
      return exit_error;
  }
  return exit_error;
}

}  // namespace lyssna::cli
