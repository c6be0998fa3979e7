// What a facilitator is offered as a dot vote's candidates: the themes the
// session heard, by the engine's own tagging of its notes and answers (the
// index and codebook every analysis uses, manual codes applied), and the
// themes whose problem items its respondents called fairly or very big;
// most frequent first. The facilitator edits the list before the vote.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/access.hpp"
#include "app/services.hpp"

namespace lyssna::app {

struct ProposedCandidate {
  std::string theme;     // a theme id of the survey's codebook
  int64_t mentions = 0;  // the session's notes and answers with free text that carry it
  int64_t problems = 0;  // its respondents who rated one of its problem items fairly/very big
  int64_t weight() const { return mentions + problems; }
};

// The themes the session heard, most frequent first (then in codebook
// order); themes it did not hear are left out. Needs own_dialogues on the
// session (NotFound otherwise). A note taken a moment ago counts once the
// server's indexer has read it (about a second).
std::vector<ProposedCandidate> propose_candidates(Services& services, const Access& access,
                                                  const std::string& session_id);

}  // namespace lyssna::app
