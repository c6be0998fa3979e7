// The demo's citizen promise: so that a newcomer sees the whole cycle from
// answer to promise, `lyssna demo` marks the demo survey's top priorities,
// drafts a promise from them (app::draft_from_marks), adds Haninge's
// parties and activities in several languages with targets and
// indicators, adopts and publishes it and records follow-ups through the
// year (one unpublished, one with an internal note that the public never
// sees). Through the application layer, as a user's would be, audited.
#pragma once

#include <cstdint>
#include <string>

#include "app/audit.hpp"
#include "app/services.hpp"

namespace lyssna::cli {

inline constexpr const char* demo_kommun = "haninge";

struct DemoPromise {
  int64_t id = 0;
  bool created = false;  // false: the kommun had the demo's promise already
};

// Makes the demo promise from `survey`'s priorities unless the kommun has
// one of its title already (then returns that one's id).
DemoPromise make_demo_promise(app::Services& services, const app::Actor& actor,
                              const std::string& survey);

}  // namespace lyssna::cli
