// Integration tests of the public citizen promise over real HTTP (issue 10,
// point 4): the page in the six languages (Arabic and Persian right to
// left, Swedish fallbacks marked once per block), the list, what is not
// public answering 404, nothing internal in any page or feed, and the Atom
// feed checked by an XML parser (xmllint, scripts/install-deps.sh test).
#include <cstdio>
#include <fstream>

#include "../support/files.hpp"
#include "../support/public_promise_seed.hpp"
#include "render/template_engine.hpp"
#include "server_fixture.hpp"

using namespace lyssna;
using namespace lyssna::test;

namespace {

const std::vector<std::string> public_langs = {"sv", "en", "ar", "so", "fi", "fa"};

// The running server on a database holding the seeded promises.
struct PublicPromiseServer : ServerFixture {
  SeededPromise seeded;
  PublicPromiseServer() {
    server.reset();
    {
      app::Services services({db});
      seeded = seed_public_promise(services);
    }
    start();
  }
  httplib::Result get(const std::string& path, const httplib::Headers& headers = {}) {
    auto res = client->Get(path.c_str(), headers);
    REQUIRE(res);
    return res;
  }
  std::string page_path() const { return "/promise/" + std::to_string(seeded.published); }
};

// The catalog string, as the page escapes it.
std::string catalog_text(const std::string& lang, const std::string& key) {
  const auto catalog = nlohmann::json::parse(source_file("i18n/" + lang + ".json"));
  return render::escape_html(catalog.at(key).get<std::string>());
}

// The articles (activities) of a page, each as its HTML.
std::vector<std::string> articles(const std::string& html) {
  std::vector<std::string> out;
  for (size_t at = html.find("<article"); at != std::string::npos;
       at = html.find("<article", at + 1)) {
    out.push_back(html.substr(at, html.find("</article>", at) - at));
  }
  return out;
}

// xmllint's answer for the feed in `file`: its output, and whether it
// exited 0 (well-formed, and the XPath matched).
RunResult xmllint(const std::vector<std::string>& args) {
  std::string command = "xmllint";
  for (const auto& a : args) {
    std::string quoted;  // in single quotes, each of its own as '\''
    for (char c : a) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    command += " '" + quoted + "'";
  }
  command += " 2>&1";
  RunResult r;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) r.out.append(buffer, n);
  r.status = pclose(pipe);
  return r;
}

std::string xpath(const std::string& file, const std::string& expression) {
  auto r = xmllint({"--xpath", expression, file});
  INFO(expression << ": " << r.out);
  REQUIRE(r.status == 0);
  while (!r.out.empty() && r.out.back() == '\n') r.out.pop_back();  // some versions end a line
  return r.out;
}

}  // namespace

TEST_CASE("the public promise page in the six languages, Arabic and Persian right to left",
          "[promise-public]") {
  PublicPromiseServer f;
  const std::map<std::string, std::string> dir = {{"sv", "ltr"}, {"en", "ltr"}, {"ar", "rtl"},
                                                  {"so", "ltr"}, {"fi", "ltr"}, {"fa", "rtl"}};
  std::set<std::string> headings;
  for (const auto& lang : public_langs) {
    INFO(lang);
    auto res = f.get(f.page_path() + "?lang=" + lang);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(res->get_header_value("Set-Cookie").empty());
    const std::string& html = res->body;
    CHECK_THAT(html, Catch::Contains("<html lang=\"" + lang + "\" dir=\"" + dir.at(lang) + "\">"));
    // The interface in the language's own catalog.
    for (const char* key : {"promise.activities_heading", "promise.residents_heading",
                            "promise.follow_ups_heading", "promise.parties", "promise.privacy"}) {
      INFO(key);
      CHECK_THAT(html, Catch::Contains(catalog_text(lang, key)));
    }
    headings.insert(catalog_text(lang, "promise.activities_heading"));
    // The switcher leads to the same promise in the five others.
    for (const auto& other : public_langs) {
      if (other == lang) continue;
      CHECK_THAT(html, Catch::Contains("href=\"" + f.page_path() + "?lang=" + other + "\""));
    }
    CHECK_THAT(html, Catch::Contains("rel=\"alternate\" type=\"application/atom+xml\" href=\"" +
                                     f.page_path() + "/feed.atom?lang=" + lang + "\""));
    // Every activity of the three focus areas, and the parties.
    CHECK(articles(html).size() == 4);
    CHECK_THAT(html, Catch::Contains("Kommunstyrelseförvaltningen"));
  }
  CHECK(headings.size() == 6);

  // The promise's texts where they were written, else Swedish marked as such.
  auto en = f.get(f.page_path() + "?lang=en")->body;
  CHECK_THAT(en, Catch::Contains("<span>Citizen promise for Haninge 2026</span>"));
  CHECK_THAT(en, Catch::Contains("<span>Safety in public places</span>"));
  CHECK_THAT(en, Catch::Contains("<span lang=\"sv\" dir=\"ltr\">Trygghetsdialoger</span> <span "
                                 "class=\"fallback-note\">(in Swedish)</span>"));
  auto ar = f.get(f.page_path() + "?lang=ar")->body;
  CHECK_THAT(ar, Catch::Contains("<span>وعد للسكان في هانينغه 2026</span>"));
  CHECK_THAT(ar, Catch::Contains("<span lang=\"sv\" dir=\"ltr\">Trafik</span> <span "
                                 "class=\"fallback-note\">(بالسويدية)</span>"));
  auto fa = f.get(f.page_path() + "?lang=fa")->body;
  CHECK_THAT(fa, Catch::Contains("<span>تعهد به شهروندان هانینگه ۲۰۲۶</span>"));
  auto so = f.get(f.page_path() + "?lang=so")->body;
  CHECK_THAT(so,
             Catch::Contains("<span lang=\"sv\" dir=\"ltr\">Medborgarlöfte för Haninge "
                             "2026</span> <span class=\"fallback-note\">(af Iswiidhish)</span>"));
  // Once per block: an activity in Swedish has several Swedish texts and
  // one marker (each follow-up under it is a block of its own); in Swedish
  // there is none.
  for (const auto& article : articles(so)) {
    const std::string facts = article.substr(0, article.find("<ol class=\"follow-ups\""));
    CHECK(count_occurrences(facts, "<span lang=\"sv\"") >= 2);
    CHECK(count_occurrences(facts, "fallback-note") == 1);
  }
  auto sv = f.get(f.page_path() + "?lang=sv")->body;
  CHECK(count_occurrences(sv, "fallback-note") == 0);
  CHECK(count_occurrences(sv, "<span lang=\"sv\"") == 0);

  // Without ?lang: the browser's language, else Swedish; never a cookie.
  auto chosen = f.get(f.page_path(), {{"Accept-Language", "de-DE,fa;q=0.8,en;q=0.5"}});
  CHECK_THAT(chosen->body, Catch::Contains("<html lang=\"fa\" dir=\"rtl\">"));
  CHECK_THAT(f.get(f.page_path())->body, Catch::Contains("<html lang=\"sv\" dir=\"ltr\">"));
  // The kommun's address is its newest public promise.
  auto by_kommun = f.get("/promise/haninge?lang=en");
  CHECK(by_kommun->status == 200);
  CHECK_THAT(by_kommun->body, Catch::Contains("Citizen promise for Haninge 2026"));
}

TEST_CASE("what residents told us: aggregates only, small groups suppressed", "[promise-public]") {
  PublicPromiseServer f;
  const auto sv = f.get(f.page_path() + "?lang=sv")->body;
  // Jordbro's lighting: 34 % of 120, 12 % of 80 written answers.
  CHECK_THAT(sv, Catch::Contains("34 % av 120 som svarade"));
  CHECK_THAT(sv, Catch::Contains("12 % av 80 skrivna svar"));
  // The whole survey's traffic figures, under the theme's and survey's names.
  CHECK_THAT(sv, Catch::Contains("41 % av 410 som svarade"));
  CHECK_THAT(sv, Catch::Contains("hela kommunen"));
  CHECK_THAT(sv, Catch::Contains("Västerhaninge"));
  // Västerhaninge's 3 answers and 2 texts are below 5: not shown.
  CHECK(count_occurrences(sv, "Visas inte: färre än 5 svarade") == 2);
  CHECK_THAT(sv, !Catch::Contains("67 %"));
  CHECK_THAT(sv, !Catch::Contains("50 %"));
  const auto ar = f.get(f.page_path() + "?lang=ar")->body;
  CHECK_THAT(ar, Catch::Contains("34٪ من 120 أجابوا"));
  // The activity in words: target, frequency, the survey indicator.
  const auto en = f.get(f.page_path() + "?lang=en")->body;
  CHECK_THAT(en, Catch::Contains("2 every six months"));
  CHECK_THAT(en, Catch::Contains("twice every six months"));
  CHECK_THAT(en,
             Catch::Contains(
                 "In the safety survey: feeling unsafe outdoors alone in the evening, Jordbro"));
  CHECK_THAT(en, Catch::Contains("We count: <span>number of briefings</span>"));
}

TEST_CASE("nothing internal reaches the public pages or the feed, and what is not public is 404",
          "[promise-public]") {
  PublicPromiseServer f;
  const std::string id = std::to_string(f.seeded.published);
  std::vector<std::string> paths = {"/promise",
                                    "/promise/",
                                    f.page_path(),
                                    "/promise/haninge",
                                    "/promise/" + id + "/feed.atom",
                                    "/promise/haninge/feed.atom"};
  for (const auto& lang : public_langs) {
    for (const auto& path : paths) {
      const std::string url = path + "?lang=" + lang;
      INFO(url);
      auto res = f.get(url);
      CHECK(res->status == 200);
      for (const auto& secret : promise_secrets()) {
        INFO(secret);
        CHECK(res->body.find(secret) == std::string::npos);
        for (const auto& [name, value] : res->headers)
          CHECK(value.find(secret) == std::string::npos);
      }
      // Only the published follow-ups, their text escaped.
      if (path.find("/promise/") == 0 && path.size() > 9) {
        CHECK(res->body.find("2026-04-02") == std::string::npos);  // the unpublished one's day
        CHECK_THAT(res->body, Catch::Contains("Jordbro &amp; Handen &lt;"));
        CHECK_THAT(res->body, !Catch::Contains("<med>"));
        CHECK_THAT(res->body, !Catch::Contains("<with>"));
      }
    }
  }
  // The list: the published promise only.
  auto list = f.get("/promise?lang=en");
  CHECK_THAT(list->body, Catch::Contains("href=\"" + f.page_path() + "?lang=en\""));
  CHECK_THAT(list->body, Catch::Contains("Citizen promise for Haninge 2026"));
  CHECK(count_occurrences(list->body, "<li><a href=\"/promise/") == 1);

  // Adopted, draft, unknown and malformed: the public message page, 404.
  const std::vector<std::string> missing = {
      "/promise/" + std::to_string(f.seeded.adopted),
      "/promise/" + std::to_string(f.seeded.draft),
      "/promise/" + std::to_string(f.seeded.adopted) + "/feed.atom",
      "/promise/" + std::to_string(f.seeded.draft) + "/feed.atom",
      "/promise/nynashamn",
      "/promise/nynashamn/feed.atom",
      "/promise/99999",
      "/promise/999999999999999999999",
      "/promise/Haninge",
      "/promise/haninge/other",
      "/promise/<script>"};
  for (const auto& path : missing) {
    INFO(path);
    auto res = f.get(path + "?lang=fi");
    CHECK(res->status == 404);
    CHECK_THAT(res->body, Catch::Contains("<html lang=\"fi\""));
    CHECK_THAT(res->body, Catch::Contains(catalog_text("fi", "promise.not_found_title")));
    for (const auto& secret : promise_secrets()) CHECK(res->body.find(secret) == std::string::npos);
  }
}

TEST_CASE("the Atom feed of a promise's follow-ups validates as XML", "[promise-public]") {
  PublicPromiseServer f;
  std::map<std::string, std::string> ids_by_lang;
  for (const auto& lang : public_langs) {
    INFO(lang);
    auto res = f.get(f.page_path() + "/feed.atom?lang=" + lang);
    REQUIRE(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "application/atom+xml; charset=utf-8");
    CHECK(res->get_header_value("Access-Control-Allow-Origin") == "*");
    const std::string file = f.dir.file("feed-" + lang + ".xml");
    std::ofstream(file) << res->body;
    auto parsed = xmllint({"--noout", file});
    INFO(parsed.out);
    REQUIRE(parsed.status == 0);

    const std::string atom =
        "/*[local-name()='feed' and namespace-uri()='http://www.w3.org/2005/Atom']";
    CHECK(xpath(file, "string(" + atom + "/@*[local-name()='lang'])") == lang);
    CHECK(xpath(file, "count(" + atom + "/*[local-name()='entry'])") == "3");
    CHECK(xpath(file, "count(" + atom + "/*[local-name()='author'])") == "3");
    CHECK_THAT(xpath(file, "string(" + atom + "/*[local-name()='id'])"),
               Catch::StartsWith("tag:lyssna,"));
    // Every entry has the elements RFC 4287 requires, its updated an RFC 3339 time.
    for (const char* required : {"id", "title", "updated", "summary"}) {
      INFO(required);
      CHECK(xpath(file, "count(" + atom + "/*[local-name()='entry']/*[local-name()='" + required +
                            "'])") == "3");
    }
    const std::string updated =
        xpath(file, "string(" + atom + "/*[local-name()='entry'][1]/*[local-name()='updated'])");
    CHECK(std::regex_match(updated, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
    // Newest first: the dialogue of 15 April, then 31 March, then 20 March.
    const std::string first =
        xpath(file, "string(" + atom + "/*[local-name()='entry'][1]/*[local-name()='summary'])");
    CHECK_THAT(first, Catch::StartsWith("2026-04-15"));
    const std::string ids =
        xpath(file, "concat(" + atom + "/*[local-name()='entry'][1]/*[local-name()='id'], ' ', " +
                        atom + "/*[local-name()='entry'][3]/*[local-name()='id'])");
    CHECK_THAT(ids, Catch::EndsWith("/follow-up/" + std::to_string(f.seeded.follow_up)));
    ids_by_lang[lang] = ids;
    // The text, unescaped by the parser, as it was written (with & and <).
    CHECK_THAT(
        xpath(file, "string(" + atom + "/*[local-name()='entry'][3]/*[local-name()='content'])"),
        Catch::Contains(lang == "en" ? "Jordbro & Handen <with>" : "Jordbro & Handen <med>"));
    for (const auto& secret : promise_secrets()) CHECK(res->body.find(secret) == std::string::npos);
  }
  // The same ids in every language and on every request: stable.
  CHECK(ids_by_lang["sv"] == ids_by_lang["ar"]);
  auto again = f.get(f.page_path() + "/feed.atom?lang=sv")->body;
  CHECK_THAT(again, Catch::Contains(ids_by_lang["sv"].substr(ids_by_lang["sv"].rfind(' ') + 1)));
  // A Swedish text in the Somali feed says so with xml:lang.
  auto so = f.get(f.page_path() + "/feed.atom?lang=so")->body;
  CHECK_THAT(so, Catch::Contains("<content type=\"text\" xml:lang=\"sv\">"));
}
