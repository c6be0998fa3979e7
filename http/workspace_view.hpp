// Template data shared by the workspace's pages (web/templates/ws_*.html):
// language, catalog, stylesheet, who is signed in with the CSRF token of
// their session, the navigation their role opens, the language links.
// Only data is built here; the HTML is in the templates.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/access.hpp"
#include "app/roles.hpp"
#include "app/sessions.hpp"
#include "collector/questionnaire/questionnaire.hpp"

namespace lyssna::http {

// The workspace's languages, default first.
const std::vector<std::string>& workspace_languages();

// Data for every page. `session` may be null (the login page). `path` is
// the page's own path (for the language links and the navigation's
// current item); `title` the page's name in its language.
nlohmann::json workspace_view(const std::string& lang, const std::string& title,
                              const app::Session* session, const std::string& path);
// A catalog text in the workspace's language.
std::string ws_text(const std::string& lang, const std::string& key,
                    const std::map<std::string, std::string>& params = {});
std::string role_label(const std::string& lang, app::Role role);
// An area's name in `lang` (else the survey's default language), or its id
// when it has none or the survey no longer has the area.
std::string area_name(const questionnaire::Questionnaire& q, const std::string& area,
                      const std::string& lang);
// A channel's name ("online" -> "Webb"), or the channel itself when the
// catalog has none.
std::string channel_label(const std::string& lang, const std::string& channel);
// A language's own name ("Svenska", "العربية") from its catalog, or its
// code when Lyssna has no catalog for it (English would stand in otherwise).
std::string language_name(const std::string& code);
// "23.4%" in English, "23,4 %" in Swedish (a no-break space before the sign).
std::string format_percent(const std::string& lang, double fraction, int decimals = 1);
// A number with `decimals` decimals and the language's decimal sign; a
// value that rounds to zero has no minus sign.
std::string format_decimal(const std::string& lang, double value, int decimals);
// {"iso": "2026-03-04T18:22:05Z", "text": "2026-03-04 18:22"} (UTC) for <time>.
nlohmann::json time_view(int64_t epoch_seconds);
// The pages of one survey, as tabs under the heading (ws_survey_nav.html):
// sets v["survey"] = {id, title, tabs: [{href, label, current}]} with the
// tabs `access` may open. `path` is the page's own path.
void add_survey_nav(nlohmann::json& v, const std::string& lang, const app::Access& access,
                    const questionnaire::Questionnaire& survey, const std::string& path);
// "/workspace/surveys/<id>" and the pages under it ("" for the overview).
std::string survey_path(const std::string& survey, const std::string& page = "");
// The message page (ws_message.html) with a heading and text from the catalog.
std::string render_workspace_message(const std::string& lang, const std::string& key,
                                     const app::Session* session);

}  // namespace lyssna::http
