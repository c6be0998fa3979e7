// Workspace page data (see workspace_view.hpp).
#include "http/workspace_view.hpp"

#include <cstdio>

#include "app/access.hpp"
#include "assets/assets.hpp"
#include "render/catalog.hpp"
#include "render/template_engine.hpp"
#include "util/clock.hpp"

namespace lyssna::http {
namespace {

using nlohmann::json;

std::string workspace_asset(const std::string& name) {
  auto a = assets::require("web/static/" + name);
  return "/static/" + a.hash + "/" + name;
}

// workspace.css, then each part's own stylesheet (workspace-<part>.css),
// so that the pages of one part keep their rules in a file of their own.
json workspace_styles() {
  json out = json::array({{{"href", workspace_asset("workspace.css")}}});
  const std::string dir = "web/static/";
  for (const auto& path : assets::list(dir + "workspace-")) {
    const std::string name = path.substr(dir.size());
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".css") == 0)
      out.push_back({{"href", workspace_asset(name)}});
  }
  return out;
}

}  // namespace

const std::vector<std::string>& workspace_languages() {
  static const std::vector<std::string> languages = {"sv", "en"};
  return languages;
}

std::string ws_text(const std::string& lang, const std::string& key,
                    const std::map<std::string, std::string>& params) {
  return render::Catalogs::get().text(lang, key, params);
}

std::string role_label(const std::string& lang, app::Role role) {
  return ws_text(lang, "ws.role." + std::string(app::role_name(role)));
}

std::string area_name(const questionnaire::Questionnaire& q, const std::string& area,
                      const std::string& lang) {
  for (const auto& a : q.areas) {
    if (a.id != area) continue;
    const std::string name = questionnaire::localized(a.label, lang, q.default_language());
    return name.empty() ? area : name;
  }
  return area;
}

std::string channel_label(const std::string& lang, const std::string& channel) {
  const std::string key = "ws.channel." + channel;
  const std::string label = ws_text(lang, key);
  return label == key ? channel : label;
}

std::string language_name(const std::string& code) {
  const auto& catalogs = render::Catalogs::get();
  if (!catalogs.has(code)) return code;
  const std::string name = catalogs.text(code, "lang.name");
  return name.empty() || name == "lang.name" ? code : name;
}

std::string format_decimal(const std::string& lang, double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string s = buf;
  if (s == "-0" || s.rfind("-0.", 0) == 0) {
    // -0.0 after rounding reads as a sign where there is no change
    bool zero = true;
    for (char c : s) zero = zero && (c == '-' || c == '0' || c == '.');
    if (zero) s = s.substr(1);
  }
  if (lang == "sv") {
    for (auto& c : s) c = c == '.' ? ',' : c;
  }
  return s;
}

std::string format_percent(const std::string& lang, double fraction, int decimals) {
  const std::string number = format_decimal(lang, fraction * 100.0, decimals);
  return lang == "sv" ? number + "\u00a0%" : number + "%";
}

json time_view(int64_t epoch_seconds) {
  const std::string iso = clock::format_rfc3339(epoch_seconds);
  return {{"iso", iso}, {"text", iso.substr(0, 10) + " " + iso.substr(11, 5)}};
}

json workspace_view(const std::string& lang, const std::string& title, const app::Session* session,
                    const std::string& path) {
  const auto& catalogs = render::Catalogs::get();
  json v = {{"lang", lang},
            {"title", title},
            {"t", catalogs.for_template(lang)},
            {"styles", workspace_styles()}};
  json languages = json::array();
  for (const auto& l : workspace_languages()) {
    languages.push_back({{"code", l},
                         {"name", catalogs.text(l, "lang.name")},
                         {"current", l == lang},
                         {"href", path + "?lang=" + l}});
  }
  v["languages"] = languages;
  if (!session) return v;
  const app::Access access = session->access();
  v["csrf"] = session->csrf_token();
  v["signed_in"] = {
      {"name", session->staff.name},
      {"signed_in_text", ws_text(lang, "ws.signed_in_as", {{"name", session->staff.name}})},
      {"role_label", role_label(lang, session->staff.role)},
      {"csrf", v["csrf"]}};
  json nav = json::array();
  auto item = [&](const std::string& href, const std::string& key) {
    nav.push_back({{"href", href}, {"label", ws_text(lang, key)}, {"current", path == href}});
  };
  item("/workspace", "ws.nav.home");
  if (access.may(app::Permission::view_results)) {
    item("/workspace/surveys", "ws.nav.surveys");
    item("/workspace/promises", "ws.nav.promises");
  }
  if (access.may(app::Permission::own_dialogues)) item("/workspace/dialogues", "ws.nav.dialogues");
  if (access.may(app::Permission::administer)) {
    item("/workspace/admin/users", "ws.nav.users");
    item("/workspace/admin/audit", "ws.nav.audit");
  }
  v["nav"] = nav;
  v["has_nav"] = nav.size() > 1;
  return v;
}

std::string survey_path(const std::string& survey, const std::string& page) {
  std::string path = "/workspace/surveys/" + survey;
  if (!page.empty()) path += "/" + page;
  return path;
}

void add_survey_nav(json& v, const std::string& lang, const app::Access& access,
                    const questionnaire::Questionnaire& survey, const std::string& path) {
  struct Tab {
    const char* page;
    const char* key;
    app::Permission need;
  };
  // The survey's pages in the order an analyst works through them.
  static const Tab tabs[] = {
      {"", "ws.survey.tab.overview", app::Permission::view_results},
      {"dashboard", "ws.survey.tab.dashboard", app::Permission::view_results},
      {"themes", "ws.survey.tab.themes", app::Permission::view_results},
      {"search", "ws.survey.tab.search", app::Permission::view_free_text},
      {"priorities", "ws.survey.tab.priorities", app::Permission::view_results},
      {"report", "ws.survey.tab.report", app::Permission::view_results},
      {"settings", "ws.survey.tab.settings", app::Permission::administer},
  };
  json list = json::array();
  for (const auto& tab : tabs) {
    if (!access.may(tab.need)) continue;
    const std::string href = survey_path(survey.id, tab.page);
    // A tab stays current on the pages under it (a theme of the explorer).
    const bool current = path == href || (*tab.page && path.rfind(href + "/", 0) == 0);
    list.push_back({{"href", href}, {"label", ws_text(lang, tab.key)}, {"current", current}});
  }
  v["survey"] = {{"id", survey.id},
                 {"title", questionnaire::localized(survey.title, lang, survey.default_language())},
                 {"tabs", list}};
}

std::string render_workspace_message(const std::string& lang, const std::string& key,
                                     const app::Session* session) {
  json v = workspace_view(lang, ws_text(lang, key + "_title"), session, "/workspace");
  v["heading"] = ws_text(lang, key + "_title");
  v["body"] = ws_text(lang, key + "_body");
  return render::get_template("ws_message").render(v);
}

}  // namespace lyssna::http
