// Storing one response: the rules every answer passes on its way in, from
// the resident's form and from the JSON API alike (import has its own
// batch path in collector/interchange with the same record and answer
// checks).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "app/access.hpp"
#include "app/services.hpp"
#include "collector/interchange/record.hpp"
#include "util/errors.hpp"

namespace lyssna::app {

struct Submission {
  interchange::Record record;
  std::string code;                 // the invitation code as typed or normalised ("" for none)
  std::string client;               // the address wrong codes count against (memory only)
  std::string code_field = "code";  // where the code came from, for errors
};

struct Submitted {
  Outcome outcome = Outcome::created;  // created, or duplicate (stored before)
  std::string id;
};

// Checks and stores `s.record` durably; returns once it is on disk.
// - the survey must exist (NotFound) and the answers fit its questionnaire
//   (Invalid, every problem listed);
// - a resident may send `online` records only (Unauthorized otherwise); the
//   time is the server's, the survey must be open (Closed) and, when it is
//   sampled, the code right (CodeRefused, TooManyAttempts): it is spent in
//   the same transaction that stores the answer;
// - a script (the server's token) may send every channel with its own
//   timestamps, like `lyssna import`;
// - the same record again is a duplicate; another under its id a Conflict.
Submitted submit_response(Services& services, const Access& access, Submission s);

// Checks the code a resident typed for a sampled survey, without spending
// it (the form asks for it before the first page): its normalised form, or
// CodeRefused / TooManyAttempts as Invitations::check says.
std::string check_code(Services& services, const std::string& survey, std::string_view typed,
                       const std::string& client);

// True when `survey` holds a response with this id (a retried submission).
bool is_stored(Services& services, const std::string& survey, const std::string& id);

// A record of the contract from a JSON body, for the survey the URL names:
// NotFound for an unknown survey, BadInput for text that is no JSON, Invalid
// (naming the field) for a record that breaks a structural rule.
interchange::Record record_from_body(Services& services, std::string_view body,
                                     const std::string& survey);

}  // namespace lyssna::app
