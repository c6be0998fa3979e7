// Template data of a survey's overview and dashboard pages
// (web/templates/ws_dashboard*.html): the figures of app/survey_dashboard
// put into words and chart geometry (render/svg_chart) in the workspace's
// language. Only data is built here; nothing is computed but layout.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/survey_dashboard.hpp"

namespace lyssna::http {

// An indicator's name: the catalog's for the standard ones, else the wording
// of its question (victimisation, problem items), else its theme's name.
std::string indicator_label(const std::string& lang, const questionnaire::Questionnaire& q,
                            const analysis::Codebook& codebook, const std::string& id);

// Adds the overview's figures to `v` (a workspace_view).
void add_overview_view(nlohmann::json& v, const std::string& lang, const app::SurveyOverview& o);
// Adds the dashboard's figures to `v` (a workspace_view).
void add_dashboard_view(nlohmann::json& v, const std::string& lang, const app::SurveyDashboard& d);
// Adds the dashboard's indicator part alone (weighting, the summary table,
// each indicator's chart and table, the problem index, the trend): what
// the annual report prints of it. Each figure shows the `groupings` named
// ("total", "area", ...; empty: every one, as the dashboard).
void add_indicators_view(nlohmann::json& v, const std::string& lang, const app::SurveyDashboard& d,
                         const std::vector<std::string>& groupings = {});

}  // namespace lyssna::http
