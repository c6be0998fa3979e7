// Lyssna's weighted shares and intervals against R's survey package, the
// reference implementation: the fixtures and golden figures of
// tests/data/weighting (make_fixtures.R, make_golden.R) — raking to three
// margins, with and without an area oversampled on purpose, and with bounds
// that bind. Every share within 0.002 and every standard error and interval
// half-width within 5% of R's, overall and per area, age group and gender.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/stats/indicators.hpp"
#include "analysis/stats/raking.hpp"

using namespace lyssna::analysis;

namespace {

// The golden figures are read from LYSSNA_WEIGHTING_REFERENCE when set
// (./lyssna.sh compare-r, R's figures made afresh), else the committed ones.
std::string fixture_path(const std::string& name) {
  const char* fresh = std::getenv("LYSSNA_WEIGHTING_REFERENCE");
  if (fresh && name.rfind("golden_", 0) == 0) return std::string(fresh) + "/" + name;
  return std::string(LYSSNA_SOURCE_DIR) + "/tests/data/weighting/" + name;
}

std::vector<std::vector<std::string>> read_csv(const std::string& name) {
  std::ifstream in(fixture_path(name));
  REQUIRE(in);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream fields(line);
    std::string cell;
    while (std::getline(fields, cell, ',')) {  // no commas inside the fixtures' cells
      if (cell.size() >= 2 && cell.front() == '"') cell = cell.substr(1, cell.size() - 2);
      cells.push_back(cell);
    }
    if (!line.empty() && line.back() == ',') cells.emplace_back();
    rows.push_back(std::move(cells));
  }
  return rows;
}

// The standard questionnaire's options (interchange.md section 2) of the
// fixtures' questions.
std::vector<CodedQuestion> fixture_questions() {
  const std::vector<std::string> problem = {"no_problem", "small", "fairly_big", "very_big",
                                            "dont_know"};
  return {{"area", {"centrum", "norr", "soder", "hamnen"}},
          {"age_group", {"16-24", "25-44", "45-64", "65+"}},
          {"gender", {"woman", "man"}},
          {"safe_night", {"very_safe", "fairly_safe", "fairly_unsafe", "very_unsafe", "never_out"}},
          {"worry_crime", {"not_at_all", "a_little", "fairly", "very"}},
          {"avoid_places", {"yes", "no"}},
          {"police_trust", {"very_high", "fairly_high", "fairly_low", "very_low", "dont_know"}},
          {"problem_litter", problem},
          {"problem_intoxicated", problem},
          {"problem_drug_dealing", problem},
          {"victim_theft", {"yes", "no"}}};
}

Dataset load_survey(const std::string& name) {
  const auto rows = read_csv(name + ".csv");
  Dataset data(fixture_questions());
  const auto& header = rows.front();
  for (size_t r = 1; r < rows.size(); ++r) {
    const size_t row = data.add_row(rows[r][0], "online");
    for (size_t c = 1; c < header.size() && c < rows[r].size(); ++c) {
      if (!rows[r][c].empty()) data.set(row, header[c], rows[r][c]);
    }
  }
  return data;
}

// The fixture's respondents raked to `margins` by their answers.
RakingResult rake_survey(const Dataset& data, const std::vector<Margin>& margins,
                         const RakingOptions& options = {}) {
  return rake(
      data.size(),
      [&](size_t row, const std::string& variable) -> std::string_view {
        return data.answer(row, data.question(variable));
      },
      margins, options);
}

std::vector<Margin> load_margins() {
  std::ifstream in(fixture_path("margins.json"));
  REQUIRE(in);
  return parse_margins(nlohmann::json::parse(in));
}

// The indicators the R script computes, by Lyssna's own definitions
// (analysis/data/indicators.json), with the one theme whose items are in
// the fixtures.
std::vector<IndicatorDefinition> fixture_indicators() {
  std::ifstream in(std::string(LYSSNA_SOURCE_DIR) + "/analysis/data/indicators.json");
  REQUIRE(in);
  const auto spec = parse_indicator_spec(nlohmann::json::parse(in));
  Codebook codebook;
  codebook.themes.push_back(
      {"drugs_alcohol", {}, {"problem_intoxicated", "problem_drug_dealing"}, {}});
  return indicator_definitions(spec, fixture_questions(), codebook);
}

struct Reference {
  int64_t n;
  double share, se, low, high;
};

// by/value/indicator -> R's figures.
std::map<std::string, Reference> load_golden(const std::string& name) {
  const auto rows = read_csv(name);
  std::map<std::string, Reference> out;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& c = rows[r];
    REQUIRE(c.size() == 9);
    out[c[0] + "/" + c[1] + "/" + c[2]] = {std::stoll(c[3]), std::stod(c[4]), std::stod(c[5]),
                                           std::stod(c[7]), std::stod(c[8])};
  }
  return out;
}

struct Agreement {
  size_t compared = 0;
  double share = 0, se = 0, half_width = 0;  // largest differences (relative for the last two)
};

// Every indicator of every group against R's; returns the largest differences.
Agreement compare_with_r(const Dataset& data, const RakingResult& raking,
                         const std::string& golden) {
  const auto reference = load_golden(golden);
  const auto defs = fixture_indicators();
  const auto groups = compute_indicators(data, defs, {"total", "area", "age_group", "gender"},
                                         raking.weights, {1, 1}, raking.design.get());
  Agreement a;
  for (const auto& g : groups) {
    for (const auto& v : g.values) {
      auto it = reference.find(g.by + "/" + g.value + "/" + v.indicator);
      if (it == reference.end()) continue;
      const Reference& ref = it->second;
      INFO(golden << ": " << g.by << " " << g.value << " " << v.indicator);
      REQUIRE(v.share.value);
      REQUIRE(v.share.se);
      REQUIRE(v.share.ci);
      CHECK(v.share.n == ref.n);
      const double half = (v.share.ci->high - v.share.ci->low) / 2;
      const double ref_half = (ref.high - ref.low) / 2;
      a.share = std::max(a.share, std::fabs(*v.share.value - ref.share));
      a.se = std::max(a.se, std::fabs(*v.share.se / ref.se - 1));
      a.half_width = std::max(a.half_width, std::fabs(half / ref_half - 1));
      CHECK(std::fabs(*v.share.value - ref.share) <= 0.002);
      CHECK(std::fabs(*v.share.se / ref.se - 1) <= 0.05);
      CHECK(std::fabs(half / ref_half - 1) <= 0.05);
      CHECK(std::fabs(v.share.ci->low - ref.low) <= 0.05 * ref_half);
      ++a.compared;
    }
  }
  return a;
}

void print(const char* what, const Agreement& a) {
  std::printf(
      "%-28s %3zu shares: largest difference %.2g in share, %.4f%% in se, %.4f%% in "
      "half-width\n",
      what, a.compared, a.share, 100 * a.se, 100 * a.half_width);
}

}  // namespace

TEST_CASE("raked shares and intervals agree with R's survey package", "[stats][reference]") {
  const auto margins = load_margins();
  for (const char* name : {"oversampled", "proportional"}) {
    const Dataset data = load_survey(name);
    const RakingResult raking = rake_survey(data, margins);
    REQUIRE(raking.converged);
    // A deliberate oversample is not mistaken for extreme weights: nothing
    // is trimmed at the default bounds, relative to each area's own weight.
    CHECK(raking.trimmed == 0);
    CHECK(raking.stratum == "area");
    const Agreement a = compare_with_r(data, raking, std::string("golden_") + name + "_rake.csv");
    CHECK(a.compared == 9 * 11);
    print(name, a);
  }
}

TEST_CASE("raking within bounds meets the margins and matches R's bounded calibration",
          "[stats][reference]") {
  const Dataset data = load_survey("oversampled");
  RakingOptions options;
  options.trim_below = 0.6;
  options.trim_above = 2.2;
  const RakingResult raking = rake_survey(data, load_margins(), options);
  REQUIRE(raking.converged);
  CHECK(raking.max_deviation < 1e-6);
  // R's calibrate(calfun = "raking", bounds = c(0.6, 2.2)) held 652 weights
  // at the lower bound and 96 at the upper.
  CHECK(raking.trimmed_low == 652);
  CHECK(raking.trimmed_high == 96);
  int in_hamnen = 0;
  for (const auto& [area, count] : raking.trimmed_by_stratum)
    in_hamnen += area == "hamnen" ? count : 0;
  CHECK(in_hamnen > 0);
  CHECK(in_hamnen < raking.trimmed);
  // The same weights as R's, respondent by respondent.
  const auto rows = read_csv("golden_oversampled_weights.csv");
  REQUIRE(rows.size() == data.size() + 1);
  double worst = 0;
  for (size_t r = 1; r < rows.size(); ++r) {
    REQUIRE(rows[r][0] == data.id(r - 1));
    worst = std::max(worst, std::fabs(raking.weights[r - 1] / std::stod(rows[r][2]) - 1));
  }
  CHECK(worst < 1e-6);
  const Agreement a = compare_with_r(data, raking, "golden_oversampled_bounded.csv");
  CHECK(a.compared == 9 * 11);
  print("oversampled, bounded", a);
}

TEST_CASE("the untrimmed weights are R's rake() weights", "[stats][reference]") {
  const Dataset data = load_survey("oversampled");
  const RakingResult raking = rake_survey(data, load_margins());
  const auto rows = read_csv("golden_oversampled_weights.csv");
  REQUIRE(rows.size() == data.size() + 1);
  double worst = 0;
  for (size_t r = 1; r < rows.size(); ++r)
    worst = std::max(worst, std::fabs(raking.weights[r - 1] / std::stod(rows[r][1]) - 1));
  CHECK(worst < 1e-6);
}

TEST_CASE("an area as a domain: its total is the survey's area group, its age groups the area's",
          "[stats][reference]") {
  const Dataset data = load_survey("oversampled");
  const auto margins = load_margins();
  const RakingResult raking = rake_survey(data, margins);
  REQUIRE(raking.converged);
  const auto defs = fixture_indicators();
  const int area = data.question("area"), age = data.question("age_group");
  const int norr = data.option(area, "norr");
  std::vector<bool> in_norr(data.size());
  for (size_t row = 0; row < data.size(); ++row) in_norr[row] = data.code(row, area) == norr;
  for (const CalibratedDesign* design : {raking.design.get(), (const CalibratedDesign*)nullptr}) {
    INFO((design ? "linearized" : "weighted, Kish"));
    const auto whole =
        compute_indicators(data, defs, {"total", "area"}, raking.weights, {1, 1}, design);
    const auto domain = compute_indicators(data, defs, {"total", "area", "age_group"},
                                           raking.weights, {1, 1}, design, in_norr);
    auto group = [](const std::vector<IndicatorGroup>& groups, const std::string& by,
                    const std::string& value) -> const IndicatorGroup& {
      for (const auto& g : groups) {
        if (g.by == by && g.value == value) return g;
      }
      FAIL("no group " << by << " " << value);
      return groups.front();
    };
    const auto& norr_whole = group(whole, "area", "norr");
    const auto& total_domain = group(domain, "total", "");
    CHECK(total_domain.respondents == norr_whole.respondents);
    CHECK(group(domain, "area", "centrum").respondents == 0);
    for (size_t i = 0; i < defs.size(); ++i) {
      INFO(defs[i].id);
      const Share& a = total_domain.values[i].share;
      const Share& b = norr_whole.values[i].share;
      REQUIRE(a.value);
      CHECK(*a.value == Approx(*b.value).epsilon(1e-12));
      CHECK(a.n == b.n);
      if (a.se) CHECK(*a.se == Approx(*b.se).epsilon(1e-9));
      // Each age group of the domain is the rows of Norr and that age group.
      for (const auto& option : data.coded(age).options) {
        const int code = data.option(age, option);
        std::vector<bool> rows(data.size());
        for (size_t row = 0; row < data.size(); ++row)
          rows[row] = in_norr[row] && data.code(row, age) == code;
        const Share direct = indicator_share(data, defs[i], raking.weights, {1, 1}, rows, design);
        const Share& cell = group(domain, "age_group", option).values[i].share;
        CHECK(cell.n == direct.n);
        if (direct.value) CHECK(*cell.value == Approx(*direct.value).epsilon(1e-12));
      }
    }
  }
}
