// Template data of the workspace's promise pages
// (web/templates/ws_promise*.html, http/workspace_promise_routes.cpp): a
// promise with its focus areas, the evidence behind each, activities,
// follow-ups and evaluation, in the workspace's language, with the forms an
// editor gets in each status. Only data is built here; the rules are
// app/promise.hpp's.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "app/promise.hpp"
#include "app/promise_table.hpp"
#include "http/workspace_guard.hpp"

namespace lyssna::http::promise_view {

// What a page shows besides the promise: a notice after a change, or the
// problems of a refused form with what was sent, so the form comes back
// as the analyst typed it.
struct PageState {
  std::string notice;  // a catalog key
  nlohmann::json problems;
  std::string form;  // the id of the form that was refused
  std::multimap<std::string, std::string> sent;
};

// A follow-up indicator in words as the promise page says it (the names of
// the survey's indicators and areas, of the survey the promise comes from),
// for the agreement's table.
app::IndicatorWords indicator_words(app::Services& services, const app::Promise& promise);

// "/workspace/promises/<id>".
std::string promise_path(int64_t id);

// A text in `lang`, else in Swedish: {"text", "lang", "fallback"}.
nlohmann::json text_view(const app::Texts& texts, const std::string& lang);

// The whole promise page's data (beside workspace_view's).
void add_promise_view(nlohmann::json& v, WorkspaceRoutes& r, WorkspaceRequest& w,
                      const app::Promise& promise, const PageState& state);

// Done against planned per activity in a reporting period (the quarter,
// tertial or year view).
void add_progress_view(nlohmann::json& v, WorkspaceRoutes& r, const std::string& lang,
                       const app::Promise& promise, const app::ReportingPeriod& period);

// The promise as the annual results report prints it: add_progress_view's
// focus areas and activities done against planned in `period`, with the
// promise's title, status, period and signatories, each focus area's
// figures (without the quoted records' ids) and each activity's
// responsible parties, frequency and follow-up indicator. No resident's
// words, internal note or staff name.
void add_promise_summary(nlohmann::json& v, WorkspaceRoutes& r, const std::string& lang,
                         const app::Promise& promise, const app::ReportingPeriod& period);

}  // namespace lyssna::http::promise_view
