// Names of outcomes, for messages and logs (see errors.hpp).
#include "util/errors.hpp"

namespace lyssna {

std::string_view outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::ok:
      return "ok";
    case Outcome::created:
      return "created";
    case Outcome::duplicate:
      return "duplicate";
    case Outcome::malformed:
      return "malformed";
    case Outcome::invalid:
      return "invalid";
    case Outcome::too_large:
      return "too_large";
    case Outcome::not_found:
      return "not_found";
    case Outcome::conflict:
      return "conflict";
    case Outcome::closed:
      return "closed";
    case Outcome::code_refused:
      return "code_refused";
    case Outcome::too_many_attempts:
      return "too_many_attempts";
    case Outcome::unauthorized:
      return "unauthorized";
    case Outcome::forbidden:
      return "forbidden";
    case Outcome::unavailable:
      return "unavailable";
    case Outcome::internal:
      return "internal";
  }
  return "internal";
}

}  // namespace lyssna
