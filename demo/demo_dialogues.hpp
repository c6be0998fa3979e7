// The demo's dialogue sessions: the generated records of channel dialogue
// and kiosk name sessions ("dialog-jordbro-1", "kiosk-handen"); this makes
// those sessions as the contract has them (interchange.md section 6), with a
// place, a date, their languages and a closed status, and a dot vote with
// ballots for each meeting. Deterministic for a given seed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "collector/interchange/dialogue_lines.hpp"
#include "collector/interchange/record.hpp"
#include "collector/questionnaire/questionnaire.hpp"

namespace lyssna::demo {

struct DemoDialogues {
  std::vector<interchange::SessionLine> sessions;
  std::vector<interchange::VoteLine> votes;
  // Record ids of the meetings' records: a note taker's notes.
  std::vector<std::string> notes;
};

DemoDialogues demo_dialogues(const questionnaire::Questionnaire& q,
                             const std::vector<interchange::Record>& records, uint64_t seed);

}  // namespace lyssna::demo
