// The session summary's data (app/session_summary.hpp) and the notes'
// themes (app/dialogue_notes.hpp): themes counted over the session's own
// records only, a theme accepted by hand counted though the codebook does
// not find it, the vote's tally, small groups suppressed, what was said in
// the order that covers the themes, and group counts as a pure function.
#include <catch2/catch.hpp>

#include "../support/app_survey.hpp"
#include "app/dialogue_notes.hpp"
#include "app/session_summary.hpp"

using namespace lyssna;

namespace {

app::DialogueSession summary_session(test::AppSurvey& fixture, const std::string& place) {
  app::SessionInput in{"trygghet-2026", "jordbro",    place,        "2026-03-12",
                       "meeting",       {"sv", "en"}, "Fia Fixture"};
  return app::create_session(fixture.services, app::Access::script(), in);
}

void summary_note(test::AppSurvey& fixture, const std::string& session, const std::string& id,
                  const std::string& text, const std::string& gender,
                  const std::vector<std::string>& accept = {}) {
  app::NoteInput note;
  note.id = id;
  note.text = text;
  note.lang = "sv";
  if (!gender.empty()) note.gender = gender;
  app::save_note(fixture.services, app::Access::script(), session, note, accept);
}

int64_t summary_count(const app::SessionSummary& s, const std::string& theme) {
  for (const auto& t : s.themes)
    if (t.theme == theme) return t.records;
  return 0;
}

}  // namespace

TEST_CASE("session summary: themes of the session's records, the vote, small groups suppressed",
          "[session_summary]") {
  test::AppSurvey fixture("summary.db");
  app::ThemeSuggester suggester;
  const auto s = summary_session(fixture, "Jordbro bibliotek");
  const auto other = summary_session(fixture, "Handen station");
  for (int i = 0; i < 5; ++i)
    summary_note(fixture, s.id(), "n-w" + std::to_string(i),
                 "Fortkörning på Jordbrovägen, kväll " + std::to_string(i), "woman");
  summary_note(fixture, s.id(), "n-m1", "Mörkt i tunneln, ingen belysning", "man");
  summary_note(fixture, s.id(), "n-m2", "Vi fikade och pratade", "man", {"youth_activities"});
  // Another session's note is not this session's.
  summary_note(fixture, other.id(), "n-x", "Fortkörning vid stationen", "");

  app::VoteInput v;
  v.session = s.id();
  v.candidates = {"traffic", "lighting_environment"};
  v.dots_per_ballot = 3;
  const auto vote = app::create_vote(fixture.services, app::Access::script(), v);
  app::set_vote_open(fixture.services, app::Access::script(), vote.line.id, true);
  REQUIRE(app::cast_ballot(fixture.services, vote.line.id,
                           {"b-1", {{"traffic", 2}, {"lighting_environment", 1}}}) ==
          Outcome::created);
  REQUIRE(app::cast_ballot(fixture.services, vote.line.id, {"b-2", {{"traffic", 3}}}) ==
          Outcome::created);

  const auto sum = app::session_summary(fixture.services, suggester, app::Access::script(), s.id());
  CHECK(sum.records == 7);
  CHECK(sum.notes == 7);
  CHECK(sum.with_text == 7);
  CHECK(summary_count(sum, "traffic") == 5);
  CHECK(summary_count(sum, "lighting_environment") == 1);
  CHECK(summary_count(sum, "youth_activities") == 1);  // accepted by hand
  REQUIRE_FALSE(sum.themes.empty());
  CHECK(sum.themes.front().theme == "traffic");
  // What was said: the newest traffic note first, then one of each other theme.
  REQUIRE(sum.said.size() == 7);
  CHECK(std::find(sum.said[0].themes.begin(), sum.said[0].themes.end(), "traffic") !=
        sum.said[0].themes.end());
  std::set<std::string> first_three;
  for (size_t i = 0; i < 3; ++i) first_three.insert(sum.said[i].id);
  CHECK(first_three.count("n-m1") == 1);
  CHECK(first_three.count("n-m2") == 1);
  // The vote.
  REQUIRE(sum.votes.size() == 1);
  CHECK(sum.votes[0].ballots == 2);
  CHECK(sum.votes[0].tally[0].candidate == "traffic");
  CHECK(sum.votes[0].tally[0].dots == 5);
  CHECK(sum.votes[0].tally[1].dots == 1);
  // Gender: five women shown, two men suppressed.
  REQUIRE(sum.by_gender.size() == 2);
  CHECK(sum.by_gender[0].group == "woman");
  CHECK(sum.by_gender[0].count == 5);
  CHECK_FALSE(sum.by_gender[0].suppressed);
  CHECK(sum.by_gender[1].group == "man");
  CHECK(sum.by_gender[1].suppressed);
  CHECK(sum.suppress_below == 5);
  // The notes page's view of the same: newest first, themes accepted and found.
  const auto notes = app::session_notes(fixture.services, suggester, app::Access::script(), s.id());
  REQUIRE(notes.size() == 7);
  for (const auto& n : notes) {
    if (n.id != "n-m2") continue;
    CHECK(n.accepted == std::vector<std::string>{"youth_activities"});
    CHECK(n.suggested.empty());
  }
}

TEST_CASE("session summary: group counts in the given order, the rest by name, not given last",
          "[session_summary]") {
  const auto groups =
      app::group_counts({"b", "", "x", "a", "b", "b", "a", "x", "x", "x", "x"}, {"a", "b", "c"}, 3);
  REQUIRE(groups.size() == 4);
  CHECK(groups[0].group == "a");
  CHECK(groups[0].count == 2);
  CHECK(groups[0].suppressed);
  CHECK(groups[1].group == "b");
  CHECK(groups[1].count == 3);
  CHECK_FALSE(groups[1].suppressed);
  CHECK(groups[2].group == "x");
  CHECK(groups[2].count == 5);
  CHECK(groups[3].group.empty());
  CHECK(groups[3].suppressed);
}

TEST_CASE("notes: a retried save is one note coded once, a paused session takes none",
          "[session_summary]") {
  test::AppSurvey fixture("notes-retry.db");
  const auto s = summary_session(fixture, "Jordbro bibliotek");
  summary_note(fixture, s.id(), "n-1", "Mörkt i tunneln", "", {"lighting_environment"});
  summary_note(fixture, s.id(), "n-1", "Mörkt i tunneln", "", {"lighting_environment"});
  int recoded = 0;
  for (const auto& e : fixture.audit()) recoded += e.action == "response_recoded";
  CHECK(recoded == 1);
  CHECK(app::session_of(fixture.services, app::Access::script(), s.id()).counts.notes == 1);
  // The same id with other words is another note: refused, naming the id.
  CHECK_THROWS_AS(summary_note(fixture, s.id(), "n-1", "Något helt annat", ""), Conflict);
  // A theme the codebook lacks is refused before anything is stored.
  CHECK_THROWS_AS(summary_note(fixture, s.id(), "n-2", "Hej", "", {"no_such_theme"}), Invalid);
  CHECK(app::session_of(fixture.services, app::Access::script(), s.id()).counts.notes == 1);
  CHECK_THROWS_AS(app::accept_note_themes(fixture.services, app::Access::script(), s.id(),
                                          "no-such-note", {"traffic"}),
                  NotFound);
  app::set_session_status(fixture.services, app::Access::script(), s.id(), "paused");
  try {
    summary_note(fixture, s.id(), "n-3", "Fortkörning", "");
    FAIL("a paused session took a note");
  } catch (const Conflict& e) {
    CHECK(e.field() == "session");
  }
}
