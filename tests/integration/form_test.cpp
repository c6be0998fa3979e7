// Integration tests of the resident's form over real HTTP: languages and
// direction, the no-JavaScript flow, retries, errors, limits, dates and codes.
#include <filesystem>

#include "server_fixture.hpp"
#include "util/clock.hpp"

using namespace lyssna::test;

namespace {

// Walks every page with the given answers (question -> value) and submits.
httplib::Result walk_and_submit(ServerFixture& f, const std::string& lang, const Fields& answers,
                                std::string* record_id = nullptr) {
  auto first = f.client->Get(("/s/trygghet-2026?lang=" + lang).c_str());
  REQUIRE(first);
  REQUIRE(first->status == 200);
  Fields hidden = hidden_fields(first->body);
  if (record_id) *record_id = field_value(hidden, "_rid");
  for (int page = 0; page < 10; ++page) {
    Fields post = hidden;
    // Answers are sent on every page; the server keeps each page's own.
    for (const auto& a : answers) {
      bool carried = false;
      for (const auto& [k, v] : hidden) carried = carried || k == a.first;
      if (!carried) post.push_back(a);
    }
    const bool last = first->body.find("value=\"submit\" class=\"primary\"") != std::string::npos;
    post.emplace_back("_action", last ? "submit" : "next");
    auto res = f.post_form(post);
    REQUIRE(res);
    if (res->status != 200) return res;
    first = std::move(res);
    hidden = hidden_fields(first->body);
  }
  throw std::runtime_error("never reached the end of the questionnaire");
}

}  // namespace

TEST_CASE("every language renders, Arabic and Persian right to left", "[form]") {
  ServerFixture f;
  const std::map<std::string, std::string> expected = {{"sv", "ltr"}, {"en", "ltr"}, {"ar", "rtl"},
                                                       {"so", "ltr"}, {"fi", "ltr"}, {"fa", "rtl"}};
  std::set<std::string> titles;
  for (const auto& [lang, dir] : expected) {
    INFO(lang);
    auto res = f.client->Get(("/s/trygghet-2026?lang=" + lang).c_str());
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK_THAT(res->body, Catch::Contains("<html lang=\"" + lang + "\" dir=\"" + dir + "\">"));
    CHECK_THAT(res->body, Catch::Contains("name=\"area\" value=\"vasterhaninge\""));
    CHECK_THAT(res->body, Catch::Contains("Västerhaninge"));
    auto start = res->body.find("<h1>");
    titles.insert(res->body.substr(start, res->body.find("</h1>") - start));
    CHECK(res->get_header_value("Set-Cookie").empty());
  }
  CHECK(titles.size() == 6);  // really translated, not six copies of one language
}

TEST_CASE("Accept-Language chooses the language when there is no ?lang", "[form]") {
  ServerFixture f;
  auto res =
      f.client->Get("/s/trygghet-2026", {{"Accept-Language", "de-DE,de;q=0.9,fa;q=0.8,en;q=0.5"}});
  REQUIRE(res);
  CHECK_THAT(res->body, Catch::Contains("<html lang=\"fa\" dir=\"rtl\">"));
  auto plain = f.client->Get("/s/trygghet-2026");
  CHECK_THAT(plain->body, Catch::Contains("<html lang=\"sv\""));
}

TEST_CASE("a form POST without JavaScript stores one record", "[form]") {
  ServerFixture f;
  std::string rid;
  auto done = walk_and_submit(f, "ar",
                              {{"area", "jordbro"},
                               {"age_group", "25-44"},
                               {"gender", "woman"},
                               {"safe_night", "fairly_unsafe"},
                               {"problem_drug_dealing", "very_big"},
                               {"victim_theft", "yes"},
                               {"free_text", "الإضاءة سيئة في النفق ليلاً\r\nشكراً"}},
                              &rid);
  REQUIRE(done);
  CHECK(done->status == 303);
  CHECK(done->get_header_value("Location") == "/s/trygghet-2026/thanks?lang=ar");
  auto thanks = f.client->Get("/s/trygghet-2026/thanks?lang=ar");
  CHECK(thanks->status == 200);
  CHECK_THAT(thanks->body, Catch::Contains("dir=\"rtl\""));
  auto exported = f.export_jsonl();
  CHECK(count_occurrences(exported, "\n") == 1);
  auto record = nlohmann::json::parse(exported);
  CHECK(record["id"] == rid);
  CHECK(record["lang"] == "ar");
  CHECK(record["channel"] == "online");
  CHECK(record["answers"] == nlohmann::json{{"area", "jordbro"},
                                            {"age_group", "25-44"},
                                            {"gender", "woman"},
                                            {"safe_night", "fairly_unsafe"},
                                            {"problem_drug_dealing", "very_big"},
                                            {"victim_theft", "yes"},
                                            {"free_text", "الإضاءة سيئة في النفق ليلاً\nشكراً"}});
}

TEST_CASE("a repeated final POST (double click, retry, reload) stores one record", "[form]") {
  ServerFixture f;
  Fields final_page = {{"_rid", "0b9f6f3e-1111-4222-8333-444455556666"},
                       {"_lang", "sv"},
                       {"_page", "4"},
                       {"area", "handen"},
                       {"free_text", "Mer belysning"},
                       {"_action", "submit"}};
  for (int i = 0; i < 3; ++i) {
    auto res = f.post_form(final_page);
    REQUIRE(res);
    CHECK(res->status == 303);
  }
  // Even when the retries race each other.
  std::vector<std::thread> racers;
  Fields other = final_page;
  other[0].second = "0b9f6f3e-1111-4222-8333-777777777777";
  for (int i = 0; i < 6; ++i) {
    racers.emplace_back([&] {
      httplib::Client c("127.0.0.1", f.server->port());
      httplib::Params params(other.begin(), other.end());
      c.Post("/s/trygghet-2026", params);
    });
  }
  for (auto& t : racers) t.join();
  CHECK(f.stored() == 2);
}

TEST_CASE("invalid answers return the page with errors and the other answers kept", "[form]") {
  ServerFixture f;
  auto res = f.post_form({{"_rid", "r-1"},
                          {"_lang", "sv"},
                          {"_page", "4"},
                          {"area", "handen"},
                          {"free_text", std::string(4001, 'x')},
                          {"free_place", "Vid stationen"},
                          {"_action", "submit"}});
  REQUIRE(res);
  CHECK(res->status == 422);
  CHECK_THAT(res->body, Catch::Contains("class=\"error-summary\""));
  CHECK_THAT(res->body, Catch::Contains("id=\"q-free_text-error\""));
  CHECK_THAT(res->body, Catch::Contains("4000"));  // the limit, in Swedish text
  CHECK_THAT(res->body,
             Catch::Contains(">Vid stationen</textarea>"));  // the other answer is still there
  CHECK_THAT(res->body, Catch::Contains("name=\"area\" value=\"handen\""));  // carried from page 1
  CHECK(f.stored() == 0);

  auto tampered = f.post_form({{"_rid", "r-2"},
                               {"_lang", "en"},
                               {"_page", "0"},
                               {"area", "<b>atlantis</b>"},
                               {"_action", "next"}});
  CHECK(tampered->status == 422);
  CHECK_THAT(tampered->body, Catch::Contains("Please choose one of the options shown."));
  CHECK(tampered->body.find("<b>atlantis</b>") == std::string::npos);
}

TEST_CASE("back and the language switch keep answers without showing errors", "[form]") {
  ServerFixture f;
  auto back = f.post_form({{"_rid", "r"},
                           {"_lang", "sv"},
                           {"_page", "1"},
                           {"area", "jordbro"},
                           {"safe_night", "very_safe"},
                           {"_action", "back"}});
  CHECK(back->status == 200);
  CHECK_THAT(back->body, Catch::Contains("value=\"jordbro\" checked"));
  CHECK_THAT(back->body,
             Catch::Contains("name=\"safe_night\" value=\"very_safe\""));  // hidden, carried
  auto switched = f.post_form({{"_rid", "r"},
                               {"_lang", "sv"},
                               {"_page", "1"},
                               {"area", "jordbro"},
                               {"safe_night", "very_safe"},
                               {"_switch", "fa"}});
  CHECK(switched->status == 200);
  CHECK_THAT(switched->body, Catch::Contains("<html lang=\"fa\" dir=\"rtl\">"));
  CHECK_THAT(switched->body, Catch::Contains("value=\"very_safe\" checked"));
  CHECK_THAT(switched->body, Catch::Contains("name=\"_page\" value=\"1\""));
}

TEST_CASE("oversized and malformed bodies are refused with a clear error", "[form][limits]") {
  ServerFixture f;
  std::string huge = "_rid=x&free_text=" + std::string(600 * 1024, 'a');
  auto res = f.client->Post("/s/trygghet-2026", huge, "application/x-www-form-urlencoded");
  REQUIRE(res);
  CHECK(res->status == 413);
  CHECK_THAT(res->body, Catch::Contains("<html"));
  auto api = f.client->Post("/api/v1/surveys/trygghet-2026/responses", std::string(300 * 1024, ' '),
                            "application/json");
  REQUIRE(api);
  CHECK(api->status == 413);
  auto bad_escape =
      f.client->Post("/s/trygghet-2026", "_rid=%zz", "application/x-www-form-urlencoded");
  CHECK(bad_escape->status == 400);
  auto unknown = f.client->Get("/s/no-such-survey");
  CHECK(unknown->status == 404);
  CHECK_THAT(unknown->body, Catch::Contains("<html"));
  // The server is still there and stored nothing.
  CHECK(f.client->Get("/healthz")->status == 200);
  CHECK(f.stored() == 0);
}

TEST_CASE("outside its dates the form says so politely", "[form]") {
  ServerFixture later({"--opens", "2099-01-01"});
  auto res = later.client->Get("/s/trygghet-2026?lang=en");
  CHECK(res->status == 200);
  CHECK_THAT(res->body, Catch::Contains("has not opened yet") && Catch::Contains("2099-01-01"));
  CHECK(res->body.find("<form") == std::string::npos);

  ServerFixture closed({"--closes", "2020-01-01"});
  auto gone = closed.client->Get("/s/trygghet-2026?lang=sv");
  CHECK_THAT(gone->body, Catch::Contains("2020-01-01"));
  CHECK(gone->body.find("<form") == std::string::npos);
  auto posted = closed.post_form(
      {{"_rid", "x"}, {"_lang", "sv"}, {"_page", "4"}, {"area", "handen"}, {"_action", "submit"}});
  CHECK(posted->status == 200);
  CHECK(closed.stored() == 0);
}

TEST_CASE("in the grace hour after the close, answers begun are taken but no one begins",
          "[form][codes]") {
  // Closed two minutes ago: within the hour of grace.
  const std::string closed_at = lyssna::clock::format_rfc3339(lyssna::clock::now_seconds() - 120);
  ServerFixture f({"--require-code", "--closes", closed_at});
  auto issued = run_lyssna({"--db", f.db, "codes", "--survey", "trygghet-2026", "--count", "2"});
  REQUIRE(issued.status == 0);
  const std::string code = issued.out.substr(6, 19), other = issued.out.substr(27, 19);

  auto opened = f.client->Get(("/s/trygghet-2026?lang=en&code=" + other).c_str());
  CHECK_THAT(opened->body, Catch::Contains("This survey is closed"));
  // Entering a code on the code page, or starting without a page, begins an answer.
  auto entered = f.post_form({{"_lang", "en"}, {"_action", "code"}, {"code", other}});
  CHECK(entered->status == 200);
  CHECK_THAT(entered->body, Catch::Contains("This survey is closed"));
  CHECK(entered->body.find("name=\"_code\"") == std::string::npos);
  auto started = f.post_form({{"_lang", "en"}, {"_code", other}, {"_action", "start"}});
  CHECK_THAT(started->body, Catch::Contains("This survey is closed"));

  // Going on with an answer begun before the close, and submitting it, is taken.
  Fields answer = {{"_rid", "begun-before-close"},
                   {"_lang", "en"},
                   {"_code", code},
                   {"_page", "3"},
                   {"area", "jordbro"}};
  answer.emplace_back("_action", "next");
  auto next = f.post_form(answer);
  CHECK(next->status == 200);
  CHECK(next->body.find("This survey is closed") == std::string::npos);
  answer.back() = {"_action", "submit"};
  answer[3] = {"_page", "4"};
  CHECK(f.post_form(answer)->status == 303);
  CHECK(f.stored() == 1);
}

TEST_CASE("the front page lists the surveys open now, not the closed or the coming ones",
          "[form]") {
  ServerFixture f;
  for (const std::vector<std::string>& when :
       {std::vector<std::string>{"gone-2020", "--closes", "2020-01-01"},
        std::vector<std::string>{"later-2099", "--opens", "2099-01-01"}}) {
    std::vector<std::string> args = {"--db",    f.db,     "survey", "new",  when[0],
                                     "--areas", "handen", when[1],  when[2]};
    REQUIRE(run_lyssna(args).status == 0);
  }
  f.start();
  auto front = f.client->Get("/?lang=en");
  REQUIRE(front->status == 200);
  CHECK_THAT(front->body, Catch::Contains("href=\"/s/trygghet-2026?lang=en\""));
  CHECK(front->body.find("gone-2020") == std::string::npos);
  CHECK(front->body.find("later-2099") == std::string::npos);
  // The API's list still has every survey, with its dates.
  auto all = f.client->Get("/api/v1/surveys");
  CHECK_THAT(all->body, Catch::Contains("gone-2020") && Catch::Contains("later-2099"));
}

TEST_CASE("a sampled survey needs a one-time invitation code", "[form][codes]") {
  ServerFixture f({"--require-code"});
  auto issued = run_lyssna({"--db", f.db, "codes", "--survey", "trygghet-2026", "--count", "3"});
  REQUIRE(issued.status == 0);
  auto lines = issued.out;
  REQUIRE(lines.rfind("code\r\n", 0) == 0);
  std::string code = lines.substr(6, 19);

  auto ask = f.client->Get("/s/trygghet-2026?lang=en");
  CHECK_THAT(ask->body, Catch::Contains("name=\"code\""));
  auto wrong = f.post_form({{"_lang", "en"}, {"_action", "code"}, {"code", "AAAA-BBBB-CCCC-DDDD"}});
  CHECK(wrong->status == 403);
  CHECK_THAT(wrong->body, Catch::Contains("We do not recognise this code"));

  std::string lower = code;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto start = f.post_form({{"_lang", "en"}, {"_action", "code"}, {"code", lower}});
  CHECK(start->status == 200);
  Fields hidden = hidden_fields(start->body);
  CHECK_FALSE(field_value(hidden, "_code").empty());
  Fields last_page = {{"_rid", field_value(hidden, "_rid")},
                      {"_lang", "en"},
                      {"_code", field_value(hidden, "_code")},
                      {"_page", "4"},
                      {"area", "jordbro"},
                      {"_action", "submit"}};
  auto done = f.post_form(last_page);
  CHECK(done->status == 303);
  auto retry = f.post_form(last_page);  // the same submission again: fine, nothing new
  CHECK(retry->status == 303);
  CHECK(f.stored() == 1);

  auto reuse = f.client->Get(("/s/trygghet-2026?lang=en&code=" + code).c_str());
  CHECK(reuse->status == 403);
  CHECK_THAT(reuse->body, Catch::Contains("already been used"));
  auto link = f.client->Get(("/s/trygghet-2026?lang=en&code=" + lines.substr(27, 19)).c_str());
  CHECK(link->status == 200);
  CHECK_THAT(link->body, Catch::Contains("name=\"_code\""));
}

TEST_CASE("invitation codes need the key file beside the database, not in it",
          "[form][codes][security]") {
  ServerFixture f({"--require-code"});
  auto issued = run_lyssna({"--db", f.db, "codes", "--survey", "trygghet-2026", "--count", "1"});
  REQUIRE(issued.status == 0);
  const std::string code = issued.out.substr(6, 19);
  const std::string key = f.db + ".codes-key";
  REQUIRE(std::filesystem::exists(key));
  CHECK((std::filesystem::status(key).permissions() & std::filesystem::perms::all) ==
        (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
  // The database alone (a copy handed on, say) cannot tell a right code.
  std::filesystem::rename(key, key + ".away");
  auto without = f.client->Get(("/s/trygghet-2026?lang=en&code=" + code).c_str());
  CHECK(without->status == 503);
  // The public API says so without naming the server's files or settings.
  auto api =
      f.client->Post("/api/v1/surveys/trygghet-2026/responses", {{"Lyssna-Invitation-Code", code}},
                     record_json("no-key"), "application/json");
  CHECK(api->status == 503);
  CHECK(api->body.find(key) == std::string::npos);
  CHECK(api->body.find("codes-key") == std::string::npos);
  CHECK(api->body.find("LYSSNA_CODE_KEY_FILE") == std::string::npos);
  CHECK(without->body.find("codes-key") == std::string::npos);
  std::filesystem::rename(key + ".away", key);
  auto with = f.client->Get(("/s/trygghet-2026?lang=en&code=" + code).c_str());
  CHECK(with->status == 200);
  CHECK_THAT(with->body, Catch::Contains("name=\"_code\""));
}

TEST_CASE("wrong invitation codes are limited per client, behind a proxy too", "[form][codes]") {
  ServerFixture f({"--require-code"});
  f.start({"--behind-proxy"});
  auto issued = run_lyssna({"--db", f.db, "codes", "--survey", "trygghet-2026", "--count", "3"});
  REQUIRE(issued.status == 0);
  const std::string code = issued.out.substr(6, 19), second = issued.out.substr(27, 19),
                    third = issued.out.substr(48, 19);
  auto try_code = [&](const std::string& client, const std::string& typed) {
    httplib::Params params{{"_lang", "en"}, {"_action", "code"}, {"code", typed}};
    return f.client->Post("/s/trygghet-2026", {{"X-Forwarded-For", "10.9.9.9, " + client}}, params);
  };
  // Ten wrong codes are answered as wrong; the eleventh has to wait.
  for (int i = 0; i < 10; ++i)
    CHECK(try_code("192.0.2.1", "AAAA-BBBB-CCCC-DD" + std::to_string(10 + i))->status == 403);
  auto blocked = try_code("192.0.2.1", "AAAA-BBBB-CCCC-DDDE");  // the eleventh wrong code
  CHECK(blocked->status == 429);
  // The rest of the window that began with the first wrong code.
  const int retry_after = std::stoi(blocked->get_header_value("Retry-After"));
  CHECK(retry_after > 850);
  CHECK(retry_after <= 900);
  CHECK_THAT(blocked->body, Catch::Contains("Too many wrong codes"));
  CHECK(try_code("192.0.2.1", "AAAA-BBBB-CCCC-DDDF")->status == 429);
  // A school's or a mobile operator's shared address: people with valid codes
  // still get in, on the form and over the API (the codes' length protects them).
  auto right = try_code("192.0.2.1", code);
  CHECK(right->status == 200);
  CHECK_THAT(right->body, Catch::Contains("name=\"_code\""));
  CHECK(f.client
            ->Get(("/s/trygghet-2026?lang=en&code=" + second).c_str(),
                  {{"X-Forwarded-For", "192.0.2.1"}})
            ->status == 200);
  auto api = f.client->Post("/api/v1/surveys/trygghet-2026/responses",
                            {{"X-Forwarded-For", "192.0.2.1"}, {"Lyssna-Invitation-Code", third}},
                            record_json("shared-address"), "application/json");
  CHECK(api->status == 201);
  auto api_wrong = f.client->Post(
      "/api/v1/surveys/trygghet-2026/responses",
      {{"X-Forwarded-For", "192.0.2.1"}, {"Lyssna-Invitation-Code", "AAAA-BBBB-CCCC-DDDG"}},
      record_json("limited"), "application/json");
  CHECK(api_wrong->status == 429);
  CHECK_THAT(api_wrong->body, Catch::Contains("Lyssna-Invitation-Code"));

  // Another resident behind the same proxy is not counted with them.
  CHECK(try_code("198.51.100.7", "AAAA-BBBB-CCCC-DDDH")->status == 403);
  // Wrong codes over the API count too.
  for (int i = 0; i < 10; ++i) {
    auto wrong = f.client->Post(
        "/api/v1/surveys/trygghet-2026/responses",
        {{"X-Forwarded-For", "203.0.113.5"}, {"Lyssna-Invitation-Code", "AAAA-BBBB-CC"}},
        record_json("wrong-" + std::to_string(i)), "application/json");
    CHECK(wrong->status == 403);
  }
  CHECK(try_code("203.0.113.5", "AAAA-BBBB-CCCC-DDDJ")->status == 429);
  CHECK(f.stored() == 1);
}

TEST_CASE("static assets are served from the binary with immutable caching", "[form]") {
  ServerFixture f;
  auto page = f.client->Get("/s/trygghet-2026");
  std::smatch m;
  std::regex css("href=\"(/static/[0-9a-f]{16}/lyssna.css)\"");
  REQUIRE(std::regex_search(page->body, m, css));
  auto res = f.client->Get(m[1].str().c_str());
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK_THAT(res->get_header_value("Content-Type"), Catch::StartsWith("text/css"));
  CHECK_THAT(res->get_header_value("Cache-Control"), Catch::Contains("immutable"));
  CHECK(f.client->Get("/static/0000000000000000/lyssna.css")->get_header_value("Cache-Control") ==
        "no-cache");
  CHECK(f.client->Get("/static/0000000000000000/nope.css")->status == 404);
  CHECK_THAT(page->get_header_value("Content-Security-Policy"),
             Catch::Contains("default-src 'none'"));
}
