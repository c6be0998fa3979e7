// Importing a promise document (app/promise_json.hpp) into this instance:
// the kommun's missing parties made by code, and the promise with its
// focus areas, sources, quotes, evaluations, activities and follow-ups, in
// ONE transaction through the writer, audited (docs/promise.md, "Moving a
// promise between instances").
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "app/promise_json.hpp"

namespace lyssna::app {

struct PromiseImportOptions {
  // A new draft of the same promise: header, parties, focus areas with
  // their sources and quotes, activities; no follow-ups, no evaluation (as
  // copy_promise does within an instance).
  bool as_draft = false;
};

struct PromiseImported {
  int64_t promise = 0;
  PromiseStatus status = PromiseStatus::draft;
  std::vector<std::string> parties_added;  // codes the kommun did not have
  std::vector<std::string> parties_found;  // codes it had: its own names and kind kept
  size_t focus_areas = 0, activities = 0, follow_ups = 0, quotes = 0, evaluations = 0;
};

// Imports `document` (from parse_promise_document) as a new promise of its
// kommun, in the document's status unless `as_draft`. A status needs what
// it needs here too: a draft has no follow-ups or evaluations; an adopted,
// published or evaluated promise has a signatory, a focus area and an
// activity in each; only a published or evaluated one has evaluations, and
// an evaluated one has one for every focus area. Every refusal is Invalid
// naming the JSON path; nothing is stored then. The promise, follow-ups,
// quotes and evaluations keep their recorded times and names when the
// document has them (a full export), else they get now and `actor`.
PromiseImported import_promise(Services& services, const Actor& actor,
                               const PortablePromise& document,
                               const PromiseImportOptions& options = {});

}  // namespace lyssna::app
