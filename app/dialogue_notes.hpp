// A session's notes as the note taker's page shows them: each with its
// themes (the engine's tagging, as the index gives it, with manual codes
// applied), and themes accepted from the suggestions, which are stored as
// manual codes naming the note taker so that the note carries them in the
// survey's themes and priorities whatever the codebook's queries say later.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/access.hpp"
#include "app/dialogues.hpp"
#include "app/services.hpp"
#include "app/theme_suggestions.hpp"

namespace lyssna::app {

struct SessionNote {
  std::string id;
  std::string text;
  std::string lang;
  std::optional<std::string> place, age_group, gender;
  std::optional<std::string> stop;  // the walk's stop it was taken at
  int64_t submitted_epoch = 0;
  size_t arrival = 0;                  // its place among the session's records, in arrival order
  std::vector<std::string> themes;     // what it carries, in codebook order
  std::vector<std::string> accepted;   // of them, those coded by hand (accepted)
  std::vector<std::string> suggested;  // of them, found by the codebook and not accepted
};

// The notes taken in the session, newest first. Needs own_dialogues on the
// session (NotFound otherwise, as session_of).
std::vector<SessionNote> session_notes(Services& services, ThemeSuggester& suggester,
                                       const Access& access, const std::string& session_id);

// Takes the note (take_note) and codes it with the accepted themes (ids of
// the survey's codebook, old ids followed), those it has not been coded
// with already: a retried save is one note with one code each. Throws what
// take_note throws, and Invalid naming "themes" for a theme the codebook
// lacks (checked before the note is stored).
Submitted save_note(Services& services, const Access& access, const std::string& session_id,
                    const NoteInput& note, const std::vector<std::string>& accept);

// Codes a note of the session with themes afterwards (the list's buttons
// without JavaScript). NotFound ("note") for a record that is no note of
// the session; Invalid naming "themes" as save_note.
void accept_note_themes(Services& services, const Access& access, const std::string& session_id,
                        const std::string& note_id, const std::vector<std::string>& accept);

}  // namespace lyssna::app
