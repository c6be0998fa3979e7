// Template data the theme explorer's pages share (web/templates/ws_explorer_*):
// the survey's page frame, names of themes, areas and channels in the
// page's language, and the responses of a search or a theme as cards with
// their marked snippets, their themes (who coded them by hand) and, for
// those who may recode, the forms that add or remove a theme.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/index/search.hpp"
#include "http/workspace_guard.hpp"
#include "reports/survey_context.hpp"

namespace lyssna::http::explorer {

// workspace_view + the survey's tabs, for the page at `path`.
nlohmann::json page_view(WorkspaceRequest& w, const reports::SurveyContext& ctx,
                         const std::string& path, const std::string& title);

std::string theme_label(const reports::SurveyContext& ctx, const std::string& theme,
                        const std::string& lang);
// [{value, label, selected}] of the survey's areas, `chosen` selected.
nlohmann::json area_options(const reports::SurveyContext& ctx, const std::string& lang,
                            const std::string& chosen);
// The same for the codebook's themes.
nlohmann::json theme_options(const reports::SurveyContext& ctx, const std::string& lang,
                             const std::string& chosen);

// The themes-by-area table (reports::theme_summary for the whole survey and
// each area): {columns: [{label, texts, suppressed}], rows: [{label, href,
// cells: [{count, share, heat, href, suppressed}]}], untagged: [cells],
// has_texts}. Links to the themes' pages under `path` ("": no links). An
// area with fewer than `suppress_below` texts shows no figures (the
// dashboard's small-number rule; 0 shows every area).
nlohmann::json theme_table(const reports::SurveyContext& ctx, const std::string& lang,
                           const std::string& path, int64_t suppress_below = 0);

// Cards of `hits` (ws_explorer_response.html). `back` is the page to come
// back to after recoding (a path under the survey's, with its query).
nlohmann::json response_cards(WorkspaceRoutes& r, WorkspaceRequest& w,
                              const reports::SurveyContext& ctx,
                              const std::vector<analysis::SearchHit>& hits,
                              const std::string& back);

// The element id of a response's card (its record id, made safe for an id).
std::string card_anchor(const std::string& record_id);

// {"label", "previous", "next"} links for page `page` of `pages`, or null.
nlohmann::json paging(const std::string& lang, const std::string& base_href, int64_t page,
                      int64_t pages);

}  // namespace lyssna::http::explorer
