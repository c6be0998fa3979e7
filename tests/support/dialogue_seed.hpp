// A dialogue session made through the application layer, for the tests of
// dot voting until the session pages exist: the standard survey (unless
// there is one), a session of a facilitator (a user made before, by name)
// with notes about lighting (two) and drugs (one), and a kiosk answer that
// calls traffic a very big problem. Against a database file before the
// server starts.
#pragma once

#include <string>
#include <vector>

#include "app/accounts.hpp"
#include "app/dialogues.hpp"
#include "app/services.hpp"
#include "app/surveys.hpp"
#include "collector/questionnaire/standard_template.hpp"
#include "util/errors.hpp"

namespace lyssna::test {

struct SeededDialogue {
  std::string session, join_code;
  app::Access facilitator;
};

inline void ensure_dialogue_survey(app::Services& s) {
  try {
    app::require_survey(s, "trygghet-2026");
  } catch (const NotFound&) {
    questionnaire::TemplateOptions o;
    o.survey_id = "trygghet-2026";
    o.areas = questionnaire::parse_area_list("handen,jordbro");
    app::save_survey(s, app::Actor{"test"}, questionnaire::build_from_template("trygghet", o),
                     false, "test");
  }
}

inline app::Access facilitator_access(app::Services& s, const std::string& name) {
  return app::Access::signed_in({app::user_id(s, name), name, app::Role::facilitator});
}

inline SeededDialogue seed_dialogue(app::Services& s, const std::string& facilitator,
                                    const std::string& place = "Jordbro bibliotek",
                                    std::vector<std::string> languages = {"sv", "ar", "en"}) {
  ensure_dialogue_survey(s);
  SeededDialogue out{"", "", facilitator_access(s, facilitator)};
  app::SessionInput in;
  in.survey = "trygghet-2026";
  in.area = "jordbro";
  in.place = place;
  in.held_on = "2026-03-12";
  in.format = "meeting";
  in.languages = std::move(languages);
  in.facilitator = "Kommunpolis Haninge";
  const auto session = app::create_session(s, out.facilitator, in);
  out.session = session.id();
  out.join_code = *session.join_code;
  const std::vector<std::string> notes = {
      "Det är mörkt på gångvägen, belysningen är trasig sedan i höstas",
      "Gatubelysningen vid busshållplatsen saknas, det är mörkt",
      "Narkotikaförsäljning vid stationen på kvällarna"};
  for (size_t i = 0; i < notes.size(); ++i) {
    app::NoteInput note;
    note.id = out.session + "-note-" + std::to_string(i);
    note.text = notes[i];
    note.lang = "sv";
    app::take_note(s, out.facilitator, out.session, note);
  }
  interchange::Record kiosk;
  kiosk.id = out.session + "-kiosk-1";
  kiosk.lang = "sv";
  kiosk.answers = {{"area", "jordbro"}, {"problem_traffic", "very_big"}};
  app::submit_in_session(s, out.session, "kiosk", kiosk);
  return out;
}

}  // namespace lyssna::test
