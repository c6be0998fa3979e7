// The survey overview and dashboard over real HTTP against the real binary:
// who may see them, the figures they show (weighted once margins are
// stored, suppressed and uncertain cells marked), the change from the
// previous survey, the area filter, escaping, and no free text anywhere.
#include <fstream>
#include <regex>

#include "workspace_client.hpp"

using namespace lyssna::test;

namespace {

const std::string secret = "SECRET-RESIDENT-WORDS-7731";

// A record of `survey` in `area`, `day` days into March 2026 (or 2025).
std::string dash_record(const std::string& survey, const std::string& id, const std::string& area,
                        int day, const std::string& age, const std::string& gender,
                        const std::string& safe, const std::string& channel = "online",
                        const std::string& lang = "sv", const std::string& year = "2026") {
  char date[32];
  std::snprintf(date, sizeof date, "%s-03-%02dT10:00:00Z", year.c_str(), day);
  return R"({"id":")" + id + R"(","survey":")" + survey + R"(","lang":")" + lang +
         R"(","channel":")" + channel + R"(","session":null,"submitted_at":")" + date +
         R"(","answers":{"area":")" + area + R"(","age_group":")" + age + R"(","gender":")" +
         gender + R"(","safe_night":")" + safe + R"(","problem_traffic":"very_big","free_text":")" +
         secret + " " + id + R"("}})" + "\n";
}

// 60 answers in Handen (a fifth feel unsafe), 12 in Jordbro (half do:
// uncertain, n < 30), 3 in Västerhaninge (suppressed, n < 5).
std::string dash_records(const std::string& survey, const std::string& year = "2026") {
  static const char* ages[] = {"16-24", "25-44", "45-64", "65+"};
  std::string out;
  int n = 0;
  auto add = [&](const std::string& area, int count, int unsafe_every, const std::string& channel) {
    for (int i = 0; i < count; ++i, ++n) {
      const std::string safe = i % unsafe_every == 0 ? "very_unsafe" : "fairly_safe";
      out += dash_record(survey, survey + "-r" + std::to_string(n), area, 1 + n % 5, ages[i % 4],
                         i % 2 ? "man" : "woman", safe, channel, i % 3 ? "sv" : "en", year);
    }
  };
  add("handen", 60, 5, "online");
  add("jordbro", 12, 2, "paper");
  add("vasterhaninge", 3, 1, "online");
  return out;
}

struct Dashboard : Workspace {
  std::string viewer, analyst;
  Dashboard() {
    add_user("vera", "viewer");
    add_user("ann", "analyst");
    import(dash_records("trygghet-2026"));
    viewer = login("vera");
    analyst = login("ann");
  }
  void import(const std::string& jsonl) {
    const std::string path = dir.file("records-" + std::to_string(++imports) + ".jsonl");
    std::ofstream(path) << jsonl;
    auto r = lyssna({"import", path});
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
  }
  std::string page(const std::string& path, const std::string& cookie) {
    auto res = get(path, cookie);
    REQUIRE(res);
    INFO(res->body.substr(0, 2000));
    REQUIRE(res->status == 200);
    CHECK(res->get_header_value("Cache-Control") == "no-store");
    return res->body;
  }
  int imports = 0;
};

// The share in the table row labelled `label` of the first table after `heading`.
std::string table_share(const std::string& html, const std::string& heading,
                        const std::string& label) {
  const auto at = html.find(heading);
  if (at == std::string::npos) return "";
  std::smatch m;
  const std::string rest = html.substr(at);
  const std::regex row("<th scope=\"row\"><span dir=\"auto\">" + label +
                       "</span></th><td class=\"num\">([^<]*)</td>");
  if (!std::regex_search(rest, m, row)) return "";
  return m[1];
}

}  // namespace

TEST_CASE("workspace dashboard: a visitor not signed in is sent to the login page",
          "[workspace-dashboard]") {
  Dashboard w;
  for (const std::string path :
       {"/workspace/surveys/trygghet-2026", "/workspace/surveys/trygghet-2026/dashboard"}) {
    auto res = w.get(path);
    REQUIRE(res);
    CHECK(res->status == 303);
    CHECK(res->get_header_value("Location").rfind("/workspace/login", 0) == 0);
    CHECK(res->body.find(secret) == std::string::npos);
  }
}

TEST_CASE("workspace dashboard: the overview counts responses by channel, language and area",
          "[workspace-dashboard]") {
  Dashboard w;
  for (const auto& cookie : {w.viewer, w.analyst}) {
    const std::string html = w.page("/workspace/surveys/trygghet-2026", cookie);
    CHECK(html.find("<h1>") != std::string::npos);
    CHECK(html.find("75 responses in all.") != std::string::npos);
    CHECK(table_share(html, "Responses by channel", "Paper").empty());  // channel rows have no span
    CHECK(html.find("<th scope=\"row\">Online</th><td class=\"num\">63</td>") != std::string::npos);
    CHECK(html.find("<th scope=\"row\">Paper</th><td class=\"num\">12</td>") != std::string::npos);
    CHECK(table_share(html, "Responses by area", "Jordbro").empty() == false);
    CHECK(html.find(">Västerhaninge</span></th><td class=\"num\">3</td>") != std::string::npos);
    CHECK(html.find("The first arrived on 2026-03-01, the last on 2026-03-05.") !=
          std::string::npos);
    CHECK(html.find("/workspace/surveys/trygghet-2026/dashboard") != std::string::npos);
    CHECK(html.find(secret) == std::string::npos);
  }
  auto missing = w.get("/workspace/surveys/no-such-survey", w.viewer);
  REQUIRE(missing);
  CHECK(missing->status == 404);
}

TEST_CASE("workspace dashboard: a viewer and an analyst see charts, tables and flags",
          "[workspace-dashboard]") {
  Dashboard w;
  for (const auto& cookie : {w.viewer, w.analyst}) {
    const std::string html = w.page("/workspace/surveys/trygghet-2026/dashboard", cookie);
    CHECK(html.find(secret) == std::string::npos);
    CHECK(html.find("<svg class=\"ws-chart ws-bars\"") != std::string::npos);
    CHECK(html.find("<svg class=\"ws-chart ws-columns\"") != std::string::npos);
    CHECK(html.find("role=\"img\" aria-label=\"Chart: ") != std::string::npos);
    // No script or style of its own in the page (the CSP forbids them).
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("style=") == std::string::npos);
    CHECK(html.find("Shares are unweighted") != std::string::npos);
    // Unsafe at night: 12 of 60 in Handen, 6 of 12 in Jordbro, 3 of 3 in Västerhaninge.
    const std::string indicator = "Table: Feels unsafe outdoors alone at night";
    CHECK(table_share(html, indicator, "Handen") == "20.0%");
    CHECK(table_share(html, indicator, "Jordbro") == "50.0%");
    CHECK(table_share(html, indicator, "Västerhaninge") == "suppressed");
    CHECK(table_share(html, indicator, "All respondents") == "28.0%");
    // The uncertain row is flagged in the table and drawn dashed in the chart.
    CHECK(html.find("<tr class=\"uncertain\"><th scope=\"row\"><span dir=\"auto\">Jordbro") !=
          std::string::npos);
    CHECK(html.find("Uncertain (n &lt; 30)") != std::string::npos);
    CHECK(html.find("class=\"bar flagged\"") != std::string::npos);
    CHECK(
        html.find("<tr class=\"suppressed\"><th scope=\"row\"><span dir=\"auto\">Västerhaninge") !=
        std::string::npos);
    CHECK(html.find("Too few to show (n &lt; 5)") != std::string::npos);
    // Error bars are drawn.
    CHECK(html.find("<line class=\"error\"") != std::string::npos);
    // The problem index: no area has the 100 respondents it needs.
    CHECK(html.find("No index (too few respondents)") != std::string::npos);
    CHECK(html.find("There is no earlier survey with the same questions") != std::string::npos);
  }
}

TEST_CASE("workspace dashboard: weighted once margins are stored with the survey",
          "[workspace-dashboard]") {
  Dashboard w;
  const std::string indicator = "Table: Feels unsafe outdoors alone at night";
  const std::string before = w.page("/workspace/surveys/trygghet-2026/dashboard", w.viewer);
  CHECK(table_share(before, indicator, "All respondents") == "28.0%");
  // Jordbro, where half feel unsafe, is as large as Handen: the total moves towards it.
  const std::string margins = w.dir.file("margins.json");
  std::ofstream(margins) << R"({"survey": "trygghet-2026", "margins": {"area": )"
                         << R"({"handen": 5000, "jordbro": 5000, "vasterhaninge": 100}}})";
  auto set = w.lyssna({"margins", "set", "trygghet-2026", margins});
  INFO(set.out << set.err);
  REQUIRE(set.status == 0);
  CHECK(set.out.find("jordbro") != std::string::npos);
  const std::string after = w.page("/workspace/surveys/trygghet-2026/dashboard", w.viewer);
  CHECK(after.find("Shares are weighted to the population margins stored on") != std::string::npos);
  const std::string weighted = table_share(after, indicator, "All respondents");
  INFO(weighted);
  CHECK_FALSE(weighted.empty());
  CHECK(weighted != "28.0%");
  CHECK(std::stod(weighted) > 30.0);
  CHECK(after.find(secret) == std::string::npos);
  // Cleared: unweighted again.
  REQUIRE(w.lyssna({"margins", "clear", "trygghet-2026"}).status == 0);
  const std::string cleared = w.page("/workspace/surveys/trygghet-2026/dashboard", w.viewer);
  CHECK(table_share(cleared, indicator, "All respondents") == "28.0%");
}

TEST_CASE("workspace dashboard: the area filter narrows the page to one area",
          "[workspace-dashboard]") {
  Dashboard w;
  const std::string html =
      w.page("/workspace/surveys/trygghet-2026/dashboard?area=jordbro", w.viewer);
  CHECK(html.find("Showing the area Jordbro only.") != std::string::npos);
  CHECK(html.find("<option value=\"jordbro\" selected>") != std::string::npos);
  const std::string indicator = "Table: Feels unsafe outdoors alone at night";
  CHECK(table_share(html, indicator, "Jordbro") == "50.0%");
  CHECK(table_share(html, indicator, "Handen").empty());
  // Genders within Jordbro: its six women all feel unsafe, its six men none
  // (in the whole survey 14 of 38 women, 36.8%).
  CHECK(html.find("The age groups and genders are those of the respondents in Jordbro.") !=
        std::string::npos);
  CHECK(table_share(html, indicator, "Woman") == "100.0%");
  CHECK(table_share(html, indicator, "Man") == "0.0%");
  const std::string whole = w.page("/workspace/surveys/trygghet-2026/dashboard", w.viewer);
  CHECK(table_share(whole, indicator, "Woman") == "36.8%");
  // Its time line: Jordbro's twelve answers, and no chart by area.
  CHECK(html.find("12 responses, counted per day") != std::string::npos);
  CHECK(html.find("<h3 id=\"timeline-3\">By area</h3>") == std::string::npos);
  auto unknown = w.get("/workspace/surveys/trygghet-2026/dashboard?area=atlantis", w.viewer);
  REQUIRE(unknown);
  CHECK((unknown->status == 400 || unknown->status == 422));
  CHECK(unknown->body.find("atlantis") == std::string::npos);
}

TEST_CASE("workspace dashboard: the change from the previous survey with its significance",
          "[workspace-dashboard]") {
  Dashboard w;
  auto made = w.lyssna({"survey", "new", "trygghet-2025", "--areas",
                        "handen,jordbro,vasterhaninge=Västerhaninge", "--opens", "2025-03-01"});
  INFO(made.err);
  REQUIRE(made.status == 0);
  REQUIRE(w.lyssna({"survey", "set", "trygghet-2026", "--opens", "2026-03-01"}).status == 0);
  // Last year nobody felt unsafe in Handen.
  std::string earlier;
  for (int i = 0; i < 80; ++i) {
    earlier += dash_record("trygghet-2025", "old-" + std::to_string(i), "handen", 1 + i % 5,
                           "25-44", "woman", "very_safe", "online", "sv", "2025");
  }
  w.import(earlier);
  const std::string html = w.page("/workspace/surveys/trygghet-2026/dashboard", w.viewer);
  CHECK(html.find("Compared with") != std::string::npos);
  CHECK(html.find("<code>trygghet-2025</code>") != std::string::npos);
  // 0% then, 28% now: significantly worse.
  const std::regex row(
      "<th scope=\"row\">Feels unsafe outdoors alone at night</th><td class=\"num\">0.0%</td>"
      "<td class=\"num\">28.0%</td><td class=\"num\">\\+28.0 points</td><td "
      "class=\"num\">[^<]*</td><td><span class=\"ws-dash-verdict worse\">Worse</span>");
  CHECK(std::regex_search(html, row));
  CHECK(html.find(secret) == std::string::npos);
  // The earlier survey has none before it.
  const std::string first = w.page("/workspace/surveys/trygghet-2025/dashboard", w.viewer);
  CHECK(first.find("There is no earlier survey with the same questions") != std::string::npos);
}

TEST_CASE("workspace dashboard: area names are escaped on both pages", "[workspace-dashboard]") {
  Dashboard w;
  auto made = w.lyssna(
      {"survey", "new", "evil-2026", "--areas", "x=<script>alert(1)</script>,y=\"><img src=x>"});
  INFO(made.err);
  REQUIRE(made.status == 0);
  std::string records;
  for (int i = 0; i < 6; ++i)
    records += dash_record("evil-2026", "e" + std::to_string(i), i % 2 ? "x" : "y", 2, "16-24",
                           "man", "very_unsafe");
  w.import(records);
  for (const std::string path :
       {"/workspace/surveys/evil-2026", "/workspace/surveys/evil-2026/dashboard",
        "/workspace/surveys/evil-2026/dashboard?area=x"}) {
    const std::string html = w.page(path, w.viewer);
    CHECK(html.find("<script>alert(1)") == std::string::npos);
    CHECK(html.find("<img src=x>") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find(secret) == std::string::npos);
  }
}

TEST_CASE("margins CLI: set, show and clear, with the file checked first",
          "[workspace-dashboard]") {
  Dashboard w;
  auto none = w.lyssna({"margins", "show", "trygghet-2026"});
  REQUIRE(none.status == 0);
  CHECK(none.out.find("no margins stored") != std::string::npos);
  const std::string bad = w.dir.file("bad.json");
  std::ofstream(bad) << R"({"margins": {"area": {"atlantis": 100}}})";
  auto refused = w.lyssna({"margins", "set", "trygghet-2026", bad});
  CHECK(refused.status == 2);
  CHECK(refused.err.find("atlantis") != std::string::npos);
  auto piped = w.lyssna({"margins", "set", "trygghet-2026", "-"},
                        R"({"margins": {"gender": {"woman": 600, "man": 580}}})");
  INFO(piped.err);
  REQUIRE(piped.status == 0);
  auto shown = w.lyssna({"margins", "show", "trygghet-2026", "--format", "json"});
  REQUIRE(shown.status == 0);
  const auto j = nlohmann::json::parse(shown.out);
  CHECK(j["margins"]["gender"]["woman"] == 600);
  CHECK(j["updated_by"].get<std::string>().rfind("cli:", 0) == 0);
  REQUIRE(w.lyssna({"margins", "clear", "trygghet-2026"}).status == 0);
  CHECK(w.lyssna({"margins", "show", "trygghet-2026"}).out.find("no margins stored") !=
        std::string::npos);
  bool audited = false;
  for (const auto& e : w.audit()) audited = audited || e["detail"] == "margins cleared";
  CHECK(audited);
  CHECK(w.lyssna({"margins", "show", "no-such-survey"}).status == 1);
}
