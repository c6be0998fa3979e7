// The geometry of the workspace's server-rendered SVG charts, as template
// data (web/templates/ws_dashboard_chart_*.html draws it; every text is
// escaped there). Horizontal positions are percentages of the chart's
// width and vertical ones pixels, so that a chart fills any width from
// 360 px up while its text keeps its size: nothing is scaled down to an
// unreadable font. Pure functions.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace lyssna::render {

// One row of a bar chart: a line of text (its label and value), and under
// it the bar with its interval as an error bar.
struct BarRow {
  std::string label;
  std::string value_text;           // what the row says of its value ("23 % (19–28)")
  std::optional<double> value;      // none: no bar (a suppressed cell)
  std::optional<double> low, high;  // the 95% interval, drawn when both are given
  bool flagged = false;             // drawn dashed and marked: uncertain
  bool heading = false;             // a group's title: text only, set apart
};

struct BarChartScale {
  double max = 1;  // the value at the right edge (values are clamped to 0..max)
  int ticks = 4;   // gridlines after 0
  std::function<std::string(double)> tick_label;
};

// A row's label and value share a line unless they are long together: the
// value has a line of its own then (value_y).
// {height, rows: [{label, value_text, heading, flagged, text_y, value_y?, bar: {y,
// height, width}, error: {x1, x2, y, cap_top, cap_bottom}}], ticks: [{x,
// anchor, label}], axis_y, plot_top, plot_bottom}; widths and x as "12.5%".
nlohmann::json bar_chart(const std::vector<BarRow>& rows, const BarChartScale& scale);

// The right edge for shares: the smallest tenth (0.1, 0.2, ... 1) at or
// above every value and interval end of `rows`; 0.1 for none.
double share_scale_max(const std::vector<BarRow>& rows);
// Gridlines for a share scale ending at `max` (a tenth) on round steps:
// 10, 20 or 30 points apart, at most 5 of them past 0 (7 for 0.7).
int share_ticks(double max);

// Columns of counts per bucket (a time line), stacked by series.
struct ColumnSeries {
  std::string label;
  std::vector<int64_t> counts;  // per bucket
};

// {height, plot_top, plot_bottom, columns: [{x, width, total, segments: [{y,
// height, series}]}], y_ticks: [{y, label}], x_labels: [{x, anchor, label}],
// legend: [{label, series}]}; `series` is the index of a colour class
// (0..colour_classes-1). `bucket_labels` name each bucket; the axis shows
// the first, the last and a few between.
inline constexpr size_t colour_classes = 8;
nlohmann::json stacked_columns(const std::vector<ColumnSeries>& series,
                               const std::vector<std::string>& bucket_labels);

// The smallest of 1, 2, 5 × 10^k at or above `value` (at least 1).
int64_t nice_ceiling(int64_t value);
// "12.5%": a percentage for SVG attributes, rounded to 0.01.
std::string percent(double fraction);

}  // namespace lyssna::render
