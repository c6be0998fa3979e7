// A whole citizen promise as one versioned JSON document ("format":
// "lyssna-promise", "version": 1; docs/api.md, "A promise as JSON"): its
// header, the parties it names (by code, so it moves between instances),
// focus areas with their sources, published quotes and evaluation,
// activities and follow-ups. One shape for `GET /api/v1/promises/<id>`,
// `lyssna promise export` and `lyssna promise import`, in two views.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/promise.hpp"

namespace lyssna::app {

inline constexpr std::string_view promise_format = "lyssna-promise";
inline constexpr int promise_format_version = 1;
// A document larger than this is refused unread (TooLarge): a year's
// promise with every follow-up is some tens of kilobytes.
inline constexpr size_t max_promise_document = 4 * 1024 * 1024;

// A promise with the parties it names: every party id in `promise`
// (signatories, activities' responsible parties) is the id of one of
// `parties`, signatories first in their order, then the others as the
// activities first name them.
struct PortablePromise {
  Promise promise;
  std::vector<PromiseParty> parties;
};

enum class PromiseView {
  // What the public page may show: a published or evaluated promise, only
  // published follow-ups and without their internal notes, no staff names
  // or record ids, a source's aggregate figures only, the evaluation once
  // the promise is evaluated.
  public_view,
  // Everything stored, for its owner (the CLI, a script with the token).
  full,
};
std::string_view promise_view_name(PromiseView view);

// Whether the status is one the public sees (published, evaluated).
bool promise_is_public(PromiseStatus status);

// Promise `id` with its parties. NotFound "promise".
PortablePromise load_portable_promise(Services& services, int64_t id);

// The document of the promise in the view. The public view of a promise
// that is not public is a Conflict "status" (a route answers 404 first).
nlohmann::json promise_document(const PortablePromise& p, PromiseView view);
// One entry of a list of promises (`GET /api/v1/promises`): id, kommun,
// years, title, status, last change, and where the whole one is.
nlohmann::json promise_summary(const Promise& p);

// Reads and checks a document: at most max_promise_document bytes
// (TooLarge), one JSON value (BadInput), this format and version, every
// member's type, its enumerations, counts within their limits, each party
// code defined once and every one used defined: anything else Invalid
// naming the JSON path ("focus_areas[2].activities[0].parties[1]"). The
// texts' own rules (languages, lengths, Swedish required) are checked when
// imported. Party ids of the result are 1..n, positions in `parties` + 1;
// the promise's id is the document's (of the instance it came from).
PortablePromise parse_promise_document(std::string_view text);

}  // namespace lyssna::app
