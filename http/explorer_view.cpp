// The explorer's shared page data (see explorer_view.hpp).
#include "http/explorer_view.hpp"

#include <set>

#include "app/code_history.hpp"
#include "http/snippet_view.hpp"
#include "http/workspace_view.hpp"
#include "reports/reports.hpp"

namespace lyssna::http::explorer {
namespace {

using nlohmann::json;

// A heat level 0 to 5 for a share (the table's cell class).
int heat_of(double share) {
  if (share <= 0) return 0;
  if (share < 0.05) return 1;
  if (share < 0.10) return 2;
  if (share < 0.20) return 3;
  if (share < 0.35) return 4;
  return 5;
}

json cell_of(int64_t count, double share, const std::string& href, const std::string& lang,
             bool suppressed) {
  if (suppressed)
    return {{"count", ""},
            {"share", ws_text(lang, "ws.dashboard.suppressed")},
            {"heat", "heat-0"},
            {"href", ""},
            {"suppressed", true}};
  return {{"count", count},
          {"share", format_percent(lang, share)},
          {"heat", "heat-" + std::to_string(heat_of(share))},
          {"href", href},
          {"suppressed", false}};
}

}  // namespace

using nlohmann::json;

json page_view(WorkspaceRequest& w, const reports::SurveyContext& ctx, const std::string& path,
               const std::string& title) {
  json v = workspace_view(w.lang(), title, &w.session, path);
  add_survey_nav(v, w.lang(), w.session.access(), ctx.questionnaire, path);
  return v;
}

std::string theme_label(const reports::SurveyContext& ctx, const std::string& theme,
                        const std::string& lang) {
  return ctx.codebook().label(theme, lang);
}

json area_options(const reports::SurveyContext& ctx, const std::string& lang,
                  const std::string& chosen) {
  json out = json::array();
  for (const auto& a : ctx.areas())
    out.push_back({{"value", a},
                   {"label", area_name(ctx.questionnaire, a, lang)},
                   {"selected", a == chosen}});
  return out;
}

json theme_options(const reports::SurveyContext& ctx, const std::string& lang,
                   const std::string& chosen) {
  json out = json::array();
  for (const auto& t : ctx.codebook().themes) {
    out.push_back(
        {{"value", t.id}, {"label", theme_label(ctx, t.id, lang)}, {"selected", t.id == chosen}});
  }
  return out;
}

std::string card_anchor(const std::string& record_id) {
  std::string out = "r-";
  for (char c : record_id) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_';
    out += safe ? c : '_';
  }
  return out;
}

json response_cards(WorkspaceRoutes& r, WorkspaceRequest& w, const reports::SurveyContext& ctx,
                    const std::vector<analysis::SearchHit>& hits, const std::string& back) {
  const std::string& lang = w.lang();
  const bool can_edit = w.session.access().may(app::Permission::edit_analysis);
  const auto& codebook = ctx.codebook();
  const auto& assignment = ctx.themes();
  std::set<std::string> ids;
  for (const auto& h : hits) ids.insert(h.record_id);
  const auto codes = app::standing_codes(r.app(), ctx.survey(), codebook, ids);
  const std::string action = survey_path(ctx.survey(), "recode");
  json cards = json::array();
  for (const auto& h : hits) {
    const auto* tagged = assignment.find(h.record_id);
    const auto coded = codes.find(h.record_id);
    auto code_of = [&](const std::string& theme) -> const app::StandingCode* {
      if (coded == codes.end()) return nullptr;
      for (const auto& c : coded->second) {
        if (c.theme == theme) return &c;
      }
      return nullptr;
    };
    auto by_whom = [&](const app::StandingCode& c) {
      return json{{"by", c.coded_by.empty() ? ws_text(lang, "ws.explorer.someone") : c.coded_by},
                  {"at", time_view(c.coded_at)}};
    };
    json themes = json::array(), addable = json::array(), removed = json::array();
    for (size_t i = 0; i < codebook.themes.size(); ++i) {
      const std::string& id = codebook.themes[i].id;
      const auto* code = code_of(id);
      if (tagged && tagged->has(i)) {
        json t = {{"id", id}, {"label", theme_label(ctx, id, lang)}, {"manual", nullptr}};
        if (code && code->add) t["manual"] = by_whom(*code);
        themes.push_back(t);
      } else {
        addable.push_back({{"value", id}, {"label", theme_label(ctx, id, lang)}});
        if (code && !code->add) {
          json t = by_whom(*code);
          t["label"] = theme_label(ctx, id, lang);
          removed.push_back(t);
        }
      }
    }
    json snippets = json::array();
    for (const auto& s : h.snippets) {
      const auto* q = ctx.questionnaire.find_question(s.question);
      const std::string question =
          q ? questionnaire::localized(q->text, lang, ctx.questionnaire.default_language())
            : s.question;
      snippets.push_back({{"question", question}, {"parts", marked_parts(s.text)}});
    }
    const std::string anchor = card_anchor(h.record_id);
    cards.push_back({{"record_id", h.record_id},
                     {"anchor", anchor},
                     {"heading_id", anchor + "-h"},
                     {"area", area_name(ctx.questionnaire, h.area, lang)},
                     {"lang", h.lang},
                     {"channel", channel_label(lang, h.channel)},
                     {"submitted", time_view(h.submitted_epoch)},
                     {"snippets", snippets},
                     {"themes", themes},
                     {"has_themes", !themes.empty()},
                     {"removed", removed},
                     {"has_removed", !removed.empty()},
                     {"can_edit", can_edit},
                     {"addable", addable},
                     {"has_addable", !addable.empty()},
                     {"action", action},
                     {"back", back}});
  }
  return cards;
}

json paging(const std::string& lang, const std::string& base_href, int64_t page, int64_t pages) {
  if (pages <= 1) return nullptr;
  const std::string sep = base_href.find('?') == std::string::npos ? "?" : "&";
  json p = {{"label", ws_text(lang, "ws.explorer.page",
                              {{"page", std::to_string(page)}, {"pages", std::to_string(pages)}})}};
  if (page > 1) p["previous"] = base_href + sep + "page=" + std::to_string(page - 1);
  if (page < pages) p["next"] = base_href + sep + "page=" + std::to_string(page + 1);
  return p;
}

json theme_table(const reports::SurveyContext& ctx, const std::string& lang,
                 const std::string& path, int64_t suppress_below) {
  const auto total = reports::theme_summary(ctx, std::nullopt);
  std::vector<reports::ThemeSummary> by_area;
  json columns = json::array();
  columns.push_back(
      {{"label", ws_text(lang, "ws.explorer.all_areas")},
       {"texts", ws_text(lang, "ws.explorer.texts_n", {{"n", std::to_string(total.texts)}})},
       {"suppressed", false}});
  for (const auto& area : ctx.areas()) {
    by_area.push_back(reports::theme_summary(ctx, area));
    columns.push_back({{"label", area_name(ctx.questionnaire, area, lang)},
                       {"texts", ws_text(lang, "ws.explorer.texts_n",
                                         {{"n", std::to_string(by_area.back().texts)}})},
                       {"suppressed", by_area.back().texts < suppress_below}});
  }
  auto hidden = [&](const reports::ThemeSummary& s) { return s.area && s.texts < suppress_below; };
  json rows = json::array();
  for (size_t i = 0; i < total.themes.size(); ++i) {
    const std::string& id = total.themes[i].theme;
    const std::string theme_href = path.empty() ? "" : path + "/" + id;
    json cells = json::array(
        {cell_of(total.themes[i].count, total.themes[i].share, theme_href, lang, false)});
    for (const auto& a : by_area) {
      const auto& t = a.themes[i];
      cells.push_back(cell_of(t.count, t.share,
                              path.empty() ? "" : theme_href + "?area=" + url_encode(*a.area), lang,
                              hidden(a)));
    }
    rows.push_back({{"label", theme_label(ctx, id, lang)}, {"href", theme_href}, {"cells", cells}});
  }
  json untagged = json::array();
  auto untagged_cell = [&](const reports::ThemeSummary& s) {
    untagged.push_back(
        cell_of(s.untagged, s.texts ? double(s.untagged) / s.texts : 0, "", lang, hidden(s)));
  };
  untagged_cell(total);
  for (const auto& a : by_area) untagged_cell(a);
  return {
      {"columns", columns}, {"rows", rows}, {"untagged", untagged}, {"has_texts", total.texts > 0}};
}

}  // namespace lyssna::http::explorer
