// The dot votes' signal in a survey's priority list
// (analysis/stats/priorities.hpp): the dots placed in the votes of the
// survey's dialogue sessions, for the whole survey or one area (the
// sessions held for that area). Read from SQLite, handed to the report.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "app/services.hpp"

namespace lyssna::app {

struct VoteDots {
  std::map<std::string, int64_t> by_candidate;  // theme ids and custom:<slug>
  int64_t all = 0;                              // every dot placed
  int64_t ballots = 0;
  int64_t votes = 0;  // votes with at least one ballot
};

// Every vote of every session of `survey` (of those with `area` when
// given; a session without an area counts for the whole survey only),
// open or closed, held here or synced in. Reads only; thread-safe.
VoteDots vote_dots(Services& services, const std::string& survey,
                   const std::optional<std::string>& area);

}  // namespace lyssna::app
