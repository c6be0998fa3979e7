// Overview and dashboard template data (see workspace_dashboard_view.hpp).
#include "http/workspace_dashboard_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "http/workspace_view.hpp"
#include "render/catalog.hpp"
#include "render/svg_chart.hpp"
#include "util/clock.hpp"

namespace lyssna::http {
// Named, not anonymous: the route files are compiled as one unity file.
namespace dashboard_view {

using nlohmann::json;

// A catalog text, or `fallback` when the catalog has no such key.
std::string text_or(const std::string& lang, const std::string& key, const std::string& fallback) {
  const std::string t = ws_text(lang, key);
  return t == key ? fallback : t;
}

std::string localized(const questionnaire::LocalizedText& text, const std::string& lang,
                      const questionnaire::Questionnaire& q) {
  return questionnaire::localized(text, lang, q.default_language());
}

std::string area_label(const std::string& lang, const questionnaire::Questionnaire& q,
                       const std::string& id) {
  return id.empty() ? ws_text(lang, "ws.dashboard.no_area") : area_name(q, id, lang);
}

std::string option_label(const std::string& lang, const questionnaire::Questionnaire& q,
                         const std::string& question, const std::string& option) {
  if (question == "area") return area_label(lang, q, option);
  if (const auto* qu = q.find_question(question)) {
    if (const auto* o = qu->find_option(option)) {
      const std::string label = localized(o->label, lang, q);
      if (!label.empty()) return label;
    }
  }
  return option;
}

std::string day_text(int64_t epoch) {
  return clock::format_date(epoch);
}

std::string count_text(int64_t n) {
  return std::to_string(n);
}

std::string interval_text(const std::string& lang, const analysis::Interval& ci) {
  return format_percent(lang, ci.low) + "–" + format_percent(lang, ci.high);
}

// One share in words and as a chart row, with its flags.
struct ShareWords {
  std::string value, interval, note;
};
ShareWords share_words(const std::string& lang, const analysis::Share& s,
                       const analysis::SmallNumbers& small) {
  ShareWords w;
  if (s.suppressed || !s.value) {
    w.value = ws_text(lang, "ws.dashboard.suppressed");
    w.note = ws_text(lang, "ws.dashboard.suppressed_note",
                     {{"n", std::to_string(small.suppress_below)}});
    return w;
  }
  w.value = format_percent(lang, *s.value);
  if (s.ci) w.interval = interval_text(lang, *s.ci);
  if (s.uncertain)
    w.note = ws_text(lang, "ws.dashboard.uncertain_note",
                     {{"n", std::to_string(small.uncertain_below)}});
  return w;
}

render::BarRow share_row(const std::string& lang, const std::string& label,
                         const analysis::Share& s, const analysis::SmallNumbers& small) {
  render::BarRow row;
  row.label = label;
  const ShareWords w = share_words(lang, s, small);
  if (s.suppressed || !s.value) {
    row.value_text = w.value;
    return row;
  }
  row.value = *s.value;
  if (s.ci) {
    row.low = s.ci->low;
    row.high = s.ci->high;
  }
  row.flagged = s.uncertain;
  // The interval and n are in the table under the chart; the row says the share.
  row.value_text = w.value + (s.uncertain ? " · " + ws_text(lang, "ws.dashboard.uncertain") : "");
  return row;
}

render::BarChartScale share_scale(const std::string& lang,
                                  const std::vector<render::BarRow>& rows) {
  render::BarChartScale scale;
  scale.max = render::share_scale_max(rows);
  scale.ticks = render::share_ticks(scale.max);
  scale.tick_label = [lang](double v) { return format_percent(lang, v, 0); };
  return scale;
}

// Counters that give every chart and table of a page its own ids.
struct Ids {
  int next = 0;
  std::string make(const std::string& prefix) { return prefix + "-" + std::to_string(++next); }
};

json table_row(const std::string& label, const analysis::Share& s, const std::string& lang,
               const analysis::SmallNumbers& small) {
  const ShareWords w = share_words(lang, s, small);
  return {{"label", label},
          {"value", w.value},
          {"interval", w.interval},
          {"n", count_text(s.n)},
          {"note", w.note},
          {"suppressed", s.suppressed || !s.value},
          {"uncertain", s.uncertain && !s.suppressed}};
}

// The groups of one grouping ("area", ...) of the report, narrowed to `area` for "area".
std::vector<const analysis::IndicatorGroup*> groups_of(const reports::IndicatorReport& r,
                                                       const std::string& by,
                                                       const std::optional<std::string>& area) {
  std::vector<const analysis::IndicatorGroup*> out;
  for (const auto& g : r.groups) {
    if (g.by != by) continue;
    if (by == "area" && area && g.value != *area) continue;
    out.push_back(&g);
  }
  return out;
}

const analysis::Share* share_in(const analysis::IndicatorGroup& g, const std::string& indicator) {
  for (const auto& v : g.values) {
    if (v.indicator == indicator) return &v.share;
  }
  return nullptr;
}

// Whether an indicator's figure shows the grouping ("total", "area", ...):
// every one, or those `shown` names.
bool shows(const std::vector<std::string>& shown, const std::string& by) {
  return shown.empty() || std::find(shown.begin(), shown.end(), by) != shown.end();
}

// One indicator's chart (total, then each grouping shown) and its table.
json indicator_section(const std::string& lang, const app::SurveyDashboard& d,
                       const analysis::IndicatorDefinition& def, Ids& ids,
                       const std::vector<std::string>& shown) {
  const auto& q = *d.survey;
  std::vector<render::BarRow> rows;
  json tables = json::array();
  for (const auto& by : d.indicators.groupings) {
    if (!shows(shown, by)) continue;
    // Narrowed to an area: everyone and the area from the whole survey, the
    // other breakdowns within the area.
    const bool within = d.area_indicators && by != "total" && by != "area";
    const auto groups = groups_of(within ? *d.area_indicators : d.indicators, by, d.area);
    if (groups.empty()) continue;
    const std::string heading = ws_text(lang, "ws.dashboard.by." + by);
    render::BarRow head;
    head.heading = true;
    head.label = heading;
    rows.push_back(head);
    json body = json::array();
    for (const auto* g : groups) {
      const analysis::Share* s = share_in(*g, def.id);
      if (!s) continue;
      const std::string label = by == "total" ? ws_text(lang, "ws.dashboard.everyone")
                                              : option_label(lang, q, by, g->value);
      rows.push_back(share_row(lang, label, *s, d.indicators.small));
      body.push_back(table_row(label, *s, lang, d.indicators.small));
    }
    tables.push_back({{"heading", heading}, {"rows", body}});
  }
  const std::string label = indicator_label(lang, q, d.codebook, def.id);
  const std::string id = ids.make("indicator");
  return {{"id", id},
          {"label", label},
          {"chart", render::bar_chart(rows, share_scale(lang, rows))},
          {"chart_label", ws_text(lang, "ws.dashboard.chart_label", {{"name", label}})},
          {"groups", tables}};
}

// Every indicator for everyone and per area in one table, the page's summary
// (each indicator's full figure, with age groups and genders, is folded
// below it): `sections` are indicator_section's, for their ids and labels.
json glance_section(const std::string& lang, const app::SurveyDashboard& d, const json& sections) {
  const auto& q = *d.survey;
  std::vector<const analysis::IndicatorGroup*> columns = groups_of(d.indicators, "total", {});
  for (const auto* g : groups_of(d.indicators, "area", d.area)) columns.push_back(g);
  json heads = json::array();
  for (const auto* g : columns)
    heads.push_back(g->by == "total" ? ws_text(lang, "ws.dashboard.everyone")
                                     : area_label(lang, q, g->value));
  json rows = json::array();
  for (std::size_t i = 0; i < d.indicators.definitions.size() && i < sections.size(); ++i) {
    json cells = json::array();
    for (const auto* g : columns) {
      const analysis::Share* s = share_in(*g, d.indicators.definitions[i].id);
      if (!s) {
        cells.push_back({{"value", ""}, {"suppressed", false}, {"uncertain", false}});
        continue;
      }
      cells.push_back(table_row("", *s, lang, d.indicators.small));  // as the figures' tables
    }
    rows.push_back({{"id", sections[i]["id"]}, {"label", sections[i]["label"]}, {"cells", cells}});
  }
  return {{"heads", heads},
          {"rows", rows},
          {"note", ws_text(lang, "ws.dashboard.glance_note",
                           {{"n", std::to_string(d.indicators.small.uncertain_below)}})}};
}

json problem_index_section(const std::string& lang, const app::SurveyDashboard& d) {
  const auto& q = *d.survey;
  std::vector<render::BarRow> rows;
  json table = json::array();
  for (const auto& a : d.indicators.problem_index) {
    if (d.area && a.area != *d.area) continue;
    const std::string label = area_label(lang, q, a.area);
    render::BarRow row;
    row.label = label;
    json entry = {{"area", label}, {"respondents", count_text(a.respondents)}};
    if (a.index) {
      std::string level_key = a.label;
      for (auto& c : level_key) c = c == ' ' ? '_' : c;
      const std::string level_text = ws_text(lang, "ws.dashboard.level." + level_key);
      row.value = *a.index;
      row.value_text = format_decimal(lang, *a.index, 1) + " · " + level_text;
      entry["index"] = format_decimal(lang, *a.index, 1);
      entry["level"] = level_text;
      entry["level_class"] = level_key;
    } else {
      row.value_text = ws_text(lang, "ws.dashboard.no_index");
      entry["index"] = ws_text(lang, "ws.dashboard.no_index");
      entry["level"] = "";
      entry["none"] = true;
    }
    rows.push_back(row);
    table.push_back(entry);
  }
  render::BarChartScale scale;
  scale.max = 6;
  scale.ticks = 6;
  scale.tick_label = [lang](double v) { return format_decimal(lang, v, 0); };
  return {{"chart", render::bar_chart(rows, scale)},
          {"chart_label", ws_text(lang, "ws.dashboard.chart_label",
                                  {{"name", ws_text(lang, "ws.dashboard.problem_index_heading")}})},
          {"rows", table},
          {"has_rows", !table.empty()},
          {"min_respondents", "100"}};
}

// Which series of the timeline a chart shows, and how their keys read.
json timeline_chart(const std::string& lang, const reports::ResponseTimeline& t,
                    const std::vector<reports::TimelineSeries>& series, const std::string& title,
                    const std::function<std::string(const std::string&)>& label_of, Ids& ids) {
  std::vector<render::ColumnSeries> columns;
  json heads = json::array();
  for (const auto& s : series) {
    columns.push_back({label_of(s.key), s.counts});
    heads.push_back({{"label", label_of(s.key)}, {"total", count_text(s.total)}});
  }
  std::vector<std::string> buckets;
  for (int64_t start : t.starts) buckets.push_back(day_text(start));
  json rows = json::array();
  for (size_t i = 0; i < buckets.size(); ++i) {
    json cells = json::array();
    for (const auto& s : series) cells.push_back(count_text(s.counts[i]));
    rows.push_back({{"bucket", buckets[i]}, {"cells", cells}, {"total", count_text(t.totals[i])}});
  }
  const std::string id = ids.make("timeline");
  return {{"id", id},
          {"title", title},
          {"chart", render::stacked_columns(columns, buckets)},
          {"chart_label", ws_text(lang, "ws.dashboard.chart_label", {{"name", title}})},
          {"heads", heads},
          {"rows", rows},
          {"total", count_text(t.total)}};
}

json trend_section(const std::string& lang, const app::SurveyDashboard& d) {
  json out = json::object();
  if (!d.trend) return out;
  const auto& t = *d.trend;
  const auto& q = *d.survey;
  out["earlier_title"] = localized(t.earlier->title, lang, *t.earlier);
  out["earlier_id"] = t.earlier->id;
  out["weighted"] = t.weighted;
  out["note"] =
      ws_text(lang, t.weighted ? "ws.dashboard.trend_weighted" : "ws.dashboard.trend_unweighted");
  json rows = json::array();
  for (const auto& r : t.report.indicators) {
    const analysis::SmallNumbers small;  // trend_report's rules: the defaults
    const ShareWords earlier = share_words(lang, r.earlier, small),
                     later = share_words(lang, r.later, small);
    json row = {{"label", indicator_label(lang, q, d.codebook, r.indicator)},
                {"earlier", earlier.value},
                {"later", later.value},
                {"significant", r.change.significant}};
    if (r.change.difference) {
      const double points = *r.change.difference * 100.0;
      row["change"] = ws_text(lang, "ws.dashboard.points",
                              {{"points", (points > 0   ? "+"
                                           : points < 0 ? "−"
                                                        : "") +
                                              format_decimal(lang, std::fabs(points), 1)}});
    } else {
      row["change"] = "–";
    }
    if (r.change.ci) {
      auto signed_points = [&](double v) {
        const double p = v * 100.0;
        return (p < 0 ? "−" : "") + format_decimal(lang, std::fabs(p), 1);
      };
      row["interval"] = signed_points(r.change.ci->low) + " … " + signed_points(r.change.ci->high);
    } else {
      row["interval"] = "";
    }
    std::string verdict = r.change.verdict;
    for (auto& c : verdict) c = c == ' ' ? '_' : c;
    row["verdict"] = text_or(lang, "ws.dashboard.verdict." + verdict, r.change.verdict);
    row["verdict_class"] = verdict;
    rows.push_back(row);
  }
  out["rows"] = rows;
  return out;
}

// The weighting, every indicator (the summary table and each one's chart
// and table), the problem index and the change from the previous survey.
void add_indicators(json& v, const std::string& lang, const app::SurveyDashboard& d, Ids& ids,
                    const std::vector<std::string>& shown = {}) {
  const auto& q = *d.survey;
  if (d.margins) {
    v["weighting"] = {
        {"weighted", true},
        {"text", ws_text(lang, "ws.dashboard.weighted",
                         {{"time", time_view(d.margins->updated_at)["text"].get<std::string>()},
                          {"name", d.margins->updated_by}})}};
  } else {
    v["weighting"] = {{"weighted", false}, {"text", ws_text(lang, "ws.dashboard.unweighted")}};
  }
  json indicators = json::array();
  for (const auto& def : d.indicators.definitions)
    indicators.push_back(indicator_section(lang, d, def, ids, shown));
  v["glance"] = glance_section(lang, d, indicators);
  v["indicators"] = indicators;
  v["small_text"] = ws_text(lang, "ws.dashboard.small_rules",
                            {{"suppress", std::to_string(d.indicators.small.suppress_below)},
                             {"uncertain", std::to_string(d.indicators.small.uncertain_below)}});
  if (d.area)
    v["breakdown_note"] =
        ws_text(lang, "ws.dashboard.breakdown_area", {{"area", area_label(lang, q, *d.area)}});
  v["problem_index"] = problem_index_section(lang, d);
  v["trend"] = trend_section(lang, d);
  v["has_trend"] = d.trend.has_value();
}

}  // namespace dashboard_view

using nlohmann::json;

std::string indicator_label(const std::string& lang, const questionnaire::Questionnaire& q,
                            const analysis::Codebook& codebook, const std::string& id) {
  const std::string key = "ws.dashboard.indicator." + id;
  const std::string t = ws_text(lang, key);
  if (t != key) return t;
  if (const auto* qu = q.find_question(id)) {
    const std::string text = questionnaire::localized(qu->text, lang, q.default_language());
    if (!text.empty()) return text;
  }
  for (const char* prefix : {"theme_", "mentions_"}) {
    const std::string p = prefix;
    if (id.rfind(p, 0) != 0) continue;
    const std::string theme = id.substr(p.size());
    std::string name = theme;
    if (const auto* th = codebook.find(theme)) {
      for (const std::string& l : {lang, q.default_language(), std::string("en")}) {
        auto it = th->label.find(l);
        if (it != th->label.end() && !it->second.empty()) {
          name = it->second;
          break;
        }
      }
    }
    return ws_text(lang, "ws.dashboard.indicator_" + p.substr(0, p.size() - 1), {{"theme", name}});
  }
  return id;
}

void add_overview_view(nlohmann::json& v, const std::string& lang, const app::SurveyOverview& o) {
  namespace dv = dashboard_view;
  const auto& q = *o.survey;
  const auto& t = o.responses;
  const std::string& status = o.status;
  v["status"] = {{"class", status}, {"label", ws_text(lang, "ws.dashboard.status." + status)}};
  v["opens"] = q.opens_at ? dv::day_text(*q.opens_at) : ws_text(lang, "ws.dashboard.no_date");
  v["closes"] = q.closes_at ? dv::day_text(*q.closes_at) : ws_text(lang, "ws.dashboard.no_date");
  v["dashboard_href"] = survey_path(q.id, "dashboard");
  v["total"] = dv::count_text(t.total);
  v["total_text"] =
      ws_text(lang, "ws.dashboard.responses_total", {{"count", dv::count_text(t.total)}});
  auto table = [&](const std::vector<reports::TimelineSeries>& series,
                   const std::function<std::string(const std::string&)>& label_of) {
    json rows = json::array();
    for (const auto& s : series) {
      rows.push_back({{"label", label_of(s.key)},
                      {"count", dv::count_text(s.total)},
                      {"share", t.total > 0 ? format_percent(lang, static_cast<double>(s.total) /
                                                                       static_cast<double>(t.total))
                                            : "–"}});
    }
    return rows;
  };
  v["by_channel"] = table(t.channels, [&](const std::string& k) { return channel_label(lang, k); });
  v["by_language"] = table(t.languages, [&](const std::string& k) { return language_name(k); });
  v["by_area"] = table(t.areas, [&](const std::string& k) { return dv::area_label(lang, q, k); });
  if (!t.starts.empty()) {
    v["first_day"] = dv::day_text(t.starts.front());
    v["span_text"] = ws_text(
        lang, "ws.dashboard.span",
        {{"first", dv::day_text(t.starts.front())}, {"last", dv::day_text(t.starts.back())}});
  }
}

void add_dashboard_view(nlohmann::json& v, const std::string& lang, const app::SurveyDashboard& d) {
  namespace dv = dashboard_view;
  const auto& q = *d.survey;
  dv::Ids ids;
  // The area filter.
  json areas = json::array(
      {{{"value", ""}, {"label", ws_text(lang, "ws.dashboard.all_areas")}, {"selected", !d.area}}});
  for (const auto& a : q.areas) {
    areas.push_back({{"value", a.id},
                     {"label", dv::area_label(lang, q, a.id)},
                     {"selected", d.area && *d.area == a.id}});
  }
  v["areas"] = areas;
  v["action"] = survey_path(q.id, "dashboard");
  if (d.area) {
    v["area"] = {{"id", *d.area}, {"label", dv::area_label(lang, q, *d.area)}};
    v["area_text"] =
        ws_text(lang, "ws.dashboard.narrowed", {{"area", dv::area_label(lang, q, *d.area)}});
  }
  // Responses over time.
  const auto& t = d.timeline;
  json timelines = json::array();
  if (t.total > 0) {
    timelines.push_back(dv::timeline_chart(
        lang, t, t.channels, ws_text(lang, "ws.dashboard.timeline_channel"),
        [&](const std::string& k) { return channel_label(lang, k); }, ids));
    timelines.push_back(dv::timeline_chart(
        lang, t, t.languages, ws_text(lang, "ws.dashboard.timeline_language"),
        [&](const std::string& k) { return language_name(k); }, ids));
    if (!d.area) {
      timelines.push_back(dv::timeline_chart(
          lang, t, t.areas, ws_text(lang, "ws.dashboard.timeline_area"),
          [&](const std::string& k) { return dv::area_label(lang, q, k); }, ids));
    }
  }
  v["timelines"] = timelines;
  v["timeline_text"] =
      ws_text(lang, t.bucket == "week" ? "ws.dashboard.per_week" : "ws.dashboard.per_day",
              {{"count", dv::count_text(t.total)}});
  v["has_responses"] = t.total > 0;
  dv::add_indicators(v, lang, d, ids);
}

void add_indicators_view(nlohmann::json& v, const std::string& lang, const app::SurveyDashboard& d,
                         const std::vector<std::string>& groupings) {
  dashboard_view::Ids ids;
  dashboard_view::add_indicators(v, lang, d, ids, groupings);
}

}  // namespace lyssna::http
