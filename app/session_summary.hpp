// What the one-page summary of a dialogue session says: its details, what
// was said (notes and free-text answers), the themes of its records as the
// engine tags them (the survey's themes, narrowed to the session), its
// votes and how many took part by language, channel, age group and gender
// (groups under the reports' threshold suppressed). Plain data; the page
// chooses how much of it fits.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/codebook/codebook.hpp"
#include "app/access.hpp"
#include "app/dialogues.hpp"
#include "app/services.hpp"
#include "app/theme_suggestions.hpp"
#include "collector/questionnaire/questionnaire.hpp"

namespace lyssna::app {

struct SaidText {
  std::string id;
  std::string text;
  std::string lang;
  bool note = false;  // a note taker's (else a participant's own answer)
  int64_t submitted_epoch = 0;
  std::vector<std::string> themes;  // codebook order
};

struct ThemeCount {
  std::string theme;
  int64_t records = 0;  // of the session's records that carry it
};

// One group of a breakdown: an option id, a language code, a channel, or
// empty for "not given".
struct GroupCount {
  std::string group;
  int64_t count = 0;
  bool suppressed = false;  // under the threshold: the count is not shown
};

struct SessionSummary {
  DialogueSession session;
  questionnaire::QuestionnairePtr questionnaire;
  analysis::Codebook codebook;
  int64_t records = 0;    // every record of the session
  int64_t notes = 0;      // of them, a note taker's notes
  int64_t with_text = 0;  // of them, with free text
  int64_t suppress_below = 0;
  // Most representative first: the newest text of each theme in order of
  // the themes' counts, then the rest, newest first.
  std::vector<SaidText> said;
  std::vector<ThemeCount> themes;  // most records first, then codebook order; none with 0
  std::vector<Vote> votes;
  std::vector<GroupCount> by_language, by_channel, by_age_group, by_gender;
};

// Needs own_dialogues on the session (NotFound otherwise, as session_of).
// Records the index has not reached yet are tagged as the suggestions are,
// so a note taken a moment ago is counted. Throws Unavailable while another
// process rebuilds the index.
SessionSummary session_summary(Services& services, ThemeSuggester& suggester, const Access& access,
                               const std::string& session_id);

// Counts of each group, in the order of `order` (groups not in it after
// them, by name; "" last), each under `suppress_below` (but above 0)
// suppressed. A pure function, for the breakdowns.
std::vector<GroupCount> group_counts(const std::vector<std::string>& values,
                                     const std::vector<std::string>& order, int64_t suppress_below);

}  // namespace lyssna::app
