// The one-page summary of a dialogue session, for the steering group
// (own_dialogues: the facilitator who owns the session, or an admin).
// Route:
//   GET /workspace/dialogues/<session id>/summary   the summary in the
//       session's language (the first of its languages; right to left for
//       Arabic and Persian), cut to fit one A4 page when printed: the
//       session's details, what was said, themes with counts, its votes,
//       taking part by language, channel, age group and gender (groups
//       under the reports' threshold suppressed). A print button; the
//       print stylesheet is workspace-summary.css.
#include <algorithm>
#include <functional>
#include <map>
#include <memory>

#include "app/dialogues.hpp"
#include "app/session_summary.hpp"
#include "assets/assets.hpp"
#include "http/responses.hpp"
#include "http/snippet_view.hpp"
#include "http/workspace_guard.hpp"
#include "http/workspace_view.hpp"
#include "render/catalog.hpp"
#include "render/template_engine.hpp"
#include "util/clock.hpp"

namespace lyssna::http {
namespace summary_pages {
namespace {

using nlohmann::json;

// What fits one A4 page beside the rest (checked by the browser test).
constexpr size_t max_themes = 8;
constexpr size_t max_said = 8;
constexpr size_t max_said_chars = 190;  // code points of one text
constexpr size_t max_candidates = 8;
constexpr size_t max_votes = 1;  // the latest

// A text cut at a word boundary to at most `max` code points, with "…".
std::string shorten(const std::string& text, size_t max) {
  std::string flat;
  for (char c : text) flat += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  size_t points = 0, i = 0, last_space = std::string::npos;
  while (i < flat.size()) {
    if (points == max) break;
    if (flat[i] == ' ') last_space = i;
    ++i;
    while (i < flat.size() && (static_cast<unsigned char>(flat[i]) & 0xC0) == 0x80) ++i;
    ++points;
  }
  if (i >= flat.size()) return flat;
  size_t cut = last_space != std::string::npos && last_space > i / 2 ? last_space : i;
  return flat.substr(0, cut) + "…";
}

// A bar's width as a class of the stylesheet (sum-w-0 .. sum-w-100, by 5).
std::string width_class(int64_t value, int64_t max) {
  if (max <= 0 || value <= 0) return "sum-w-0";
  int64_t pct = (value * 100 + max / 2) / max;
  pct = std::max<int64_t>(5, (pct + 2) / 5 * 5);
  return "sum-w-" + std::to_string(std::min<int64_t>(100, pct));
}

class SummaryPage {
 public:
  explicit SummaryPage(WorkspaceRoutes& routes) : r_(routes) {}

  void show(WorkspaceRequest& w) {
    const std::string session_id = w.req.matches[1];
    const app::SessionSummary s =
        app::session_summary(r_.app(), suggester_, w.session.access(), session_id);
    const auto& line = s.session.line;
    const std::string lang = line.languages.empty() ? "sv" : line.languages.front();
    const auto& catalogs = render::Catalogs::get();
    const auto& q = *s.questionnaire;
    auto text = [&](const std::string& key, const std::map<std::string, std::string>& p = {}) {
      return catalogs.text(lang, "room.summary." + key, p);
    };
    const std::string title = text("title");
    json v = workspace_view(lang, title, &w.session, w.req.path);
    v["dir"] = render::is_rtl(lang) ? "rtl" : "ltr";
    v["heading"] = title;
    v["print_js"] = "/static/" + assets::require("web/static/summary.js").hash + "/summary.js";
    v["notes_href"] = "/workspace/dialogues/" + url_encode(session_id) + "/notes";
    v["session_href"] = "/workspace/dialogues/" + url_encode(session_id);

    json details = json::array();
    auto detail = [&](const std::string& key, const std::string& value) {
      if (!value.empty()) details.push_back({{"label", text(key)}, {"value", value}});
    };
    detail("place", line.place);
    if (line.area) detail("area", area_name(q, *line.area, lang));
    detail("date", line.held_on);
    detail("format", text("format_" + line.format));
    detail("facilitator", line.facilitator);
    detail("survey", questionnaire::localized(q.title, lang, q.default_language()));
    std::string langs;
    for (const auto& l : line.languages) langs += (langs.empty() ? "" : ", ") + language_name(l);
    detail("languages", langs);
    detail("status", text("status_" + line.status));
    v["details"] = details;
    v["totals"] = text("totals", {{"records", std::to_string(s.records)},
                                  {"notes", std::to_string(s.notes)},
                                  {"texts", std::to_string(s.with_text)}});

    // Themes with counts.
    json themes = json::array();
    const int64_t top = s.themes.empty() ? 0 : s.themes.front().records;
    for (size_t i = 0; i < s.themes.size() && i < max_themes; ++i) {
      const auto& t = s.themes[i];
      themes.push_back({{"label", s.codebook.label(t.theme, lang)},
                        {"count", t.records},
                        {"width", width_class(t.records, top)}});
    }
    v["themes"] = themes;
    v["has_themes"] = !themes.empty();
    if (s.themes.size() > max_themes)
      v["themes_more"] = text("more", {{"count", std::to_string(s.themes.size() - max_themes)}});

    // The latest vote (the votes come oldest first).
    json votes = json::array();
    for (size_t i = 0; i < s.votes.size() && i < max_votes; ++i) {
      const auto& vote = s.votes[s.votes.size() - 1 - i];
      std::vector<app::Tally> tally = vote.tally;
      std::stable_sort(tally.begin(), tally.end(),
                       [](const auto& a, const auto& b) { return a.dots > b.dots; });
      const int64_t most = tally.empty() ? 0 : tally.front().dots;
      json rows = json::array();
      for (size_t c = 0; c < tally.size() && c < max_candidates; ++c) {
        rows.push_back(
            {{"label", app::candidate_label(r_.app(), vote, line.survey, tally[c].candidate, lang)},
             {"dots", tally[c].dots},
             {"width", width_class(tally[c].dots, most)}});
      }
      votes.push_back(
          {{"rows", rows},
           {"ballots", text("ballots", {{"count", std::to_string(vote.ballots)},
                                        {"dots", std::to_string(vote.line.dots_per_ballot)}})}});
    }
    v["votes"] = votes;
    v["has_votes"] = !votes.empty();

    // Taking part.
    const std::string fewer = text("fewer", {{"count", std::to_string(s.suppress_below)}});
    auto breakdown = [&](const std::string& key, const std::vector<app::GroupCount>& groups,
                         const std::function<std::string(const std::string&)>& name) {
      json rows = json::array();
      for (const auto& g : groups) {
        rows.push_back({{"label", g.group.empty() ? text("not_given") : name(g.group)},
                        {"count", g.suppressed ? fewer : std::to_string(g.count)}});
      }
      return json{{"title", text(key)}, {"rows", rows}, {"empty", rows.empty()}};
    };
    auto option_name = [&](const char* question) {
      return [&q, &lang, question](const std::string& id) {
        const auto* qq = q.find_question(question);
        const auto* o = qq ? qq->find_option(id) : nullptr;
        if (!o) return id;
        const std::string label = questionnaire::localized(o->label, lang, q.default_language());
        return label.empty() ? id : label;
      };
    };
    v["breakdowns"] =
        json::array({breakdown("by_language", s.by_language,
                               [](const std::string& l) { return language_name(l); }),
                     breakdown("by_channel", s.by_channel,
                               [&](const std::string& c) {
                                 const std::string t = text("channel_" + c);
                                 return t == "room.summary.channel_" + c ? c : t;
                               }),
                     breakdown("by_age_group", s.by_age_group, option_name("age_group")),
                     breakdown("by_gender", s.by_gender, option_name("gender"))});
    v["suppressed_note"] = text("suppressed_note", {{"count", std::to_string(s.suppress_below)}});

    // What was said.
    const std::string separator = text("list_separator");
    json said = json::array();
    for (size_t i = 0; i < s.said.size() && i < max_said; ++i) {
      const auto& t = s.said[i];
      json theme_labels = json::array();
      for (const auto& th : t.themes) theme_labels.push_back(s.codebook.label(th, lang));
      std::string joined;
      for (const auto& l : theme_labels)
        joined += (joined.empty() ? std::string() : separator) + l.get<std::string>();
      said.push_back({{"text", shorten(t.text, max_said_chars)},
                      {"lang", t.lang},
                      {"kind", text(t.note ? "kind_note" : "kind_answer")},
                      {"themes", joined}});
    }
    v["said"] = said;
    v["has_said"] = !said.empty();
    if (s.said.size() > max_said)
      v["said_more"] = text("more", {{"count", std::to_string(s.said.size() - max_said)}});
    v["made"] = text("made", {{"date", clock::format_rfc3339(r_.app().now()).substr(0, 10)}});
    send_html(w.res, 200, render::get_template("ws_summary").render(v), Audience::workspace);
  }

 private:
  WorkspaceRoutes& r_;
  app::ThemeSuggester suggester_;
};

}  // namespace
}  // namespace summary_pages

void register_workspace_summary_routes(WorkspaceRoutes& routes) {
  auto page = std::make_shared<summary_pages::SummaryPage>(routes);
  routes.page("/workspace/dialogues/([^/]{1,128})/summary", app::Permission::own_dialogues,
              [page](WorkspaceRequest& w) { page->show(w); });
}

}  // namespace lyssna::http
