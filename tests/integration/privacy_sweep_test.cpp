// The privacy sweep: every route of docs/api.md (pages, exports, static
// files, the form, the JSON API, with the query variants that change what
// is shown) against the real binary, on a survey whose every free-text
// answer holds a secret marker, with a stored codebook edit, a manual
// recode, a marked priority, margins and audit entries, so that every page
// has something to leak. For each route: a visitor without cookie or token
// and a signed-in viewer (with the session's CSRF token on POSTs) get the
// status docs/api.md gives and not a byte of the marker in the status
// line, the headers or the body; where free text is meant to be shown, an
// analyst (pages) or a script holding the token (API) does get it, so the
// sweep could fail. A second test keeps the table in step with
// docs/api.md in both directions.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "../support/files.hpp"
#include "workspace_client.hpp"

using namespace lyssna::test;

// A namespace of its own, not an anonymous one: compiled in a unity batch
// with other test files, its helpers (secret, hidden, Route...) do not
// meet theirs, and inside it its own names are found first.
namespace privacy_sweep {

// Every free-text answer carries this marker: lowercase letters without
// digits, so neither the engine's case folding nor the quotes' masking of
// numbers changes it, and no random token of a response (CSRF tokens are
// hex) can spell it by chance. Found in a response, it is a resident's words.
const std::string secret = "qzxj";
// The marker of one question, in every answer to it: "qzxjfreetext".
std::string secret_of(const std::string& question) {
  std::string out = secret;
  for (char c : question)
    if (c != '_') out += c;
  return out;
}

const std::string api_token = "privacy-sweep-token-0123456789";

// The fixture's ids that the table fills into its paths.
struct Ids {
  std::string survey = "trygghet-2026";
  std::string earlier = "trygghet-2025";  // for trend
  std::string record = "sweep-00";
  std::string user_id = "1";        // the viewer's, from the admin's user list
  std::vector<std::string> assets;  // /static/<hash>/<file> as the pages link them
};

// Who asks for a route.
struct Principal {
  std::string cookie;  // the session's, when signed in
  std::string csrf;    // sent as _csrf on a form POST, when signed in
  std::string bearer;  // the server's token (a script)
};

// Who must see free text on a route, as the contrast.
enum class Shows { nothing, to_analyst, to_script };

struct Route {
  std::string method;
  std::string path;  // with the fixture's ids and the query
  int visitor;       // the status for no cookie and no token
  int viewer;        // the status for the signed-in viewer
  Shows shows = Shows::nothing;
  Fields fields = {};             // a form POST's fields (the CSRF token is added)
  std::string json = "";          // an API POST's body
  bool ends_session = false;      // the viewer's session is gone after it (logout)
  bool every_text_field = false;  // the contrast shows every free-text question's marker
};

std::string route_name(const Route& r) {
  return r.method + " " + r.path;
}

std::string without_query(const std::string& path) {
  return path.substr(0, path.find('?'));
}

// The whole sweep. Statuses as docs/api.md gives them: a workspace route
// sends a visitor to the login page (303, empty body), refuses a role
// without its permission (403 page; a POST's CSRF token is right, so the
// 403 is the role's) and answers a bad area with 422; the analysis API
// needs the token (401 for the visitor and for the viewer, whose cookie is
// no token); the resident's form, the survey list and static files are
// everyone's.
std::vector<Route> sweep_routes(const Ids& ids) {
  const std::string ws = "/workspace/surveys/" + ids.survey;
  const std::string api = "/api/v1/surveys/" + ids.survey;
  const std::string form = "/s/" + ids.survey;
  const std::string dialogue = "/workspace/dialogues/s-2026-03-12-sweep-0a1b2c";
  const Shows analyst = Shows::to_analyst, script = Shows::to_script;
  // A record of the survey with the id of a stored one and other answers:
  // the 409 must not show what is stored.
  const std::string conflicting = nlohmann::json{
      {"id", ids.record},
      {"survey", ids.survey},
      {"lang", "sv"},
      {"channel", "online"},
      {"session", nullptr},
      {"submitted_at", "2026-03-01T10:00:00Z"},
      {"answers",
       {{"area", "handen"}}}}.dump();
  const std::string margins =
      R"({"margins": {"area": {"handen": 1, "jordbro": 1, "vasterhaninge": 1}}})";
  std::vector<Route> t = {
      // The resident's side: everyone's, the same with a staff cookie.
      {"GET", "/", 200, 200},
      {"GET", "/?lang=en", 200, 200},
      {"GET", "/favicon.ico", 204, 204},
      // The public promise pages (none is public here; public_promise_test
      // sweeps a published one for what must not reach them).
      {"GET", "/promise", 200, 200},
      {"GET", "/promise?lang=ar", 200, 200},
      {"GET", "/promise/haninge", 404, 404},
      {"GET", "/promise/1/feed.atom", 404, 404},
      {"GET", form, 200, 200},
      {"GET", form + "?lang=en", 200, 200},
      {"GET", form + "/thanks", 200, 200},
      {"GET", form + "/thanks?lang=en", 200, 200},
      // The form's pages carry the answers in the POST: a stored record's
      // id (_rid) brings nothing of that record back, on the next page, on
      // the way back, or on the final submission (nothing new stored: 303).
      {"POST",
       form,
       200,
       200,
       Shows::nothing,
       {{"_rid", ids.record},
        {"_lang", "sv"},
        {"_page", "0"},
        {"_action", "next"},
        {"area", "handen"}}},
      {"POST",
       form,
       200,
       200,
       Shows::nothing,
       {{"_rid", ids.record}, {"_lang", "sv"}, {"_page", "4"}, {"_action", "back"}}},
      {"POST",
       form,
       303,
       303,
       Shows::nothing,
       {{"_rid", ids.record},
        {"_lang", "sv"},
        {"_page", "4"},
        {"_action", "submit"},
        {"area", "handen"}}},
      {"GET", "/healthz", 200, 200},
      {"GET", "/api/v1/surveys", 200, 200},
      {"GET", api, 200, 200},
      {"POST", api + "/responses", 409, 409, Shows::nothing, {}, conflicting},
      // The promises as JSON: the public's (none published here), a
      // script's in full.
      {"GET", "/api/v1/promises", 200, 200},
      {"GET", "/api/v1/promises?kommun=haninge", 200, 200},
      {"GET", "/api/v1/promises/1", 404, 404},

      // The analysis API: scripts only.
      {"GET", api + "/themes", 401, 401},
      {"GET", api + "/themes?area=handen", 401, 401},
      {"GET", api + "/themes?per_response=1", 401, 401},
      {"GET", api + "/search?q=tunneln", 401, 401, script},
      {"GET", api + "/search?q=tunneln&area=handen,jordbro&lang=sv&channel=online", 401, 401,
       script},
      {"GET", api + "/search?q=fort&theme=traffic&limit=5&offset=5", 401, 401, script},
      {"GET", api + "/discover", 401, 401, script},
      {"GET", api + "/discover?candidates=3", 401, 401, script},
      {"GET", api + "/indicators", 401, 401},
      {"GET", api + "/indicators?by=area&min_n=5", 401, 401},
      {"POST", api + "/indicators", 401, 401, Shows::nothing, {}, margins},
      {"GET", api + "/priorities", 401, 401, script},
      {"GET", api + "/priorities?area=handen", 401, 401, script},
      {"POST", api + "/priorities", 401, 401, script, {}, R"({"area": "handen"})"},
      {"GET", api + "/priorities/marked", 401, 401, script},
      {"GET", api + "/trend?against=" + ids.earlier, 401, 401},
      {"POST",
       api + "/code",
       401,
       401,
       Shows::nothing,
       {},
       R"({"id": ")" + ids.record + R"(", "add": ["traffic"]})"},

      // The workspace's own pages.
      {"GET", "/workspace/login", 200, 303},
      {"GET", "/workspace/login?next=/workspace/surveys&lang=en", 200, 303},
      // A login with a name no user has: the form again for both.
      {"POST",
       "/workspace/login",
       401,
       401,
       Shows::nothing,
       {{"name", "nobody"}, {"password", "not the password"}, {"_lang", "en"}}},
      {"GET", "/workspace", 303, 200},
      {"GET", "/workspace?lang=en", 303, 200},
      {"POST", "/workspace/logout", 303, 303, Shows::nothing, {}, "", true},
      {"GET", "/workspace/admin/users", 303, 403},
      {"GET", "/workspace/admin/users?done=added", 303, 403},
      {"POST",
       "/workspace/admin/users",
       303,
       403,
       Shows::nothing,
       {{"name", "mallory"},
        {"role", "admin"},
        {"password", good_password},
        {"password_again", good_password}}},
      {"POST", "/workspace/admin/users/" + ids.user_id + "/disable", 303, 403},
      {"POST", "/workspace/admin/users/" + ids.user_id + "/enable", 303, 403},
      {"POST", "/workspace/admin/users/" + ids.user_id + "/unlock", 303, 403},
      {"POST",
       "/workspace/admin/users/role",
       303,
       403,
       Shows::nothing,
       {{"user", ids.user_id}, {"role", "admin"}}},
      {"POST",
       "/workspace/admin/users/password",
       303,
       403,
       Shows::nothing,
       {{"user", ids.user_id}, {"password", good_password}, {"password_again", good_password}}},
      {"GET", "/workspace/admin/audit", 303, 403},
      {"GET", "/workspace/admin/audit?page=2", 303, 403},

      // Surveys: the list is a viewer's, the rest the admin's; the export
      // is the free text itself (every question's), for view_free_text.
      {"GET", "/workspace/surveys", 303, 200},
      {"GET", "/workspace/surveys?done=created", 303, 200},
      {"POST",
       "/workspace/surveys",
       303,
       403,
       Shows::nothing,
       {{"id", "sweep-new"}, {"title", "Sweep"}, {"source", "copy"}, {"copy_of", ids.survey}}},
      {"GET", ws + "/settings", 303, 403},
      {"GET", ws + "/settings?done=saved", 303, 403},
      {"POST", ws + "/settings", 303, 403, Shows::nothing, {{"areas", "handen = Handen"}}},
      {"POST", ws + "/codes", 303, 403, Shows::nothing, {{"count", "3"}}},
      {"POST", ws + "/margins", 303, 403, Shows::nothing, {{"text", margins}}},
      {"POST", ws + "/margins/clear", 303, 403},
      {"POST", ws + "/export", 303, 403, analyst, {}, "", false, true},

      // The overview and the dashboard: aggregates, a viewer's too.
      {"GET", ws, 303, 200},
      {"GET", "/workspace/surveys/no-such-survey", 303, 404},
      {"GET", ws + "/dashboard", 303, 200},
      {"GET", ws + "/dashboard?area=handen", 303, 200},
      {"GET", ws + "/dashboard?area=atlantis", 303, 422},

      // The priority list: figures for a viewer, the evidence quotes only
      // for those who read free text.
      {"GET", ws + "/priorities", 303, 200, analyst},
      {"GET", ws + "/priorities?area=jordbro", 303, 200, analyst},
      {"GET", ws + "/priorities?weighted=0", 303, 200, analyst},
      {"GET", ws + "/priorities?area=handen&weighted=1", 303, 200, analyst},
      {"GET", ws + "/priorities?area=atlantis", 303, 422},
      {"POST",
       ws + "/priorities/blend",
       303,
       403,
       Shows::nothing,
       {{"survey_weight", "70"}, {"area", ""}, {"weighted", "1"}}},
      {"POST",
       ws + "/priorities/mark",
       303,
       403,
       Shows::nothing,
       {{"theme", "traffic"}, {"area", ""}, {"mark", "0"}, {"weighted", "1"}}},

      // The explorer: the table of counts is a viewer's; a theme's answers
      // and the search (every page of them) are free text.
      {"GET", ws + "/themes", 303, 200},
      {"GET", ws + "/themes/traffic", 303, 403, analyst},
      {"GET", ws + "/themes/traffic?area=handen", 303, 403, analyst},
      {"GET", ws + "/themes/traffic?page=2", 303, 403, analyst},
      {"GET", ws + "/themes/youth_activities", 303, 403, analyst},  // the manual recode's
      {"GET", ws + "/search", 303, 403, analyst},
      {"GET", ws + "/search?q=tunneln", 303, 403, analyst},
      {"GET", ws + "/search?theme=traffic", 303, 403, analyst},
      {"GET", ws + "/search?q=fort&area=jordbro&language=sv&channel=online", 303, 403, analyst},
      {"GET", ws + "/search?from=2026-03-01&to=2026-03-31", 303, 403, analyst},
      {"GET", ws + "/search?page=2", 303, 403, analyst},
      {"POST",
       ws + "/recode",
       303,
       403,
       Shows::nothing,
       {{"record", ids.record}, {"theme", "traffic"}, {"change", "remove"}}},

      // The codebook editor and the suggestions (edit_analysis): a preview
      // shows answers that would gain the theme, suggestions their quotes.
      {"GET", ws + "/themes/edit-theme", 303, 403},
      {"GET", ws + "/themes/edit-theme?theme=traffic", 303, 403},
      {"GET", ws + "/themes/edit-theme?theme=lighting_environment&done=saved", 303, 403},
      {"POST",
       ws + "/themes/edit-theme",
       303,
       403,
       analyst,
       {{"kind", "edit"},
        {"op", "preview"},
        {"theme", ""},
        {"id", "flower_boxes"},
        {"label_en", "Flower boxes"},
        {"terms_sv", "blomlådor"}}},
      {"GET", ws + "/themes/suggested-themes", 303, 403, analyst},
      {"GET", ws + "/themes/suggested-themes?done=dismissed", 303, 403, analyst},
      {"POST",
       ws + "/themes/suggested-themes/dismiss",
       303,
       403,
       Shows::nothing,
       {{"suggestion", "blomlådor"}}},
      // A dialogue session's notes and summary are its facilitator's: a
      // viewer lacks own_dialogues (dialogue_notes_test sweeps the owner's).
      {"GET", dialogue + "/notes", 303, 403},
      {"GET", dialogue + "/notes?speaker=en&stop=Torget", 303, 403},
      {"POST",
       dialogue + "/notes",
       303,
       403,
       Shows::nothing,
       {{"note", "n-sweep"}, {"text", "Fortkörning"}, {"speaker", "sv"}}},
      {"POST",
       dialogue + "/notes/themes",
       303,
       403,
       Shows::nothing,
       {{"note", ids.record}, {"theme", "traffic"}}},
      {"GET", dialogue + "/notes/suggest?text=fortk%C3%B6rning&speaker=sv", 303, 403},
      {"GET", dialogue + "/summary", 303, 403},
      // The sessions themselves and their votes: also the facilitator's.
      {"GET", "/workspace/dialogues", 303, 403},
      {"POST",
       "/workspace/dialogues",
       303,
       403,
       Shows::nothing,
       {{"survey", ids.survey},
        {"place", "Torget"},
        {"held_on", "2026-03-12"},
        {"languages", "sv"},
        {"format", "meeting"},
        {"facilitator", "Sweep"}}},
      {"GET", dialogue, 303, 403},
      {"POST", dialogue + "/status", 303, 403, Shows::nothing, {{"status", "paused"}}},
      {"POST",
       dialogue + "/kiosk",
       303,
       403,
       Shows::nothing,
       {{"pin", "1234"}, {"idle_seconds", "60"}}},
      {"POST", dialogue + "/kiosk/start", 303, 403},
      {"POST", dialogue + "/activity", 303, 403, Shows::nothing, {{"activity", ""}}},
      {"GET", dialogue + "/votes", 303, 403},
      {"POST",
       dialogue + "/votes",
       303,
       403,
       Shows::nothing,
       {{"candidate", "traffic"}, {"dots_per_ballot", "3"}}},
      {"GET", dialogue + "/votes/v-sweep", 303, 403},
      {"GET", dialogue + "/votes/v-sweep/tally.json", 303, 403},
      {"POST", dialogue + "/votes/v-sweep/state", 303, 403, Shows::nothing, {{"open", "1"}}},
      // The room: a code or a session no dialogue has is nobody's.
      {"GET", "/d", 200, 200},
      {"GET", "/d?code=zz9zz9", 404, 404},
      {"GET", "/d/zz9zz9", 404, 404},
      {"POST", "/d/zz9zz9", 404, 404, Shows::nothing, {{"_lang", "sv"}}},
      {"GET", "/d/zz9zz9/thanks", 404, 404},
      {"GET", "/d/zz9zz9/vote", 404, 404},
      {"POST", "/d/zz9zz9/vote", 404, 404, Shows::nothing, {{"vote", "v-sweep"}}},
      {"GET", "/d/zz9zz9/vote/counted", 404, 404},
      {"GET", "/kiosk/s-2026-03-12-sweep-0a1b2c", 404, 404},
      {"POST",
       "/kiosk/s-2026-03-12-sweep-0a1b2c",
       404,
       404,
       Shows::nothing,
       {{"_action", "start"}}},
      {"GET", "/kiosk/s-2026-03-12-sweep-0a1b2c/thanks", 404, 404},
      {"GET", "/kiosk/s-2026-03-12-sweep-0a1b2c/exit", 404, 404},
      {"POST",
       "/kiosk/s-2026-03-12-sweep-0a1b2c/exit",
       404,
       404,
       Shows::nothing,
       {{"pin", "1234"}}},
      {"GET", "/kiosk/s-2026-03-12-sweep-0a1b2c/vote", 404, 404},
      {"POST",
       "/kiosk/s-2026-03-12-sweep-0a1b2c/vote",
       404,
       404,
       Shows::nothing,
       {{"vote", "v-sweep"}}},
      {"GET", "/kiosk/s-2026-03-12-sweep-0a1b2c/vote/counted", 404, 404},
      // A laptop's sync needs a sync token: no cookie is one.
      {"GET", "/api/v1/sync/surveys", 401, 401},
      {"POST", "/api/v1/sync/lines", 401, 401, Shows::nothing, {}, conflicting},
  };
  // CSS and JavaScript, as the pages link them.
  for (const auto& asset : ids.assets) t.push_back({"GET", asset, 200, 200});
  return t;
}

// Everything a client receives: the status line, every header, the body.
std::string received(const httplib::Response& res) {
  std::string out = "HTTP/1.1 " + std::to_string(res.status) + " " + res.reason + "\n";
  for (const auto& [name, value] : res.headers) out += name + ": " + value + "\n";
  return out + "\n" + res.body;
}

// The value of a hidden field of a form page.
std::string hidden(const std::string& html, const std::string& name) {
  std::smatch m;
  const std::regex re("name=\"" + name + "\" value=\"([^\"]*)\"");
  if (!std::regex_search(html, m, re)) return "";
  return m[1];
}

// The survey's answers: 60 in three areas, every other one about traffic,
// a quarter about flower boxes (no theme finds them: discovery proposes
// them, with quotes), the rest about the dark; every free-text question
// answered, each with its marker. Six answers of an earlier survey, for trend.
std::string answers_jsonl(const Ids& ids, const std::vector<std::string>& text_questions) {
  static const char* areas[] = {"handen", "jordbro", "vasterhaninge"};
  static const char* ages[] = {"16-24", "25-44", "45-64", "65+"};
  static const char* safe[] = {"very_safe", "fairly_safe", "fairly_unsafe", "very_unsafe"};
  static const char* others[] = {
      "Mörkt vid tunneln på kvällen", "Fler blomlådor och bänkar i parken",
      "Det är mörkt på gångvägen vid skolan", "Fler blomlådor och bänkar"};
  auto record = [&](const std::string& survey, const std::string& id, const std::string& when,
                    int i, const std::string& said) {
    nlohmann::json answers = {{"area", areas[i % 3]},
                              {"age_group", ages[i % 4]},
                              {"gender", i % 2 ? "woman" : "man"},
                              {"safe_night", safe[i % 4]},
                              {"problem_traffic", "very_big"}};
    for (size_t q = 0; q < text_questions.size(); ++q)
      answers[text_questions[q]] = (q == 0 ? said + " " : "") + secret_of(text_questions[q]);
    nlohmann::json r = {
        {"id", id},           {"survey", survey},     {"lang", "sv"},      {"channel", "online"},
        {"session", nullptr}, {"submitted_at", when}, {"answers", answers}};
    return r.dump() + "\n";
  };
  std::string out;
  char id[32], when[32];
  for (int i = 0; i < 60; ++i) {
    std::snprintf(id, sizeof id, "sweep-%02d", i);
    std::snprintf(when, sizeof when, "2026-03-%02dT10:00:00Z", 1 + i % 20);
    out += record(ids.survey, id, when, i,
                  i % 2 == 0 ? "Bilarna kör för fort på Storgatan" : others[(i / 2) % 4]);
  }
  for (int i = 0; i < 6; ++i) {
    std::snprintf(id, sizeof id, "early-%02d", i);
    std::snprintf(when, sizeof when, "2025-03-%02dT10:00:00Z", 1 + i);
    out += record(ids.earlier, id, when, i, "Bilarna kör för fort");
  }
  return out;
}

// The free-text questions of a survey's definition.
std::vector<std::string> text_questions_of(const nlohmann::json& definition) {
  std::vector<std::string> out;
  for (const auto& page : definition["pages"])
    for (const auto& q : page["questions"])
      if (q["type"] == "text") out.push_back(q["id"]);
  return out;
}

// The workspace with the survey, its earlier one, margins, a viewer, an
// analyst and an admin, and the analyst's changes made through the pages.
struct SweepWorkspace : Workspace {
  Ids ids;
  std::vector<std::string> text_questions;
  Principal visitor, viewer, analyst, script{"", "", api_token};

  SweepWorkspace() {
    REQUIRE(lyssna({"survey", "new", ids.earlier, "--areas",
                    "handen,jordbro,vasterhaninge=Västerhaninge"})
                .status == 0);
    auto shown = lyssna({"survey", "show", ids.survey});
    REQUIRE(shown.status == 0);
    text_questions = text_questions_of(nlohmann::json::parse(shown.out));
    REQUIRE_FALSE(text_questions.empty());
    auto imported = lyssna({"import", "-"}, answers_jsonl(ids, text_questions));
    INFO(imported.err);
    REQUIRE(imported.status == 0);
    // Margins stored, so that the pages' weighted and unweighted variants differ.
    const std::string margins = dir.file("margins.json");
    std::ofstream(margins) << R"({"survey": ")" << ids.survey << R"(", "margins": {
      "area": {"handen": 21000, "jordbro": 9000, "vasterhaninge": 16000},
      "age_group": {"16-24": 6000, "25-44": 16000, "45-64": 14000, "65+": 10000},
      "gender": {"woman": 23000, "man": 23000}}})";
    auto stored = lyssna({"margins", "set", ids.survey, margins});
    INFO(stored.err);
    REQUIRE(stored.status == 0);
    add_user("vera", "viewer");
    add_user("anna", "analyst");
    add_user("root", "admin");
    // Indexed before the server starts with the token, so that every page
    // has the answers from the first request on.
    server.reset();
    auto indexed = lyssna({"reindex", "--quiet"});
    INFO(indexed.err);
    REQUIRE(indexed.status == 0);
    start({"--token", api_token});
    viewer = signed_in("vera");
    analyst = signed_in("anna");
    make_changes();
    find_ids();
  }

  Principal signed_in(const std::string& name) {
    Principal p;
    p.cookie = login(name);
    p.csrf = csrf(p.cookie);
    REQUIRE(p.csrf.size() == 64);
    return p;
  }

  // A stored codebook edit, a manual recode and a marked priority, by the
  // analyst through the pages (each with its audit entry).
  void make_changes() {
    const std::string ws = "/workspace/surveys/" + ids.survey;
    Fields edit = {{"_csrf", analyst.csrf},
                   {"kind", "edit"},
                   {"op", "preview"},
                   {"theme", "lighting_environment"},
                   {"id", "lighting_environment"},
                   {"label_sv", "Belysning"},
                   {"label_en", "Lighting"},
                   {"terms_sv", "gångvägen\ntunnel"}};
    auto preview = post(ws + "/themes/edit-theme", edit, analyst.cookie);
    REQUIRE(preview);
    REQUIRE(preview->status == 200);
    for (auto& [k, v] : edit)
      if (k == "op") v = "save";
    edit.emplace_back("base", hidden(preview->body, "base"));
    edit.emplace_back("previewed", hidden(preview->body, "previewed"));
    auto saved = post(ws + "/themes/edit-theme", edit, analyst.cookie);
    REQUIRE(saved);
    REQUIRE(saved->status == 303);
    auto recoded = post(ws + "/recode",
                        {{"_csrf", analyst.csrf},
                         {"record", "sweep-03"},
                         {"theme", "youth_activities"},
                         {"change", "add"}},
                        analyst.cookie);
    REQUIRE(recoded);
    REQUIRE(recoded->status == 303);
    auto marked = post(ws + "/priorities/mark",
                       {{"_csrf", analyst.csrf}, {"theme", "traffic"}, {"area", ""}, {"mark", "1"}},
                       analyst.cookie);
    REQUIRE(marked);
    REQUIRE(marked->status == 303);
    std::set<std::string> actions;
    for (const auto& e : audit()) actions.insert(e["action"].get<std::string>());
    for (const std::string a : {"codebook_changed", "response_recoded"}) {
      INFO(a);
      CHECK(actions.count(a) == 1);
    }
  }

  // The viewer's user id (from the admin's list) and the static files the
  // resident's form and the workspace link.
  void find_ids() {
    auto users = get("/workspace/admin/users", login("root"));
    REQUIRE(users);
    REQUIRE(users->status == 200);
    const auto name = users->body.find("<span class=\"ws-vh\"> vera</span>");
    REQUIRE(name != std::string::npos);
    const std::string action = "/workspace/admin/users/";
    const auto at = users->body.rfind(action, name);
    REQUIRE(at != std::string::npos);
    ids.user_id = users->body.substr(
        at + action.size(), users->body.find('/', at + action.size()) - at - action.size());
    REQUIRE_FALSE(ids.user_id.empty());
    std::set<std::string> assets;
    static const std::regex link("/static/[0-9a-f]{16}/[a-z0-9_.-]+");
    for (const std::string& page : {"/s/" + ids.survey, std::string("/workspace/login")}) {
      auto res = get(page);
      REQUIRE(res);
      for (auto it = std::sregex_iterator(res->body.begin(), res->body.end(), link);
           it != std::sregex_iterator(); ++it)
        assets.insert(it->str());
    }
    REQUIRE(assets.size() >= 2);
    ids.assets.assign(assets.begin(), assets.end());
  }

  httplib::Result send(const Route& r, const Principal& who) {
    httplib::Headers headers;
    if (!who.cookie.empty()) headers.emplace("Cookie", who.cookie);
    if (!who.bearer.empty()) headers.emplace("Authorization", "Bearer " + who.bearer);
    if (r.method == "GET") return client->Get(r.path.c_str(), headers);
    if (!r.json.empty()) return client->Post(r.path.c_str(), headers, r.json, "application/json");
    Fields fields = r.fields;
    if (!who.csrf.empty()) fields.emplace_back("_csrf", who.csrf);
    return post(r.path, fields, "", headers);
  }
};

// A few bytes either side of where the marker is in `all` ("" when it is not).
std::string around(const std::string& all, size_t at) {
  if (at == std::string::npos) return "";
  const size_t from = at >= 80 ? at - 80 : 0;
  return "..." + all.substr(from, 200) + "...";
}

// Asserts that a visitor or the viewer got the status of the table and
// nothing of the answers: not in the status line, a header or the body.
void check_no_free_text(const Route& r, const httplib::Result& res, int expected, bool signed_in) {
  REQUIRE(res);
  CHECK(res->status == expected);
  const std::string all = received(*res);
  const auto leak = all.find(secret);
  INFO("what it got around the marker: " << around(all, leak));
  CHECK(leak == std::string::npos);
  // A workspace route sends a visitor to the login page with not a byte
  // of itself, a GET with the way back (docs/api.md, Workspace).
  const bool guarded =
      r.path.rfind("/workspace", 0) == 0 && r.path.rfind("/workspace/login", 0) != 0;
  if (!signed_in && guarded) {
    const std::string path = without_query(r.path);
    const bool back = r.method == "GET" && path != "/workspace";
    CHECK(res->get_header_value("Location") ==
          (back ? "/workspace/login?next=" + path : "/workspace/login"));
    CHECK(res->body.empty());
  }
}

TEST_CASE("privacy sweep: no route gives residents' free text to a visitor or a viewer",
          "[privacy-sweep]") {
  SweepWorkspace w;
  const auto routes = sweep_routes(w.ids);
  int contrasts = 0;
  for (const auto& r : routes) {
    INFO(route_name(r));
    {
      INFO("as a visitor with no cookie and no token");
      check_no_free_text(r, w.send(r, w.visitor), r.visitor, false);
    }
    {
      INFO("as the signed-in viewer");
      // Logging out ends the session: a session of its own for that.
      const Principal viewer = r.ends_session ? w.signed_in("vera") : w.viewer;
      check_no_free_text(r, w.send(r, viewer), r.viewer, true);
    }
    if (r.shows == Shows::nothing) continue;
    // The contrast: the answers are there, for those who may read them.
    INFO((r.shows == Shows::to_analyst ? "as the analyst" : "as a script with the token"));
    auto res = w.send(r, r.shows == Shows::to_analyst ? w.analyst : w.script);
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->body.find(secret) != std::string::npos);
    if (r.every_text_field) {
      for (const auto& q : w.text_questions) {
        INFO(q);
        CHECK(res->body.find(secret_of(q)) != std::string::npos);
      }
    }
    ++contrasts;
  }
  // The viewer's session still holds after the sweep (only the logout
  // row's own session ended): the 200s above were a signed-in viewer's.
  CHECK(w.get("/workspace", w.viewer.cookie)->status == 200);
  // The contrast covers the pages, the export and the API that show free
  // text: a table edited down to a few contrasts would prove little.
  INFO(routes.size() << " routes, " << contrasts << " contrasts");
  CHECK(contrasts >= 25);
}

// A route of docs/api.md's tables: method and path pattern, `<name>` for
// an id, and the path as a regular expression.
struct DocumentedRoute {
  std::string method, pattern;
  std::regex path;
  int placeholders = 0;
};

// "<survey>" is one path segment; the rest is literal.
DocumentedRoute documented(const std::string& method, const std::string& pattern) {
  static const std::regex placeholder("<[a-z_]+>");
  static const std::regex special(R"([.^$|()\[\]{}*+?\\])");
  DocumentedRoute d{method, pattern, std::regex(), 0};
  std::string re;
  size_t from = 0;
  for (auto it = std::sregex_iterator(pattern.begin(), pattern.end(), placeholder);
       it != std::sregex_iterator(); ++it) {
    re += std::regex_replace(pattern.substr(from, it->position() - from), special, "\\$&");
    re += "[^/]+";
    from = it->position() + it->length();
    ++d.placeholders;
  }
  re += std::regex_replace(pattern.substr(from), special, "\\$&");
  d.path = std::regex(re);
  return d;
}

// Every route in docs/api.md's tables: a row whose first cell is
// "`GET /path[...]`" or "`POST /path...`". The query and optional parts
// ("[?...]", "?q=Q") are not the route's; a last segment "a\|b\|c" is three.
std::vector<DocumentedRoute> documented_routes(const std::string& markdown) {
  std::vector<DocumentedRoute> out;
  static const std::regex row(R"(^\| `(GET|POST) ([^`]+)` \|)");
  std::istringstream lines(markdown);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (!std::regex_search(line, m, row)) continue;
    std::string spec = m[2];
    spec = spec.substr(0, spec.find_first_of("[? "));
    spec = std::regex_replace(spec, std::regex(R"(\\\|)"), "|");
    const auto slash = spec.rfind('/');
    const std::string head = spec.substr(0, slash + 1), last = spec.substr(slash + 1);
    if (last.find('|') == std::string::npos) {
      out.push_back(documented(m[1], spec));
      continue;
    }
    std::istringstream alternatives(last);
    for (std::string alt; std::getline(alternatives, alt, '|');)
      out.push_back(documented(m[1], head + alt));
  }
  return out;
}

TEST_CASE("privacy sweep: the table covers every route of docs/api.md and no other",
          "[privacy-sweep]") {
  const auto docs = documented_routes(source_file("docs/api.md"));
  // The docs hold some 50 routes: a parser that found few would pass anything.
  REQUIRE(docs.size() >= 45);
  Ids ids;
  ids.assets = {"/static/0123456789abcdef/lyssna.css"};
  std::set<std::string> covered;
  for (const auto& r : sweep_routes(ids)) {
    // The route a row stands for is the most literal one it matches:
    // ".../themes/edit-theme" is the editor's, not a theme called so.
    const std::string path = without_query(r.path);
    int fewest = 1000;
    for (const auto& d : docs)
      if (d.method == r.method && std::regex_match(path, d.path))
        fewest = std::min(fewest, d.placeholders);
    INFO(route_name(r));
    CHECK(fewest < 1000);  // a row of the sweep that docs/api.md does not name
    for (const auto& d : docs)
      if (d.method == r.method && std::regex_match(path, d.path) && d.placeholders == fewest)
        covered.insert(d.method + " " + d.pattern);
  }
  for (const auto& d : docs) {
    const std::string name = d.method + " " + d.pattern;
    INFO("docs/api.md names " << name << ", which the sweep table does not cover");
    CHECK(covered.count(name) == 1);
  }
}

}  // namespace privacy_sweep
