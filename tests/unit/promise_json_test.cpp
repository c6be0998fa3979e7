// Unit tests of the promise's JSON document (app/promise_json.hpp) and its
// import (app/promise_import.hpp): export → import into a fresh database
// → export gives the same document but the ids; the public view
// holds nothing internal; each refused document names its JSON path and
// leaves nothing behind; the size limit; statuses on import.
#include <catch2/catch.hpp>

#include <functional>

#include "../support/app_survey.hpp"
#include "app/promise.hpp"
#include "app/promise_import.hpp"
#include "app/promise_json.hpp"
#include "util/errors.hpp"

using namespace lyssna;
using nlohmann::json;

// A namespace of its own: test files are compiled in unity batches.
namespace promise_json_test {

const std::string note = "Intern anteckning: SBF saknade personal i juni";

struct Built : test::AppSurvey {
  const app::Actor anna{"anna"};
  int64_t sbf = 0, polis = 0, bid = 0, promise = 0, focus_area = 0;
  int64_t inventories = 0, dialogues = 0;

  explicit Built(const std::string& db = "built.db") : AppSurvey(db) {}

  // A published promise: two parties sign, an external one is responsible
  // for an activity; a follow-up published, one not, one with a note.
  void make() {
    sbf = app::add_promise_party(services, anna, "haninge", "SBF", "kommun",
                                 {{"sv", "Stadsbyggnadsförvaltningen"}, {"en", "Urban planning"}});
    polis = app::add_promise_party(services, anna, "haninge", "polis", "police",
                                   {{"sv", "Lokalpolisområde Haninge/Nynäshamn"}});
    bid = app::add_promise_party(services, anna, "haninge", "BID", "external",
                                 {{"sv", "Jordbro i samverkan"}});
    promise = app::create_promise(services, anna,
                                  {"haninge",
                                   2026,
                                   2026,
                                   {{"sv", "Medborgarlöfte 2026"}, {"en", "Citizen promise"}},
                                   {sbf, polis}});
    const std::string figures =
        R"({"theme":"lighting_environment","n":120,"marked_by":"anna","priority":{"rank":1,"score":0.8,"quote_ids":["r-1"]}})";
    focus_area = app::add_focus_area(
        services, anna, promise, {{"sv", "Trygghet i Jordbro"}, {"en", "Safety in Jordbro"}},
        {{"trygghet-2026", std::string("jordbro"), "lighting_environment", figures}});
    app::ActivityInput a;
    a.texts = {{"sv", "Gemensamma trygghetsinventeringar"}, {"fi", "Yhteiset kartoitukset"}};
    a.prioritised_areas = {{"sv", "Otrygga platser"}};
    a.parties = {sbf, polis};
    a.frequency = {{"sv", "två per halvår"}};
    a.target = app::CountableTarget{2, app::PeriodUnit::half_year};
    a.indicator.kind = app::Indicator::Kind::survey_indicator;
    a.indicator.indicator_id = "unsafe_night";
    a.indicator.area = "jordbro";
    inventories = app::add_activity(services, anna, focus_area, a);
    app::ActivityInput d;
    d.texts = {{"sv", "Trygghetsdialoger"}};
    d.parties = {bid};
    d.indicator.kind = app::Indicator::Kind::count;
    d.indicator.texts = {{"sv", "antal dialoger"}};
    dialogues = app::add_activity(services, anna, focus_area, d);
    app::set_promise_status(services, anna, promise, app::PromiseStatus::adopted);
    app::set_promise_status(services, anna, promise, app::PromiseStatus::published);
    app::FollowUpInput u;
    u.date = "2026-04-28";
    u.done_count = 2;
    u.public_texts = {{"sv", "Två inventeringar gjorda"}};
    u.published = true;
    app::record_follow_up(services, anna, inventories, u);
    u.date = "2026-08-31";
    u.done_count = 1;
    u.status = app::FollowUpStatus::behind;
    u.public_texts = {{"sv", "En inventering gjord, en flyttad"}};
    u.internal_note = note;
    app::record_follow_up(services, anna, inventories, u);
    u.date = "2026-05-20";
    u.public_texts = {{"sv", "Ej publicerad ännu"}};
    u.internal_note.clear();
    u.published = false;
    app::record_follow_up(services, anna, dialogues, u);
  }

  json document(app::PromiseView view, int64_t id = 0) {
    return app::promise_document(app::load_portable_promise(services, id ? id : promise), view);
  }
};

// The document without what differs between instances: the ids.
json without_ids(json j) {
  if (j.is_object()) {
    json out = json::object();
    for (auto& [k, v] : j.items()) {
      if (k != "id") out[k] = without_ids(v);
    }
    return out;
  }
  if (j.is_array()) {
    json out = json::array();
    for (auto& v : j) out.push_back(without_ids(v));
    return out;
  }
  return j;
}

// The field of the Invalid (or TooLarge, BadInput) that `f` throws.
std::string refused_field(const std::function<void()>& f) {
  try {
    f();
  } catch (const BadInput& e) {
    return e.field();
  }
  return "(nothing thrown)";
}

}  // namespace promise_json_test

using namespace promise_json_test;

TEST_CASE("a promise's document: export, import into a fresh database, export again",
          "[promise][promise-json]") {
  Built from;
  from.make();
  const json full = from.document(app::PromiseView::full);
  CHECK(full["format"] == "lyssna-promise");
  CHECK(full["version"] == 1);
  CHECK(full["view"] == "full");
  CHECK(full["status"] == "published");
  CHECK(full["signatories"] == json({"SBF", "polis"}));
  REQUIRE(full["parties"].size() == 3);
  CHECK(full["parties"][2]["code"] == "BID");  // named by an activity, not a signatory
  const auto& fa = full["focus_areas"][0];
  CHECK(fa["sources"][0]["area"] == "jordbro");
  CHECK(fa["sources"][0]["figures"]["marked_by"] == "anna");  // the full view keeps it all
  CHECK(fa["activities"][0]["parties"] == json({"SBF", "polis"}));
  CHECK(fa["activities"][0]["target"] == json({{"count", 2}, {"unit", "half_year"}}));
  CHECK(fa["activities"][0]["indicator"]["id"] == "unsafe_night");
  CHECK(fa["activities"][1]["target"].is_null());
  CHECK(fa["activities"][0]["follow_ups"].size() == 2);
  CHECK(fa["activities"][0]["follow_ups"][1]["internal_note"] == note);
  CHECK(fa["activities"][1]["follow_ups"][0]["published"] == false);

  Built to("fresh.db");
  const auto document = app::parse_promise_document(full.dump());
  const auto done = app::import_promise(to.services, app::Actor{"cli:berit"}, document);
  CHECK(done.status == app::PromiseStatus::published);
  CHECK(done.parties_added == std::vector<std::string>{"SBF", "polis", "BID"});
  CHECK(done.follow_ups == 3);
  const json again = to.document(app::PromiseView::full, done.promise);
  CHECK(without_ids(again) == without_ids(full));
  // Who made it and when stay the document's; the audit log has the import.
  CHECK(again["created_by"] == "anna");
  CHECK(again["created_at"] == full["created_at"]);
  // The follow-ups keep who recorded them where they came from.
  CHECK(again["focus_areas"][0]["activities"][0]["follow_ups"][0]["recorded_by"] == "anna");
  CHECK(again["focus_areas"][0]["activities"][0]["follow_ups"][0]["recorded_at"] ==
        full["focus_areas"][0]["activities"][0]["follow_ups"][0]["recorded_at"]);

  // One audit entry for the promise, one per party made, nothing else.
  std::vector<std::string> actions, details;
  for (const auto& e : to.audit()) {
    actions.push_back(e.action);
    details.push_back(e.detail);
  }
  CHECK(actions == std::vector<std::string>{"promise_changed", "promise_parties_changed",
                                            "promise_parties_changed", "promise_parties_changed"});
  CHECK_THAT(details[0], Catch::StartsWith("imported as published: 1 focus areas, 2 activities, "
                                           "3 follow-ups"));

  // A second import finds the parties by code and keeps their own names.
  for (const auto& party : app::promise_parties(to.services, "haninge")) {
    if (party.code == "BID") {
      app::update_promise_party(to.services, to.anna, party.id, "external",
                                {{"sv", "Jordbro i samverkan, föreningen"}});
    }
  }
  const auto second = app::import_promise(to.services, to.anna, document);
  CHECK(second.promise != done.promise);
  CHECK(second.parties_added.empty());
  CHECK(second.parties_found == std::vector<std::string>{"SBF", "polis", "BID"});
  CHECK(app::promise_parties(to.services, "haninge").size() == 3);
  CHECK(to.document(app::PromiseView::full, second.promise)["parties"][2]["names"]["sv"] ==
        "Jordbro i samverkan, föreningen");
}

TEST_CASE("the public view of a promise holds nothing internal", "[promise][promise-json]") {
  Built b;
  b.make();
  const json pub = b.document(app::PromiseView::public_view);
  const std::string text = pub.dump();
  CHECK(pub["view"] == "public");
  CHECK(text.find(note) == std::string::npos);
  CHECK(text.find("internal_note") == std::string::npos);
  CHECK(text.find("Ej publicerad") == std::string::npos);  // the unpublished follow-up
  CHECK(text.find("anna") == std::string::npos);           // staff: created_by, marked_by, ...
  CHECK(text.find("r-1") == std::string::npos);            // a quoted record's id
  CHECK(text.find("recorded_") == std::string::npos);
  for (const char* internal : {"created_by", "updated_by", "copied_from", "created_at"}) {
    CHECK_FALSE(pub.contains(internal));
  }
  const auto& fa = pub["focus_areas"][0];
  CHECK(fa["sources"][0]["figures"] == json({{"theme", "lighting_environment"},
                                             {"n", 120},
                                             {"priority", {{"rank", 1}, {"score", 0.8}}}}));
  CHECK(fa["activities"][0]["follow_ups"].size() == 2);
  CHECK(fa["activities"][1]["follow_ups"].empty());
  CHECK_FALSE(fa["activities"][0]["follow_ups"][1].contains("published"));

  // Only a published or evaluated promise has a public view.
  const int64_t draft = app::copy_promise(b.services, b.anna, b.promise, 2027, 2027);
  CHECK_THROWS_AS(b.document(app::PromiseView::public_view, draft), Conflict);
  CHECK(b.document(app::PromiseView::full, draft)["status"] == "draft");
}

TEST_CASE(
    "a document with quotes and an evaluation moves whole, and the public sees the evaluation "
    "once evaluated",
    "[promise][promise-json]") {
  Built b;
  b.make();
  json doc = b.document(app::PromiseView::full);
  auto& fa = doc["focus_areas"][0];
  fa["quotes"] = json::array({{{"record_id", "r-9"},
                               {"text", "Tunneln vid stationen är mörk"},
                               {"lang", "sv"},
                               {"published_at", "2026-04-01T10:00:00Z"},
                               {"published_by", "vera"}}});
  fa["evaluation"] = {{"later_survey", "trygghet-2026"},
                      {"indicators",
                       {{{"indicator", "unsafe_night"},
                         {"area", "jordbro"},
                         {"earlier_survey", "trygghet-2026"},
                         {"later_survey", "trygghet-2026"},
                         {"earlier", 0.41},
                         {"later", 0.35},
                         {"earlier_n", 210},
                         {"later_n", 190},
                         {"difference", -0.06},
                         {"p_value", 0.2},
                         {"significant", false},
                         {"verdict", "unchanged"}}}},
                      {"conclusion", {{"sv", "Otryggheten minskade något."}}},
                      {"evaluated_at", "2026-12-01T09:00:00Z"},
                      {"evaluated_by", "vera"}};
  Built to("to.db");
  const auto published =
      app::import_promise(to.services, to.anna, app::parse_promise_document(doc.dump()));
  CHECK(published.quotes == 1);
  CHECK(published.evaluations == 1);
  const json full = to.document(app::PromiseView::full, published.promise);
  CHECK(without_ids(full["focus_areas"][0]["quotes"]) == without_ids(fa["quotes"]));
  CHECK(full["focus_areas"][0]["evaluation"] == fa["evaluation"]);
  const json pub = to.document(app::PromiseView::public_view, published.promise);
  CHECK(pub["focus_areas"][0]["quotes"][0] ==
        json({{"id", full["focus_areas"][0]["quotes"][0]["id"]},
              {"text", "Tunneln vid stationen är mörk"},
              {"lang", "sv"}}));
  CHECK(pub["focus_areas"][0]["evaluation"].is_null());  // still published

  doc["status"] = "evaluated";
  const auto evaluated =
      app::import_promise(to.services, to.anna, app::parse_promise_document(doc.dump()));
  const json shown = to.document(app::PromiseView::public_view, evaluated.promise);
  CHECK(shown["focus_areas"][0]["evaluation"]["conclusion"]["sv"] == "Otryggheten minskade något.");
  CHECK_FALSE(shown["focus_areas"][0]["evaluation"].contains("evaluated_by"));
  CHECK(shown.dump().find("vera") == std::string::npos);
}

TEST_CASE("a refused document names the JSON path of what is wrong and stores nothing",
          "[promise][promise-json]") {
  Built b;
  b.make();
  const json good = b.document(app::PromiseView::full);
  Built to("refused.db");
  auto refused = [&](const std::function<void(json&)>& change) {
    json doc = good;
    change(doc);
    return refused_field([&] {
      app::import_promise(to.services, to.anna, app::parse_promise_document(doc.dump()));
    });
  };
  auto activity = [](json& d, size_t i) -> json& { return d["focus_areas"][0]["activities"][i]; };

  // The format itself.
  CHECK(refused([](json& d) { d.erase("format"); }) == "format");
  CHECK(refused([](json& d) { d["format"] = "lyssna-survey"; }) == "format");
  CHECK(refused([](json& d) { d["version"] = 2; }) == "version");
  CHECK(refused([](json& d) { d["version"] = "1"; }) == "version");
  CHECK(refused([](json& d) { d["view"] = "secret"; }) == "view");
  CHECK(refused([](json& d) { d["titel"] = {{"sv", "x"}}; }) == "titel");
  CHECK(refused([](json& d) { d["x\x1b[31m"] = 1; }) == "document");  // a name not shown
  CHECK(refused([](json& d) { d.erase("kommun"); }) == "kommun");
  CHECK(refused([](json& d) { d["status"] = "secret"; }) == "status");
  // Parties and their codes.
  CHECK(refused([](json& d) { d["parties"][1]["code"] = "SBF"; }) == "parties[1].code");
  CHECK(refused([](json& d) { d["parties"][0]["kind"] = "county"; }) == "parties[0].kind");
  CHECK(refused([](json& d) {
          d["parties"][2]["names"] = {{"en", "No Swedish"}};
        }) == "parties[2].names");
  CHECK(refused([](json& d) { d["signatories"][1] = "nobody"; }) == "signatories[1]");
  CHECK(refused([&](json& d) { activity(d, 0)["parties"][1] = "KSF"; }) ==
        "focus_areas[0].activities[0].parties[1]");
  CHECK(refused([&](json& d) { activity(d, 0)["parties"] = json::array(); }) ==
        "focus_areas[0].activities[0].parties");
  // Texts, numbers and enumerations, by the editing functions' rules.
  CHECK(refused([](json& d) { d["title"]["de"] = "Bürgerversprechen"; }) == "title.de");
  CHECK(refused([](json& d) { d["title"]["s\u00e4"] = "x"; }) == "title");
  CHECK(refused([](json& d) { d["first_year"] = 1999; }) == "first_year");
  CHECK(refused([](json& d) { d["kommun"] = "Haninge"; }) == "kommun");
  CHECK(refused([](json& d) {
          d["focus_areas"][0]["title"] = {{"en", "x"}};
        }) == "focus_areas[0].title");
  CHECK(refused([&](json& d) { activity(d, 1)["text"]["sv"] = std::string(5000, 'x'); }) ==
        "focus_areas[0].activities[1].text.sv");
  CHECK(refused([&](json& d) { activity(d, 0)["target"]["count"] = 0; }) ==
        "focus_areas[0].activities[0].target.count");
  CHECK(refused([&](json& d) { activity(d, 0)["target"]["unit"] = "fortnight"; }) ==
        "focus_areas[0].activities[0].target.unit");
  CHECK(refused([&](json& d) { activity(d, 0)["target"]["count"] = 2.5; }) ==
        "focus_areas[0].activities[0].target.count");
  CHECK(refused([&](json& d) { activity(d, 0)["indicator"]["kind"] = "guess"; }) ==
        "focus_areas[0].activities[0].indicator.kind");
  CHECK(refused([&](json& d) { activity(d, 0)["indicator"]["id"] = ""; }) ==
        "focus_areas[0].activities[0].indicator.id");
  CHECK(refused([&](json& d) { activity(d, 0)["follow_ups"][1]["date"] = "2026-13-01"; }) ==
        "focus_areas[0].activities[0].follow_ups[1].date");
  CHECK(refused([&](json& d) { activity(d, 0)["follow_ups"][0]["done_count"] = -1; }) ==
        "focus_areas[0].activities[0].follow_ups[0].done_count");
  CHECK(refused([&](json& d) { activity(d, 0)["follow_ups"][0]["status"] = "late"; }) ==
        "focus_areas[0].activities[0].follow_ups[0].status");
  CHECK(refused([&](json& d) { activity(d, 0)["follow_ups"][0]["recorded_at"] = "yesterday"; }) ==
        "focus_areas[0].activities[0].follow_ups[0].recorded_at");
  CHECK(refused([&](json& d) { activity(d, 0)["follow_ups"][0]["secret"] = true; }) ==
        "focus_areas[0].activities[0].follow_ups[0].secret");
  CHECK(refused([](json& d) { d["focus_areas"][0]["sources"][0]["figures"] = "high"; }) ==
        "focus_areas[0].sources[0].figures");
  CHECK(refused([](json& d) { d["focus_areas"][0]["sources"][0]["survey"] = "Ingen Enkät"; }) ==
        "focus_areas[0].sources[0].survey");
  CHECK(refused([](json& d) { d["focus_areas"][0]["sources"][0]["survey"] = "trygghet-2019"; }) ==
        "focus_areas[0].sources[0].survey");  // not on this instance
  CHECK(refused([](json& d) {
          d["focus_areas"][0]["quotes"] = {{{"text", "x"}, {"lang", "de"}}};
        }) == "focus_areas[0].quotes[0].lang");
  CHECK(refused([](json& d) { d["focus_areas"][0]["activities"] = json::object(); }) ==
        "focus_areas[0].activities");
  // What a status needs.
  CHECK(refused([](json& d) { d["status"] = "draft"; }) ==
        "focus_areas[0].activities[0].follow_ups");
  CHECK(refused([](json& d) { d["signatories"] = json::array(); }) == "signatories");
  CHECK(refused([](json& d) { d["focus_areas"][0]["activities"] = json::array(); }) ==
        "focus_areas[0].activities");
  CHECK(refused([](json& d) { d["status"] = "evaluated"; }) == "focus_areas[0].evaluation");
  // Counts within their limits.
  CHECK(refused([](json& d) {
          for (int i = 0; i < 101; ++i) d["focus_areas"].push_back(d["focus_areas"][0]);
        }) == "focus_areas");

  // Nothing of a refused document stayed: no promise, no party.
  CHECK(app::list_promises(to.services, "").empty());
  CHECK(app::promise_parties(to.services, "haninge").empty());
  CHECK(to.audit().empty());
}

TEST_CASE("a promise document is refused past its size, as not JSON, or as another thing",
          "[promise][promise-json]") {
  const std::string big = "{\"format\":\"lyssna-promise\",\"pad\":\"" +
                          std::string(app::max_promise_document, ' ') + "\"}";
  CHECK_THROWS_AS(app::parse_promise_document(big), TooLarge);
  CHECK_THROWS_AS(app::parse_promise_document("{\"format\": "), BadInput);
  CHECK_THROWS_AS(app::parse_promise_document(R"({"format":"a","format":"b"})"), BadInput);
  CHECK(refused_field([] { app::parse_promise_document("[]"); }) == "document");
  CHECK_THROWS_AS(app::parse_promise_document(std::string(100, '[') + std::string(100, ']')),
                  BadInput);
}

TEST_CASE("a promise imported as a draft leaves its follow-ups and evaluations",
          "[promise][promise-json]") {
  Built b;
  b.make();
  Built to("draft.db");
  app::PromiseImportOptions as_draft;
  as_draft.as_draft = true;
  const auto done = app::import_promise(
      to.services, to.anna, app::parse_promise_document(b.document(app::PromiseView::full).dump()),
      as_draft);
  CHECK(done.status == app::PromiseStatus::draft);
  CHECK(done.follow_ups == 0);
  const auto p = app::load_promise(to.services, done.promise);
  CHECK(p.status == app::PromiseStatus::draft);
  REQUIRE(p.focus_areas.size() == 1);
  CHECK(p.focus_areas[0].activities.size() == 2);
  for (const auto& a : p.focus_areas[0].activities) CHECK(a.follow_ups.empty());
  // A draft is edited as any other.
  app::add_focus_area(to.services, to.anna, done.promise, {{"sv", "Ny"}});
  // The public view of a published promise imports too, without notes.
  const auto from_public = app::import_promise(
      to.services, app::Actor{"cli:berit"},
      app::parse_promise_document(b.document(app::PromiseView::public_view).dump()));
  CHECK(from_public.status == app::PromiseStatus::published);
  // The public view names no one: the importer made it here.
  CHECK(to.document(app::PromiseView::full, from_public.promise)["created_by"] == "cli:berit");
  CHECK(from_public.follow_ups == 2);
  const auto q = app::load_promise(to.services, from_public.promise);
  CHECK(q.focus_areas[0].activities[0].follow_ups[1].internal_note.empty());
  CHECK(q.focus_areas[0].activities[0].follow_ups[1].published);
}
