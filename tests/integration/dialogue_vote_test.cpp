// Dot voting over real HTTP against `lyssna serve`: the facilitator puts up
// a vote and opens it, a phone casts a ballot by the session's join code,
// the same ballot again is counted once, other dots under its id and too
// many dots are refused, a closed vote takes none, one vote is open per
// session, another facilitator sees nothing of it, and the tally as JSON.
#include <regex>

#include "../support/dialogue_seed.hpp"
#include "render/template_engine.hpp"
#include "workspace_client.hpp"

using namespace lyssna;
using namespace lyssna::test;

namespace {

struct VoteHttpServer : Workspace {
  SeededDialogue seeded;
  std::string cookie, csrf_token;
  VoteHttpServer() {
    add_user("fia", "facilitator");
    add_user("olle", "facilitator");
    add_user("ada", "admin");
    server.reset();
    {
      app::Services services({db});
      seeded = seed_dialogue(services, "fia");
    }
    start();
    cookie = login("fia");
    csrf_token = csrf(cookie);
  }
  std::string votes_path() const { return "/workspace/dialogues/" + seeded.session + "/votes"; }
  std::string phone_path() const { return "/d/" + seeded.join_code + "/vote"; }
  // Makes a vote of lighting and traffic and the room's "Skatepark", open; returns its id.
  std::string make_vote(const std::string& dots = "3") {
    auto res = post(votes_path(),
                    {{"_csrf", csrf_token},
                     {"candidate", "lighting_environment"},
                     {"candidate", "traffic"},
                     {"custom_1", "Skatepark"},
                     {"dots_per_ballot", dots},
                     {"open", "1"}},
                    cookie);
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 303);
    const std::string location = res->get_header_value("Location");
    REQUIRE(location.rfind(votes_path() + "/v-", 0) == 0);
    return location.substr(votes_path().size() + 1);
  }
  httplib::Result cast(const std::string& vote, const std::string& ballot, const Fields& dots,
                       const std::string& path = "") {
    Fields fields = {{"vote", vote}, {"ballot", ballot}, {"_lang", "sv"}};
    fields.insert(fields.end(), dots.begin(), dots.end());
    auto res = post(path.empty() ? phone_path() : path, fields);
    REQUIRE(res);
    return res;
  }
  nlohmann::json tally(const std::string& vote, const std::string& who = "") {
    auto res = get(votes_path() + "/" + vote + "/tally.json", who.empty() ? cookie : who);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return nlohmann::json::parse(res->body);
  }
};

int64_t vote_dots_on(const nlohmann::json& tally, const std::string& candidate) {
  for (const auto& c : tally["candidates"])
    if (c["id"] == candidate) return c["dots"];
  return -1;
}

}  // namespace

TEST_CASE("dot vote: set up, a phone's ballot counted once, the tally", "[vote]") {
  VoteHttpServer s;
  // The server's indexer reads the seeded notes within about a second of starting.
  auto setup = s.get(s.votes_path(), s.cookie);
  for (int i = 0; i < 100 && setup &&
                  setup->body.find("value=\"lighting_environment\" checked") == std::string::npos;
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    setup = s.get(s.votes_path(), s.cookie);
  }
  REQUIRE(setup);
  REQUIRE(setup->status == 200);
  // Proposed from what the session heard, ticked.
  CHECK_THAT(setup->body, Catch::Contains("value=\"lighting_environment\" checked"));
  CHECK_THAT(setup->body, Catch::Contains("value=\"traffic\" checked"));

  // Too many dots per ballot: the form again, its problem linked to the field.
  auto bad = s.post(s.votes_path(),
                    {{"_csrf", s.csrf_token},
                     {"candidate", "traffic"},
                     {"candidate", "drugs_alcohol"},
                     {"dots_per_ballot", "99"}},
                    s.cookie);
  REQUIRE(bad);
  CHECK(bad->status == 422);
  CHECK_THAT(bad->body, Catch::Contains("href=\"#vote-dots\""));
  CHECK_THAT(bad->body, Catch::Contains("value=\"drugs_alcohol\" checked"));

  const std::string vote = s.make_vote();
  auto page = s.get(s.phone_path() + "?lang=ar");
  REQUIRE(page);
  REQUIRE(page->status == 200);
  CHECK(page->get_header_value("Cache-Control") == "no-store");
  CHECK_FALSE(page->has_header("Set-Cookie"));
  CHECK_THAT(page->body, Catch::Contains("dir=\"rtl\""));
  CHECK_THAT(page->body, Catch::Contains("name=\"dots.lighting_environment\""));
  CHECK_THAT(page->body, Catch::Contains("name=\"dots.custom:skatepark\""));
  CHECK_THAT(page->body, Catch::Contains("Skatepark"));
  CHECK_THAT(page->body, Catch::Contains("value=\"" + vote + "\""));
  CHECK_THAT(page->body, Catch::Contains("autocomplete=\"off\""));

  const Fields dots = {{"dots.lighting_environment", "2"}, {"dots.custom:skatepark", "1"}};
  auto first = s.cast(vote, "b-phone-1", dots);
  CHECK(first->status == 303);
  CHECK_THAT(first->get_header_value("Location"), Catch::EndsWith("as=new"));
  CHECK_FALSE(first->has_header("Set-Cookie"));
  auto again = s.cast(vote, "b-phone-1", dots);
  CHECK(again->status == 303);
  CHECK_THAT(again->get_header_value("Location"), Catch::EndsWith("as=again"));
  auto counted = s.get(again->get_header_value("Location"));
  REQUIRE(counted);
  CHECK(counted->status == 200);

  auto other = s.cast(vote, "b-phone-1", {{"dots.traffic", "1"}});
  CHECK(other->status == 409);
  auto too_many =
      s.cast(vote, "b-phone-2", {{"dots.traffic", "3"}, {"dots.lighting_environment", "1"}});
  CHECK(too_many->status == 422);
  CHECK_THAT(too_many->body, Catch::Contains("href=\"#dots-1\""));
  CHECK_THAT(too_many->body, Catch::Contains("value=\"b-phone-2\""));  // the same ballot again
  auto none = s.cast(vote, "b-phone-3", {{"dots.traffic", "0"}});
  CHECK(none->status == 422);
  auto not_a_number = s.cast(vote, "b-phone-3", {{"dots.traffic", "-1"}});
  CHECK(not_a_number->status == 422);

  // The kiosk: the same vote, a fresh ballot for each person, back to its start page.
  auto kiosk = s.get("/kiosk/" + s.seeded.session + "/vote");
  REQUIRE(kiosk);
  CHECK(kiosk->status == 200);
  CHECK_THAT(kiosk->body, Catch::Contains("data-keep=\"\""));
  auto kiosk_cast =
      s.cast(vote, "b-kiosk-1", {{"dots.traffic", "3"}}, "/kiosk/" + s.seeded.session + "/vote");
  CHECK(kiosk_cast->status == 303);
  CHECK_THAT(kiosk_cast->get_header_value("Location"),
             Catch::StartsWith("/kiosk/" + s.seeded.session + "/vote/counted"));
  auto kiosk_done = s.get(kiosk_cast->get_header_value("Location"));
  REQUIRE(kiosk_done);
  CHECK_THAT(kiosk_done->body, Catch::Contains("url=/kiosk/" + s.seeded.session + "?lang=sv"));

  const auto t = s.tally(vote);
  CHECK(t["open"] == true);
  CHECK(t["ballots"] == 2);
  CHECK(t["dots"] == 6);
  CHECK(vote_dots_on(t, "lighting_environment") == 2);
  CHECK(vote_dots_on(t, "traffic") == 3);
  CHECK(vote_dots_on(t, "custom:skatepark") == 1);

  auto result = s.get(s.votes_path() + "/" + vote, s.cookie);
  REQUIRE(result);
  CHECK(result->status == 200);
  CHECK_THAT(result->body, Catch::Contains("<svg class=\"vote-chart\""));
  CHECK_THAT(result->body, Catch::Contains(s.seeded.join_code + "/vote"));
  CHECK_THAT(result->body, Catch::Contains("aria-live=\"polite\""));

  // The dots are a signal of the survey's priority list, shown with their share.
  const std::string ada = s.login("ada");
  auto priorities = s.get("/workspace/surveys/trygghet-2026/priorities", ada);
  REQUIRE(priorities);
  CHECK(priorities->status == 200);
  CHECK_THAT(priorities->body, Catch::Contains("class=\"prio-vote\""));
  CHECK_THAT(priorities->body, Catch::Contains("Share of the dots"));
  CHECK_THAT(priorities->body, Catch::Contains("votes 1, ballots 2, dots 6"));
  CHECK_THAT(priorities->body, Catch::Contains("they weigh 25% of the score"));
  // The votes' weight is the blend's, set on the same form.
  const std::string ada_csrf = s.csrf(ada);
  const std::string blend = "/workspace/surveys/trygghet-2026/priorities/blend";
  auto too_heavy =
      s.post(blend, {{"_csrf", ada_csrf}, {"survey_weight", "50"}, {"vote_weight", "150"}}, ada);
  REQUIRE(too_heavy);
  CHECK(too_heavy->status == 422);
  CHECK_THAT(too_heavy->body, Catch::Contains("href=\"#vote-weight\""));
  auto heavier =
      s.post(blend, {{"_csrf", ada_csrf}, {"survey_weight", "50"}, {"vote_weight", "60"}}, ada);
  REQUIRE(heavier);
  CHECK(heavier->status == 303);
  priorities = s.get("/workspace/surveys/trygghet-2026/priorities", ada);
  REQUIRE(priorities);
  CHECK_THAT(priorities->body, Catch::Contains("they weigh 60% of the score"));
  // A form without the field (as before dot votes) keeps the stored weight.
  s.post(blend, {{"_csrf", ada_csrf}, {"survey_weight", "40"}}, ada);
  priorities = s.get("/workspace/surveys/trygghet-2026/priorities", ada);
  CHECK_THAT(priorities->body, Catch::Contains("they weigh 60% of the score"));
}

TEST_CASE("dot vote: a closed vote refuses, one open vote per session, others' sessions are 404",
          "[vote]") {
  VoteHttpServer s;
  const std::string first = s.make_vote();
  auto closed = s.post(s.votes_path() + "/" + first + "/state",
                       {{"_csrf", s.csrf_token}, {"open", "0"}}, s.cookie);
  REQUIRE(closed);
  CHECK(closed->status == 303);
  CHECK(s.tally(first)["open"] == false);
  auto refused = s.cast(first, "b-late", {{"dots.traffic", "1"}});
  CHECK(refused->status == 409);
  auto page = s.get(s.phone_path());
  REQUIRE(page);
  CHECK_THAT(page->body, Catch::Contains(render::escape_html("Ingen röstning just nu")));

  // Opening a second vote while the first is open closes the first.
  s.post(s.votes_path() + "/" + first + "/state", {{"_csrf", s.csrf_token}, {"open", "1"}},
         s.cookie);
  const std::string second = s.make_vote("2");
  CHECK(s.tally(first)["open"] == false);
  CHECK(s.tally(second)["open"] == true);
  CHECK(s.tally(second)["dots_per_ballot"] == 2);
  // A ballot for the first, from a page shown before: the vote is closed.
  CHECK(s.cast(first, "b-old-page", {{"dots.traffic", "1"}})->status == 409);
  CHECK(s.cast(second, "b-new", {{"dots.traffic", "2"}})->status == 303);
  auto audit = s.audit();
  CHECK(count_actions(audit, "vote_changed") >= 4);

  // Another facilitator: neither the session's votes nor a vote's result or tally.
  const std::string olle = s.login("olle");
  for (const auto& path : {s.votes_path(), s.votes_path() + "/" + second,
                           s.votes_path() + "/" + second + "/tally.json"}) {
    auto res = s.get(path, olle);
    REQUIRE(res);
    INFO(path);
    CHECK(res->status == 404);
  }
  const std::string olle_csrf = s.csrf(olle);
  auto take = s.post(s.votes_path(),
                     {{"_csrf", olle_csrf},
                      {"candidate", "traffic"},
                      {"candidate", "drugs_alcohol"},
                      {"dots_per_ballot", "3"}},
                     olle);
  REQUIRE(take);
  CHECK(take->status == 404);
  // A join code no session has.
  auto unknown = s.get("/d/zzzzzz/vote");
  REQUIRE(unknown);
  CHECK(unknown->status == 404);
}
