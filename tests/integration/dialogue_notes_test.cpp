// The note taker's page and the session summary over HTTP against the real
// binary: notes stored as records of the contract (channel dialogue, free
// text, the session's id) with the fields the form gave, a retried save one
// note, a refused note answered on the page with the form as typed, stops
// of a walk, theme suggestions as JSON, accepted themes stored as manual
// codes of the note taker, another facilitator's session 404, a note in
// the survey's search and themes for an analyst once indexed, and the
// summary in Swedish and in Arabic (right to left).
#include <catch2/catch.hpp>

#include <cctype>
#include <chrono>
#include <sstream>
#include <thread>

#include "workspace_client.hpp"

using namespace lyssna::test;

namespace {

constexpr const char* notes_survey = "/workspace/surveys/trygghet-2026";

std::string notes_hidden(const std::string& html, const std::string& name) {
  std::smatch m;
  const std::regex re("name=\"" + name + "\" value=\"([^\"]*)\"");
  if (!std::regex_search(html, m, re)) return "";
  return m[1];
}

// A query parameter's value, percent-encoded (UTF-8 bytes as %XX).
std::string url_encode_for_test(const std::string& value) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// The exported records of the survey that carry `session`.
std::vector<nlohmann::json> session_records(const std::string& jsonl, const std::string& session) {
  std::vector<nlohmann::json> out;
  std::istringstream in(jsonl);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line);
    if (j.contains("session") && j["session"] == session) out.push_back(j);
  }
  return out;
}

struct NotesSite : Workspace {
  std::string fia, fredrik, anna;
  std::string meeting, walk, other, arabic;

  std::string new_session(const std::string& owner, const std::string& place,
                          const std::string& format, const std::string& languages) {
    auto r = lyssna({"session", "new", "--survey", "trygghet-2026", "--place", place, "--date",
                     "2026-03-12", "--format", format, "--facilitator", owner, "--area", "jordbro",
                     "--languages", languages, "--owner", owner});
    INFO(r.err);
    REQUIRE(r.status == 0);
    std::string id = r.out;
    while (!id.empty() && (id.back() == '\n' || id.back() == '\r')) id.pop_back();
    return id;
  }

  NotesSite() {
    add_user("fia", "facilitator");
    add_user("fredrik", "facilitator");
    add_user("anna", "analyst");
    meeting = new_session("fia", "Jordbro bibliotek", "meeting", "sv,en");
    walk = new_session("fia", "Jordbro centrum", "walk", "sv");
    other = new_session("fredrik", "Handen station", "meeting", "sv");
    arabic = new_session("fia", "Jordbro skola", "meeting", "ar,sv");
    fia = login("fia");
    fredrik = login("fredrik");
    anna = login("anna");
  }

  std::string notes(const std::string& session) {
    return "/workspace/dialogues/" + session + "/notes";
  }

  // Opens the notes page and sends a note with the page's own note id.
  httplib::Result note(const std::string& session, Fields fields, std::string* note_id = nullptr) {
    auto page = get(notes(session), fia);
    REQUIRE(page);
    REQUIRE(page->status == 200);
    const std::string id = notes_hidden(page->body, "note");
    REQUIRE(!id.empty());
    if (note_id) *note_id = id;
    fields.emplace_back("_csrf", csrf_of(page->body));
    fields.emplace_back("note", id);
    return post(notes(session), fields, fia);
  }
};

}  // namespace

TEST_CASE(
    "notes: a note is a record of channel dialogue with the form's fields, a retry is one note",
    "[dialogue_notes]") {
  NotesSite site;
  std::string id;
  const Fields fields = {{"text", "Bilarna kör för fort förbi skolan på morgonen"},
                         {"place", "Skolvägen"},
                         {"speaker", "en"},
                         {"age_group", "16-24"},
                         {"gender", "woman"}};
  auto saved = site.note(site.meeting, fields, &id);
  REQUIRE(saved);
  INFO(saved->body);
  REQUIRE(saved->status == 303);
  CHECK(saved->get_header_value("Location") == site.notes(site.meeting) + "?speaker=en");

  auto records = session_records(site.export_jsonl(), site.meeting);
  REQUIRE(records.size() == 1);
  const auto& r = records.front();
  CHECK(r["id"] == id);
  CHECK(r["channel"] == "dialogue");
  CHECK(r["lang"] == "en");
  CHECK(r["answers"]["free_text"] == "Bilarna kör för fort förbi skolan på morgonen");
  CHECK(r["answers"]["free_place"] == "Skolvägen");
  CHECK(r["answers"]["age_group"] == "16-24");
  CHECK(r["answers"]["gender"] == "woman");
  CHECK(r["answers"]["area"] == "jordbro");

  // The same save again (a retry after a lost answer): still one note.
  auto page = site.get(site.notes(site.meeting), site.fia);
  Fields again = fields;
  again.emplace_back("_csrf", csrf_of(page->body));
  again.emplace_back("note", id);
  auto retried = site.post(site.notes(site.meeting), again, site.fia);
  REQUIRE(retried);
  CHECK(retried->status == 303);
  CHECK(session_records(site.export_jsonl(), site.meeting).size() == 1);

  // Other words under the same id (the answer lost, the text edited since):
  // refused, and the form offers a new id, so the next save is a new note.
  Fields edited = again;
  edited.front().second = "Bilarna kör för fort, också på kvällen";
  auto conflict = site.post(site.notes(site.meeting), edited, site.fia);
  REQUIRE(conflict);
  CHECK(conflict->status == 409);
  const std::string fresh = notes_hidden(conflict->body, "note");
  CHECK_FALSE(fresh.empty());
  CHECK(fresh != id);
  CHECK(conflict->body.find("Bilarna kör för fort, också på kvällen</textarea>") !=
        std::string::npos);
  Fields resent = edited;
  resent.back().second = fresh;
  REQUIRE(site.post(site.notes(site.meeting), resent, site.fia)->status == 303);
  CHECK(session_records(site.export_jsonl(), site.meeting).size() == 2);

  // The page lists it, with the speaker's language remembered.
  auto listed = site.get(site.notes(site.meeting) + "?speaker=en", site.fia);
  REQUIRE(listed->status == 200);
  CHECK(listed->body.find("Bilarna kör för fort förbi skolan på morgonen") != std::string::npos);
  CHECK(listed->body.find("<option value=\"en\" selected>") != std::string::npos);
  CHECK(listed->body.find("id=\"note-" + id + "\"") != std::string::npos);
}

TEST_CASE("notes: a refused note is answered on the page with its field and what was typed",
          "[dialogue_notes]") {
  NotesSite site;
  auto empty = site.note(site.meeting, {{"text", "   "}, {"place", "Torget"}, {"speaker", "sv"}});
  REQUIRE(empty);
  CHECK(empty->status == 422);
  CHECK(empty->body.find("href=\"#note-text\"") != std::string::npos);
  CHECK(empty->body.find("value=\"Torget\"") != std::string::npos);

  auto bad_age = site.note(site.meeting,
                           {{"text", "Mörkt vid torget"}, {"speaker", "sv"}, {"age_group", "9"}});
  REQUIRE(bad_age);
  CHECK(bad_age->status == 422);
  CHECK(bad_age->body.find("href=\"#note-age\"") != std::string::npos);
  CHECK(bad_age->body.find("Mörkt vid torget</textarea>") != std::string::npos);
  CHECK(session_records(site.export_jsonl(), site.meeting).empty());
}

TEST_CASE("notes: a walk's notes are taken at stops, a new stop name adds one",
          "[dialogue_notes]") {
  NotesSite site;
  auto first = site.note(
      site.walk,
      {{"text", "Tunneln är mörk"}, {"speaker", "sv"}, {"new_stop", "Tunneln under vägen"}});
  REQUIRE(first);
  INFO(first->body);
  REQUIRE(first->status == 303);
  CHECK(first->get_header_value("Location").find("stop=Tunneln") != std::string::npos);
  auto second = site.note(
      site.walk,
      {{"text", "Buskarna skymmer sikten"}, {"speaker", "sv"}, {"stop", "Tunneln under vägen"}});
  REQUIRE(second->status == 303);
  auto third = site.note(site.walk, {{"text", "Klotter på muren vid parkeringen"},
                                     {"speaker", "sv"},
                                     {"new_stop", "Parkeringen"}});
  REQUIRE(third->status == 303);
  auto records = session_records(site.export_jsonl(), site.walk);
  REQUIRE(records.size() == 3);
  int at_tunnel = 0;
  for (const auto& r : records)
    at_tunnel += r["answers"].value("free_place", "") == "Tunneln under vägen";
  CHECK(at_tunnel == 2);
  auto page = site.get(site.notes(site.walk), site.fia);
  REQUIRE(page->status == 200);
  // Both stops to choose from, and the notes under their stop, the latest stop first.
  CHECK(page->body.find("<option value=\"Tunneln under vägen\"") != std::string::npos);
  const auto parking = page->body.find("<h3 class=\"ws-notes-stop\">Parkeringen</h3>");
  const auto tunnel = page->body.find("<h3 class=\"ws-notes-stop\">Tunneln under vägen</h3>");
  REQUIRE(parking != std::string::npos);
  REQUIRE(tunnel != std::string::npos);
  CHECK(parking < tunnel);
  CHECK(page->body.find("Buskarna skymmer sikten", tunnel) != std::string::npos);
}

TEST_CASE("notes: another facilitator's session is not found, and an analyst has no notes page",
          "[dialogue_notes]") {
  NotesSite site;
  auto page = site.get(site.notes(site.meeting), site.fredrik);
  REQUIRE(page);
  CHECK(page->status == 404);
  auto suggest =
      site.get(site.notes(site.meeting) + "/suggest?text=fortk%C3%B6rning", site.fredrik);
  CHECK(suggest->status == 404);
  auto summary = site.get("/workspace/dialogues/" + site.meeting + "/summary", site.fredrik);
  CHECK(summary->status == 404);
  // Posting to it: 404 too, and nothing stored.
  auto own = site.get(site.notes(site.other), site.fredrik);
  REQUIRE(own->status == 200);
  auto sent = site.post(
      site.notes(site.meeting),
      {{"_csrf", csrf_of(own->body)}, {"note", "n-sneaky"}, {"text", "Hej"}, {"speaker", "sv"}},
      site.fredrik);
  CHECK(sent->status == 404);
  CHECK(session_records(site.export_jsonl(), site.meeting).empty());
  CHECK(site.get(site.notes(site.meeting), site.anna)->status == 403);
}

TEST_CASE("notes: suggestions as JSON, accepted themes stored as the note taker's manual codes",
          "[dialogue_notes]") {
  NotesSite site;
  auto res = site.get(site.notes(site.meeting) + "/suggest?speaker=sv&text=" +
                          url_encode_for_test("Det är så mörkt i tunneln, ingen belysning alls"),
                      site.fia);
  REQUIRE(res);
  REQUIRE(res->status == 200);
  CHECK(res->get_header_value("Content-Type").find("application/json") == 0);
  auto body = nlohmann::json::parse(res->body);
  REQUIRE(!body["suggestions"].empty());
  CHECK(body["suggestions"][0]["theme"] == "lighting_environment");
  CHECK(body["suggestions"][0]["label"] == "Lighting and environment");  // fia's page is English
  auto none = nlohmann::json::parse(
      site.get(site.notes(site.meeting) + "/suggest?speaker=sv&text=kaffe%20och%20bullar", site.fia)
          ->body);
  CHECK(none["suggestions"].empty());
  auto bad = site.get(site.notes(site.meeting) + "/suggest?speaker=xx&text=hej", site.fia);
  CHECK(bad->status == 422);
  CHECK(nlohmann::json::parse(bad->body)["error"]["field"] == "lang");

  // Saved with an accepted theme the codebook would not find in the text.
  std::string id;
  auto saved = site.note(site.meeting,
                         {{"text", "Det är så mörkt i tunneln"},
                          {"speaker", "sv"},
                          {"theme", "lighting_environment"},
                          {"theme", "youth_activities"}},
                         &id);
  REQUIRE(saved->status == 303);
  auto audit = site.audit();
  int recoded = 0;
  for (const auto& e : audit) {
    if (e["action"] != "response_recoded") continue;
    ++recoded;
    CHECK(e["actor"] == "fia");
    CHECK(e["target"] == "trygghet-2026/" + id);
    CHECK(e["detail"] == "+lighting_environment +youth_activities");
  }
  CHECK(recoded == 1);
  // The list marks both as accepted; no button offers them again.
  auto page = site.get(site.notes(site.meeting), site.fia);
  const auto card = page->body.find("id=\"note-" + id + "\"");
  REQUIRE(card != std::string::npos);
  CHECK(page->body.find("ws-note-theme accepted\">Youth activities", card) != std::string::npos);
  CHECK(page->body.find("name=\"theme\" value=\"youth_activities\"", card) == std::string::npos);

  // Without JavaScript: a saved note's suggestion accepted by its button.
  std::string plain;
  REQUIRE(site.note(site.meeting,
                    {{"text", "Fortkörning på Jordbrovägen varje kväll"}, {"speaker", "sv"}},
                    &plain)
              ->status == 303);
  page = site.get(site.notes(site.meeting), site.fia);
  const auto plain_card = page->body.find("id=\"note-" + plain + "\"");
  REQUIRE(plain_card != std::string::npos);
  REQUIRE(page->body.find("name=\"theme\" value=\"traffic\"", plain_card) != std::string::npos);
  auto accepted =
      site.post(site.notes(site.meeting) + "/themes",
                {{"_csrf", csrf_of(page->body)}, {"note", plain}, {"theme", "traffic"}}, site.fia);
  REQUIRE(accepted->status == 303);
  CHECK(accepted->get_header_value("Location").find("#note-" + plain) != std::string::npos);
  CHECK(count_actions(site.audit(), "response_recoded") == 2);
  // A note of another session, or a theme the codebook lacks, is refused.
  CHECK(site.post(site.notes(site.walk) + "/themes",
                  {{"_csrf", csrf_of(page->body)}, {"note", plain}, {"theme", "traffic"}}, site.fia)
            ->status == 404);
  CHECK(site.post(site.notes(site.meeting) + "/themes",
                  {{"_csrf", csrf_of(page->body)}, {"note", plain}, {"theme", "no_such_theme"}},
                  site.fia)
            ->status == 422);
}

TEST_CASE("notes: a note flows into the survey's search and themes for an analyst",
          "[dialogue_notes]") {
  NotesSite site;
  std::string id;
  REQUIRE(site.note(site.meeting,
                    {{"text", "Gångtunneln vid Jordbro station är kolsvart, ingen belysning"},
                     {"speaker", "sv"},
                     {"theme", "youth_activities"}},
                    &id)
              ->status == 303);
  bool found = false;
  for (int i = 0; i < 100 && !found; ++i) {
    auto res = site.get(std::string(notes_survey) + "/search?q=kolsvart", site.anna);
    found = res && res->status == 200 && res->body.find(id) != std::string::npos;
    if (!found) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  REQUIRE(found);
  // The theme's responses: the codebook's (lighting) and the accepted one (youth activities).
  for (const char* theme : {"lighting_environment", "youth_activities"}) {
    INFO(theme);
    auto res = site.get(std::string(notes_survey) + "/themes/" + theme, site.anna);
    REQUIRE(res->status == 200);
    CHECK(res->body.find("kolsvart") != std::string::npos);
  }
}

TEST_CASE("summary: the session's one page in Swedish and in Arabic", "[dialogue_notes]") {
  NotesSite site;
  for (const char* text : {"Fortkörning på Jordbrovägen varje kväll", "Bilar kör fort vid skolan",
                           "Mörkt i tunneln, ingen belysning"}) {
    REQUIRE(
        site.note(site.meeting, {{"text", text}, {"speaker", "sv"}, {"gender", "man"}})->status ==
        303);
  }
  auto sv = site.get("/workspace/dialogues/" + site.meeting + "/summary", site.fia);
  REQUIRE(sv);
  INFO(sv->body);
  REQUIRE(sv->status == 200);
  CHECK(sv->body.find("<html lang=\"sv\" dir=\"ltr\">") != std::string::npos);
  CHECK(sv->body.find("Sammanfattning av trygghetsdialogen") != std::string::npos);
  CHECK(sv->body.find("Jordbro bibliotek") != std::string::npos);
  // Themes with counts: traffic in two notes, before lighting in one.
  const auto traffic = sv->body.find("<span class=\"sum-bar-label\">Trafik</span>");
  const auto lighting =
      sv->body.find("<span class=\"sum-bar-label\">Belysning och utemiljö</span>");
  REQUIRE(traffic != std::string::npos);
  REQUIRE(lighting != std::string::npos);
  CHECK(traffic < lighting);
  CHECK(sv->body.find("<span class=\"sum-bar-value\">2</span>", traffic) < lighting);
  // Three men: fewer than five, so no count.
  CHECK(sv->body.find("färre än 5") != std::string::npos);
  CHECK(sv->body.find("Mörkt i tunneln, ingen belysning") != std::string::npos);

  REQUIRE(
      site.note(site.arabic, {{"text", "الشارع مظلم في الليل ولا توجد إنارة"}, {"speaker", "ar"}})
          ->status == 303);
  auto ar = site.get("/workspace/dialogues/" + site.arabic + "/summary", site.fia);
  REQUIRE(ar->status == 200);
  CHECK(ar->body.find("<html lang=\"ar\" dir=\"rtl\">") != std::string::npos);
  CHECK(ar->body.find("ملخص حوار السلامة") != std::string::npos);
  CHECK(ar->body.find("الشارع مظلم في الليل") != std::string::npos);
}
