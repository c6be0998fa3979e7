// Unit tests of the dashboard's parts: the SVG chart geometry, the response
// time line, which survey is the previous one, and how shares are written.
#include <catch2/catch.hpp>

#include "app/previous_survey.hpp"
#include "collector/questionnaire/standard_template.hpp"
#include "http/workspace_dashboard_view.hpp"
#include "http/workspace_view.hpp"
#include "render/svg_chart.hpp"
#include "reports/response_timeline.hpp"

using namespace lyssna;
using nlohmann::json;

namespace {

questionnaire::Questionnaire standard(const std::string& id, std::optional<int64_t> opens = {}) {
  questionnaire::TemplateOptions o;
  o.survey_id = id;
  o.areas = {{"handen", "Handen"}, {"jordbro", "Jordbro"}};
  o.languages = {"sv", "en"};
  o.opens_at = opens;
  return questionnaire::build_from_template("trygghet", o);
}

constexpr int64_t day = 86400;

}  // namespace

TEST_CASE("bar chart: bars, error bars and ticks as percentages of the width", "[dashboard]") {
  std::vector<render::BarRow> rows(4);
  rows[0].heading = true;
  rows[0].label = "By area";
  rows[1].label = "Handen";
  rows[1].value = 0.2;
  rows[1].low = 0.15;
  rows[1].high = 0.25;
  rows[1].value_text = "20%";
  rows[2].label = "Jordbro";
  rows[2].value = 0.5;
  rows[2].low = 0.3;
  rows[2].high = 0.7;
  rows[2].flagged = true;
  rows[3].label = "Other, or I prefer another description";
  rows[3].value_text = "suppressed";
  render::BarChartScale scale;
  scale.max = render::share_scale_max(rows);
  CHECK(scale.max == Approx(0.7));
  scale.ticks = 2;
  scale.tick_label = [](double v) { return std::to_string(static_cast<int>(std::round(v * 100))); };
  const json c = render::bar_chart(rows, scale);
  REQUIRE(c["rows"].size() == 4);
  CHECK(c["rows"][0]["heading"] == true);
  CHECK_FALSE(c["rows"][0].contains("bar"));
  // 0.2 of 0.7 is 28.57% of the width; the interval 0.15..0.25 is 21.43%..35.71%.
  CHECK(c["rows"][1]["bar"]["width"] == "28.57%");
  CHECK(c["rows"][1]["error"]["x1"] == "21.43%");
  CHECK(c["rows"][1]["error"]["x2"] == "35.71%");
  CHECK(c["rows"][1]["flagged"] == false);
  CHECK(c["rows"][2]["flagged"] == true);
  CHECK(c["rows"][2]["error"]["x2"] == "100.00%");
  // A suppressed row is text only: no bar, no interval.
  CHECK(c["rows"][3]["value_text"] == "suppressed");
  // A long label gives its value a line of its own; a short one shares it.
  CHECK_FALSE(c["rows"][1].contains("value_y"));
  CHECK(c["rows"][3]["value_y"].get<int>() > c["rows"][3]["text_y"].get<int>());
  CHECK_FALSE(c["rows"][3].contains("bar"));
  CHECK_FALSE(c["rows"][3].contains("error"));
  // Rows go down the chart, each under the one before; the axis under them all.
  CHECK(c["rows"][2]["text_y"].get<int>() > c["rows"][1]["bar"]["y"].get<int>());
  CHECK(c["plot_bottom"].get<int>() > c["rows"][2]["bar"]["y"].get<int>());
  CHECK(c["height"].get<int>() > c["plot_bottom"].get<int>());
  REQUIRE(c["ticks"].size() == 3);
  CHECK(c["ticks"][0]["x"] == "0.00%");
  CHECK(c["ticks"][0]["anchor"] == "start");
  CHECK(c["ticks"][1]["label"] == "35");
  CHECK(c["ticks"][2]["anchor"] == "end");
  CHECK(c["ticks"][2]["label"] == "70");
}

TEST_CASE("bar chart: values beyond the scale are clamped, and no rows still make an axis",
          "[dashboard]") {
  std::vector<render::BarRow> rows(1);
  rows[0].value = 7.5;  // a problem index scale ends at 6
  render::BarChartScale scale;
  scale.max = 6;
  const json c = render::bar_chart(rows, scale);
  CHECK(c["rows"][0]["bar"]["width"] == "100.00%");
  CHECK(render::share_scale_max({}) == Approx(0.1));
  CHECK(render::share_ticks(0.1) == 1);
  CHECK(render::share_ticks(0.4) == 4);
  CHECK(render::share_ticks(0.6) == 3);
  CHECK(render::share_ticks(0.9) == 3);
  CHECK(render::share_ticks(1.0) == 5);
  CHECK(render::share_ticks(0.7) == 7);
  const json empty = render::bar_chart({}, scale);
  CHECK(empty["rows"].empty());
  CHECK(empty["height"].get<int>() > 0);
}

TEST_CASE("stacked columns: segments stack from the axis up, the scale is a nice number",
          "[dashboard]") {
  CHECK(render::nice_ceiling(0) == 1);
  CHECK(render::nice_ceiling(1) == 1);
  CHECK(render::nice_ceiling(3) == 5);
  CHECK(render::nice_ceiling(7) == 10);
  CHECK(render::nice_ceiling(11) == 20);
  CHECK(render::nice_ceiling(180) == 200);
  CHECK(render::nice_ceiling(201) == 500);
  const std::vector<render::ColumnSeries> series = {{"online", {3, 0, 1, 4}},
                                                    {"paper", {1, 2, 0, 1}}};
  const json c = render::stacked_columns(series, {"d1", "d2", "d3", "d4"});
  REQUIRE(c["columns"].size() == 4);
  // Totals 4, 2, 1, 5: the scale ends at 5.
  CHECK(c["y_ticks"].back()["label"] == "5");
  CHECK(c["columns"][0]["total"] == 4);
  CHECK(c["columns"][0]["x"] == "2.50%");
  CHECK(c["columns"][0]["width"] == "20.00%");
  const auto& first = c["columns"][0]["segments"];
  REQUIRE(first.size() == 2);
  const double bottom = c["plot_bottom"].get<double>(), top = c["plot_top"].get<double>();
  // online (3 of 5) sits on the axis, paper (1 of 5) on top of it.
  CHECK(first[0]["series"] == 0);
  CHECK(first[0]["y"].get<double>() + first[0]["height"].get<double>() == Approx(bottom));
  CHECK(first[0]["height"].get<double>() == Approx((bottom - top) * 3 / 5));
  CHECK(first[1]["series"] == 1);
  CHECK(first[1]["y"].get<double>() + first[1]["height"].get<double>() ==
        Approx(first[0]["y"].get<double>()));
  // A zero count draws nothing.
  CHECK(c["columns"][1]["segments"].size() == 1);
  CHECK(c["columns"][1]["segments"][0]["series"] == 1);
  // The axis names the first, a middle and the last bucket.
  REQUIRE(c["x_labels"].size() == 3);
  CHECK(c["x_labels"][0]["label"] == "d1");
  CHECK(c["x_labels"][1]["label"] == "d3");
  CHECK(c["x_labels"][2]["label"] == "d4");
  CHECK(c["x_labels"][2]["anchor"] == "end");
  CHECK(c["legend"][1]["label"] == "paper");
}

TEST_CASE("time line: by day without gaps, series in the survey's order", "[dashboard]") {
  const auto q = standard("t-2026");
  const int64_t d0 = 20500;
  const std::vector<storage::ResponseCount> counts = {{d0, "online", "sv", "jordbro", 2},
                                                      {d0, "paper", "en", "", 1},
                                                      {d0 + 3, "online", "sv", "handen", 4},
                                                      {d0 + 3, "kiosk", "sv", "oldarea", 1}};
  const auto t = reports::build_timeline(counts, q, std::nullopt);
  CHECK(t.bucket == "day");
  REQUIRE(t.starts.size() == 4);
  CHECK(t.starts[0] == d0 * day);
  CHECK(t.starts[3] == (d0 + 3) * day);
  CHECK(t.totals == std::vector<int64_t>{3, 0, 0, 5});
  CHECK(t.total == 8);
  REQUIRE(t.channels.size() == 3);
  CHECK(t.channels[0].key == "online");
  CHECK(t.channels[0].counts == std::vector<int64_t>{2, 0, 0, 4});
  CHECK(t.channels[1].key == "paper");
  CHECK(t.channels[2].key == "kiosk");
  REQUIRE(t.languages.size() == 2);
  CHECK(t.languages[0].key == "sv");
  CHECK(t.languages[0].total == 7);
  // The survey's areas first (with none: still listed), an area it no longer has, no area last.
  REQUIRE(t.areas.size() == 4);
  CHECK(t.areas[0].key == "handen");
  CHECK(t.areas[1].key == "jordbro");
  CHECK(t.areas[2].key == "oldarea");
  CHECK(t.areas[3].key == "");
  CHECK(t.areas[3].total == 1);
}

TEST_CASE("time line: weeks beginning on Monday for a long span, narrowed to an area",
          "[dashboard]") {
  const auto q = standard("t-2026");
  // Day 20503 is a Thursday (2026-02-19); 100 days later is past the daily limit.
  const int64_t d0 = 20503;
  const std::vector<storage::ResponseCount> counts = {{d0, "online", "sv", "handen", 1},
                                                      {d0 + 4, "online", "sv", "handen", 2},
                                                      {d0 + 100, "paper", "sv", "handen", 3},
                                                      {d0 + 50, "paper", "sv", "jordbro", 9}};
  const auto t = reports::build_timeline(counts, q, std::string("handen"));
  CHECK(t.bucket == "week");
  REQUIRE_FALSE(t.starts.empty());
  // Monday 2026-02-16 is day 20500.
  CHECK(t.starts[0] == 20500 * day);
  CHECK(t.starts[1] - t.starts[0] == 7 * day);
  // Thursday and the Monday after fall in two weeks.
  CHECK(t.totals[0] == 1);
  CHECK(t.totals[1] == 2);
  CHECK(t.totals.back() == 3);
  CHECK(t.total == 6);
  REQUIRE(t.areas.size() == 1);
  CHECK(t.areas[0].key == "handen");
  const auto none = reports::build_timeline({}, q, std::nullopt);
  CHECK(none.total == 0);
  CHECK(none.starts.empty());
  CHECK(none.languages.size() == 2);  // the survey's languages, at zero
  CHECK(none.channels.empty());
}

TEST_CASE("the previous survey: same questions, opened last before", "[dashboard]") {
  const auto now = standard("t-2026", 400 * day);
  auto make = [](questionnaire::Questionnaire q) {
    return std::make_shared<const questionnaire::Questionnaire>(std::move(q));
  };
  auto other_questions = standard("other-2025", 300 * day);
  other_questions.pages.front().questions.pop_back();
  other_questions.build_index();
  const std::vector<questionnaire::QuestionnairePtr> all = {make(standard("t-2024", 30 * day)),
                                                            make(standard("t-2025", 350 * day)),
                                                            make(standard("t-2027", 500 * day)),
                                                            make(standard("undated")),
                                                            make(other_questions),
                                                            make(now)};
  CHECK(app::previous_of(now, all) == std::optional<std::string>("t-2025"));
  CHECK(app::previous_of(*all[1], all) == std::optional<std::string>("t-2024"));
  CHECK_FALSE(app::previous_of(*all[0], all));  // the first
  CHECK_FALSE(app::previous_of(*all[3], all));  // no opening date: no place in time
}

TEST_CASE("shares in the workspace's languages", "[dashboard]") {
  CHECK(http::format_percent("en", 0.2345) == "23.4%");
  CHECK(http::format_percent("sv", 0.2345) == "23,4\u00a0%");
  CHECK(http::format_percent("en", 0.5, 0) == "50%");
  CHECK(http::format_decimal("sv", 2.25, 1) == "2,2");
  CHECK(http::format_decimal("en", -0.01, 1) == "0.0");
}
