// The annual results report over real HTTP against the real binary, on
// `lyssna demo`'s survey and its published promise, with an area of three
// answers added: who may read it, its sections (indicators with charts,
// themes, priorities, the promise with done against planned), the small
// area suppressed in every table, and not a word a resident wrote.
#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "workspace_client.hpp"

using namespace lyssna::test;

namespace {

const std::string report_secret = "REPORT-RESIDENT-WORDS-4409";
const std::string report_path = "/workspace/surveys/trygghet-demo/report";

// The demo survey (200 answers and its promise) with a seventh area, Ornö,
// of three answers: fewer than the small-number rule's five.
struct ReportFixture : Workspace {
  std::string viewer, analyst;
  ReportFixture() {
    add_user("vera", "viewer");
    add_user("ann", "analyst");
    add_user("fia", "facilitator");
    auto demo = lyssna({"demo", "--responses", "200", "--seed", "4"});
    INFO(demo.out << demo.err);
    REQUIRE(demo.status == 0);
    auto shown = lyssna({"survey", "show", "trygghet-demo"});
    REQUIRE(shown.status == 0);
    auto q = nlohmann::json::parse(shown.out);
    nlohmann::json label;
    for (const char* l : {"sv", "en", "ar", "so", "fi", "fa"}) label[l] = "Ornö";
    q["areas"].push_back({{"id", "orno"}, {"label", label}});
    const std::string qpath = dir.file("orno.json");
    std::ofstream(qpath) << q.dump();
    REQUIRE(lyssna({"survey", "load", qpath, "--replace"}).status == 0);
    // Three of the demo's answers again, in Ornö, with words of their own.
    std::istringstream lines(lyssna({"export", "--survey", "trygghet-demo"}).out);
    std::string line, added;
    for (int i = 0; i < 3 && std::getline(lines, line); ++i) {
      auto r = nlohmann::json::parse(line);
      r["id"] = "orno-" + std::to_string(i);
      r["answers"]["area"] = "orno";
      r["answers"]["free_text"] = report_secret + " " + std::to_string(i);
      added += r.dump() + "\n";
    }
    const std::string rpath = dir.file("orno.jsonl");
    std::ofstream(rpath) << added;
    REQUIRE(lyssna({"import", rpath}).status == 0);
    start();
    viewer = login("vera");
    analyst = login("ann");
  }
  // The report once the server's index holds the answers (their themes).
  std::string report(const std::string& cookie) {
    std::string body;
    for (int i = 0; i < 100; ++i) {
      auto res = get(report_path, cookie);
      REQUIRE(res);
      INFO(res->body.substr(0, 2000));
      REQUIRE(res->status == 200);
      CHECK(res->get_header_value("Cache-Control") == "no-store");
      body = res->body;
      if (body.find("id=\"themes-caption\"") != std::string::npos) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return body;
  }
  // Every answer's free text (each long enough not to be a word of a label).
  std::vector<std::string> free_texts() {
    std::vector<std::string> out;
    std::istringstream lines(lyssna({"export", "--survey", "trygghet-demo"}).out);
    std::string line;
    while (std::getline(lines, line)) {
      const auto r = nlohmann::json::parse(line);
      for (const auto& [key, value] : r["answers"].items())
        if (value.is_string() && value.get<std::string>().size() >= 16 &&
            key.find("text") != std::string::npos)
          out.push_back(value.get<std::string>());
    }
    return out;
  }
};

int report_count(const std::string& text, const std::string& part) {
  int n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// The cells of the table row whose heading is `label`, after `from`.
std::vector<std::string> report_row_cells(const std::string& html, const std::string& from,
                                          const std::string& label) {
  std::vector<std::string> cells;
  const auto at = html.find(from);
  if (at == std::string::npos) return cells;
  const auto row = html.find(label + "</th>", at);
  if (row == std::string::npos) return cells;
  const std::string rest = html.substr(row, html.find("</tr>", row) - row);
  static const std::regex cell("<td[^>]*>(.*?)</td>");
  for (std::sregex_iterator it(rest.begin(), rest.end(), cell), end; it != end; ++it)
    cells.push_back((*it)[1]);
  return cells;
}

}  // namespace

TEST_CASE("workspace report: a viewer reads every section, the small area suppressed",
          "[workspace-report]") {
  ReportFixture w;
  const std::string html = w.report(w.viewer);
  // The title block: the survey, its dates, 203 answers, unweighted; the contents.
  CHECK(html.find("<h1 id=\"report-heading\">") != std::string::npos);
  CHECK(html.find("<dt>Answers</dt><dd>203</dd>") != std::string::npos);
  CHECK(html.find("<dd>Unweighted</dd>") != std::string::npos);
  for (const char* id :
       {"report-indicators", "report-themes", "report-priorities", "report-promises"}) {
    CHECK(report_count(html, std::string("href=\"#") + id + "\"") == 1);
    CHECK(report_count(html, std::string("<h2 id=\"") + id + "\"") == 1);
  }
  // Every indicator with its chart (error bars drawn) and its table.
  const int charts = report_count(html, "<svg class=\"ws-chart ws-bars\"");
  CHECK(charts >= 10);
  CHECK(report_count(html, "<caption id=\"indicator-") == charts - 1);  // and the problem index
  CHECK(html.find("<line class=\"error\"") != std::string::npos);
  // Ornö's three answers: suppressed in the summary, the indicator's table
  // and every theme's cell, while Handen's figures stand.
  const std::string unsafe = "Feels unsafe outdoors alone at night";
  const auto glance = report_row_cells(html, "id=\"glance-caption\"", unsafe + "</a>");
  REQUIRE(glance.size() == 8);  // everyone and seven areas
  CHECK(glance.back() == "suppressed");
  CHECK(glance[1].find('%') != std::string::npos);
  const auto orno = report_row_cells(html, "Table: " + unsafe, "<span dir=\"auto\">Ornö</span>");
  REQUIRE_FALSE(orno.empty());
  CHECK(orno.front() == "suppressed");
  CHECK(html.find("Too few to show (n &lt; 5)") != std::string::npos);
  const auto themes_from = html.find("id=\"themes-caption\"");
  REQUIRE(themes_from != std::string::npos);
  const std::string themes =
      html.substr(themes_from, html.find("</table>", themes_from) - themes_from);
  CHECK(report_count(themes, "<td class=\"num suppressed\">suppressed</td>") >= 13);
  CHECK(html.find("fewer than 5 answers with free text is not shown") != std::string::npos);
  // The priority list: ranks 1.. with score, problem and mention shares.
  CHECK(html.find("<tbody><tr><td class=\"num\">1</td><th scope=\"row\">") != std::string::npos);
  CHECK(html.find("problem shares are unweighted") != std::string::npos);
  // The demo's promise drawn from the survey: published, its focus areas'
  // activities with who does them, done against planned in 2026.
  CHECK(report_count(html, "<section class=\"report-promise\"") == 1);
  CHECK(std::regex_search(html, std::regex("<h3 id=\"promise-1\"[^>]*>[^<]+</h3>")));  // its title
  CHECK(html.find("<dd>published</dd>") != std::string::npos);
  CHECK(html.find("Done against planned in 2026") != std::string::npos);
  CHECK(report_count(html, "<div class=\"report-focus\">") == 3);
  CHECK(report_count(html, "<table class=\"ws-table report-table report-activities\">") == 3);
  CHECK(html.find("href=\"/workspace/promises/1\"") != std::string::npos);
  // No form but the logout button, no script, no inline style.
  CHECK(report_count(html, "<form") == 1);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("style=") == std::string::npos);
  // The explorer's themes page suppresses the small area for a viewer as
  // the report does; an analyst, who may read the texts, sees the counts.
  auto explorer = w.get("/workspace/surveys/trygghet-demo/themes", w.viewer);
  REQUIRE(explorer);
  CHECK(report_count(explorer->body, "<span class=\"ws-heat-share\">suppressed</span>") >= 13);
  auto explorer_analyst = w.get("/workspace/surveys/trygghet-demo/themes", w.analyst);
  REQUIRE(explorer_analyst);
  CHECK(report_count(explorer_analyst->body, "<span class=\"ws-heat-share\">suppressed</span>") ==
        0);
  // The overview's tabs lead to it.
  auto overview = w.get("/workspace/surveys/trygghet-demo", w.viewer);
  REQUIRE(overview);
  CHECK(overview->body.find("href=\"" + report_path + "\">Annual report</a>") != std::string::npos);
}

TEST_CASE("workspace report: not a word a resident wrote, for a viewer or an analyst",
          "[workspace-report]") {
  ReportFixture w;
  const auto texts = w.free_texts();
  REQUIRE(texts.size() > 100);
  for (const auto& cookie : {w.viewer, w.analyst}) {
    const std::string html = w.report(cookie);
    REQUIRE(html.find("id=\"themes-caption\"") != std::string::npos);
    CHECK(html.find(report_secret) == std::string::npos);
    CHECK(html.find("Vendelsö flyttad") == std::string::npos);  // the demo's internal note
    int found = 0;
    for (const auto& t : texts) found += html.find(t) != std::string::npos;
    CHECK(found == 0);
  }
}

TEST_CASE("workspace report: who may read it, and an unknown survey", "[workspace-report]") {
  ReportFixture w;
  auto anonymous = w.get(report_path);
  REQUIRE(anonymous);
  CHECK(anonymous->status == 303);
  CHECK(anonymous->get_header_value("Location").rfind("/workspace/login", 0) == 0);
  auto facilitator = w.get(report_path, w.login("fia"));
  REQUIRE(facilitator);
  CHECK(facilitator->status == 403);
  auto unknown = w.get("/workspace/surveys/no-such-survey/report", w.viewer);
  REQUIRE(unknown);
  CHECK(unknown->status == 404);
}
