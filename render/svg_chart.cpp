// Chart geometry (see svg_chart.hpp).
#include "render/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace lyssna::render {
// Named, not anonymous: the library is compiled as one unity file.
namespace svg_chart_layout {

// Bar charts: a text line, then the bar under it; pixels.
constexpr int top_pad = 4, text_line = 18, bar_height = 14, row_gap = 10;
constexpr int heading_line = 22, heading_gap = 8;
constexpr int axis_gap = 4, tick_text = 16, bottom_pad = 4;
constexpr int cap_overhang = 3;
// Column charts.
constexpr int column_top = 18, column_plot = 150, column_labels = 20;

// The most characters of a label and its value that share one line: at
// 360 px a chart is about 300 px wide, some 36 characters of its font.
constexpr size_t one_line_characters = 34;

double clamp01(double v) {
  return std::clamp(v, 0.0, 1.0);
}

size_t code_points(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace svg_chart_layout

std::string percent(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", std::round(fraction * 10000.0) / 100.0);
  return buf;
}

int64_t nice_ceiling(int64_t value) {
  if (value <= 1) return 1;
  for (int64_t magnitude = 1;; magnitude *= 10) {
    for (int64_t m : {1, 2, 5}) {
      if (m * magnitude >= value) return m * magnitude;
    }
  }
}

double share_scale_max(const std::vector<BarRow>& rows) {
  double top = 0;
  for (const auto& r : rows) {
    if (r.value) top = std::max(top, *r.value);
    if (r.value && r.high) top = std::max(top, *r.high);
  }
  const double tenths = std::ceil(top * 10.0 - 1e-9);
  return std::clamp(tenths, 1.0, 10.0) / 10.0;
}

int share_ticks(double max) {
  const int tenths = std::clamp(static_cast<int>(std::lround(max * 10.0)), 1, 10);
  if (tenths <= 5) return tenths;
  if (tenths % 2 == 0) return tenths / 2;
  if (tenths % 3 == 0) return tenths / 3;
  return tenths;
}

nlohmann::json bar_chart(const std::vector<BarRow>& rows, const BarChartScale& scale) {
  namespace L = svg_chart_layout;
  using nlohmann::json;
  const double max = scale.max > 0 ? scale.max : 1;
  json out_rows = json::array();
  int y = L::top_pad;
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    json row = {{"label", r.label},
                {"value_text", r.value_text},
                {"heading", r.heading},
                {"flagged", r.flagged && !r.heading}};
    if (r.heading) {
      if (i > 0) y += L::heading_gap;
      row["text_y"] = y + 15;
      y += L::heading_line;
      out_rows.push_back(row);
      continue;
    }
    row["text_y"] = y + 14;
    // A long label puts its value on a line of its own rather than past the edge.
    if (L::code_points(r.label) + 1 + L::code_points(r.value_text) > L::one_line_characters) {
      y += L::text_line;
      row["value_y"] = y + 14;
    }
    const int bar_y = y + L::text_line;
    if (r.value) {
      row["bar"] = {
          {"y", bar_y}, {"height", L::bar_height}, {"width", percent(L::clamp01(*r.value / max))}};
      if (r.low && r.high) {
        row["error"] = {{"x1", percent(L::clamp01(*r.low / max))},
                        {"x2", percent(L::clamp01(*r.high / max))},
                        {"y", bar_y + L::bar_height / 2},
                        {"cap_top", bar_y - L::cap_overhang},
                        {"cap_bottom", bar_y + L::bar_height + L::cap_overhang}};
      }
    }
    y = bar_y + L::bar_height + L::row_gap;
    out_rows.push_back(row);
  }
  const int plot_bottom = y - L::row_gap + L::axis_gap;
  json ticks = json::array();
  const int count = std::max(1, scale.ticks);
  for (int t = 0; t <= count; ++t) {
    const double fraction = static_cast<double>(t) / count;
    ticks.push_back({{"x", percent(fraction)},
                     {"anchor", t == 0       ? "start"
                                : t == count ? "end"
                                             : "middle"},
                     {"label", scale.tick_label ? scale.tick_label(fraction * max) : ""}});
  }
  return {{"rows", out_rows},
          {"ticks", ticks},
          {"plot_top", 0},
          {"plot_bottom", plot_bottom},
          {"tick_y", plot_bottom + L::tick_text - 2},
          {"height", plot_bottom + L::tick_text + L::bottom_pad}};
}

nlohmann::json stacked_columns(const std::vector<ColumnSeries>& series,
                               const std::vector<std::string>& bucket_labels) {
  namespace L = svg_chart_layout;
  using nlohmann::json;
  const size_t n = bucket_labels.size();
  std::vector<int64_t> totals(n, 0);
  for (const auto& s : series) {
    for (size_t i = 0; i < n && i < s.counts.size(); ++i) totals[i] += s.counts[i];
  }
  const int64_t top =
      nice_ceiling(totals.empty() ? 1 : *std::max_element(totals.begin(), totals.end()));
  const int plot_top = L::column_top, plot_bottom = L::column_top + L::column_plot;
  auto y_of = [&](int64_t count) {
    return plot_bottom - static_cast<double>(count) / static_cast<double>(top) * L::column_plot;
  };
  auto px = [](double v) { return std::round(v * 100.0) / 100.0; };
  json columns = json::array();
  const double slot = n ? 1.0 / static_cast<double>(n) : 1.0;
  for (size_t i = 0; i < n; ++i) {
    json segments = json::array();
    int64_t below = 0;
    for (size_t k = 0; k < series.size(); ++k) {
      const int64_t c = i < series[k].counts.size() ? series[k].counts[i] : 0;
      if (c <= 0) continue;
      const double y1 = y_of(below + c), y0 = y_of(below);
      segments.push_back({{"y", px(y1)}, {"height", px(y0 - y1)}, {"series", k % colour_classes}});
      below += c;
    }
    columns.push_back({{"x", percent(slot * (static_cast<double>(i) + 0.1))},
                       {"width", percent(slot * 0.8)},
                       {"total", totals[i]},
                       {"segments", segments}});
  }
  json y_ticks = json::array();
  // No label at 0: the axis says it, and the first column would cover it.
  for (int64_t v : {top / 2, top}) {
    if (v == top / 2 && (top % 2 != 0 || top < 2)) continue;
    y_ticks.push_back({{"y", px(y_of(v))}, {"label", std::to_string(v)}});
  }
  // The first, the middle and the last bucket: three dates fit at 360 px.
  json x_labels = json::array();
  std::vector<size_t> shown;
  if (n > 0) shown.push_back(0);
  if (n > 2) shown.push_back(n / 2);
  if (n > 1) shown.push_back(n - 1);
  for (size_t i : shown) {
    const std::string anchor = i == 0 ? "start" : i == n - 1 ? "end" : "middle";
    const double x = anchor == "start" ? slot * i : anchor == "end" ? 1.0 : slot * (i + 0.5);
    x_labels.push_back({{"x", percent(x)}, {"anchor", anchor}, {"label", bucket_labels[i]}});
  }
  json legend = json::array();
  for (size_t k = 0; k < series.size(); ++k)
    legend.push_back({{"label", series[k].label}, {"series", k % colour_classes}});
  return {{"columns", columns},
          {"y_ticks", y_ticks},
          {"x_labels", x_labels},
          {"legend", legend},
          {"plot_top", plot_top},
          {"plot_bottom", plot_bottom},
          {"label_y", plot_bottom + L::column_labels - 4},
          {"height", plot_bottom + L::column_labels + 2}};
}

}  // namespace lyssna::render
