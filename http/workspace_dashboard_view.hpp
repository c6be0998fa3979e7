// Template data of a survey's overview and dashboard pages
// (web/templates/ws_dashboard*.html): the figures of app/survey_dashboard
// put into words and chart geometry (render/svg_chart) in the workspace's
// language. Only data is built here; nothing is computed but layout.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "app/survey_dashboard.hpp"

namespace lyssna::http {

// Adds the overview's figures to `v` (a workspace_view).
void add_overview_view(nlohmann::json& v, const std::string& lang, const app::SurveyOverview& o);
// Adds the dashboard's figures to `v` (a workspace_view).
void add_dashboard_view(nlohmann::json& v, const std::string& lang, const app::SurveyDashboard& d);

// "23.4%" in English, "23,4 %" in Swedish.
std::string format_percent(const std::string& lang, double fraction, int decimals = 1);
// A number with `decimals` decimals and the language's decimal sign.
std::string format_decimal(const std::string& lang, double value, int decimals);

}  // namespace lyssna::http
