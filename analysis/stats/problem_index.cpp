// Problem index (see problem_index.hpp).
#include "analysis/stats/problem_index.hpp"

#include <cmath>

#include "analysis/analysis_error.hpp"

namespace lyssna::analysis {

namespace {

// Errors name the input (a user's --problem-index file) and the key.
[[noreturn]] void refuse(const std::string& what) {
  throw BadSpecification("problem index configuration: " + what, "problem_index");
}

// `key` as a whole number from `low` to `high`, or `fallback` when absent.
// Checked before converting: a huge or fractional JSON number made into an
// integer is undefined or silently wrong.
int64_t whole_number(const nlohmann::json& j, const char* key, int64_t fallback, int64_t low,
                     int64_t high) {
  if (!j.contains(key)) return fallback;
  const auto& v = j[key];
  const std::string range = std::to_string(low) + " to " + std::to_string(high);
  if (!v.is_number()) refuse("'" + std::string(key) + "' must be a whole number from " + range);
  const double d = v.get<double>();
  if (!(d >= static_cast<double>(low) && d <= static_cast<double>(high)) || d != std::floor(d))
    refuse("'" + std::string(key) + "' must be a whole number from " + range);
  return v.is_number_integer() ? v.get<int64_t>() : static_cast<int64_t>(d);
}

}  // namespace

ProblemIndexConfig parse_problem_index_config(const nlohmann::json& j) {
  ProblemIndexConfig c;
  if (!j.is_object()) refuse("must be a JSON object");
  c.version = static_cast<int>(whole_number(j, "version", 1, 1, 1000000));
  if (!j.contains("indicators") || !j["indicators"].is_array() || j["indicators"].empty())
    refuse("'indicators' must be a non-empty list");
  for (const auto& i : j["indicators"]) {
    if (!i.is_string()) refuse("'indicators' must hold indicator ids");
    c.indicators.push_back(i.get<std::string>());
  }
  if (j.contains("reference")) {
    if (!j["reference"].is_object()) refuse("'reference' must map indicators to shares");
    for (const auto& [k, v] : j["reference"].items()) {
      if (!v.is_number() || !(v.get<double>() >= 0 && v.get<double>() <= 1))
        refuse("reference '" + k + "' must be a share from 0 to 1");
      c.reference[k] = v.get<double>();
    }
  }
  if (j.contains("band_n")) {
    const auto& v = j["band_n"];
    // Band widths come from an interval at this n: past a million they are nil.
    if (!v.is_number() || !(v.get<double>() >= 10 && v.get<double>() <= 1e6))
      refuse("'band_n' must be a number from 10 to 1000000");
    c.band_n = v.get<double>();
  }
  c.min_area_respondents = whole_number(j, "min_area_respondents", 100, 0, 1000000000);
  c.min_indicator_n = whole_number(j, "min_indicator_n", 30, 0, 1000000000);
  return c;
}

double band_width(double reference, double band_n) {
  Interval ci = clopper_pearson_interval(reference * band_n, band_n);
  return ci.high - ci.low;
}

int problem_level(double share, double m, double w) {
  if (w <= 0) return 2;
  if (share < m - 2 * w) return 0;
  if (share < m - w) return 1;
  if (share <= m + w) return 2;
  int level = 2 + static_cast<int>(std::ceil((share - (m + w)) / w));
  return std::min(level, 6);
}

std::string level_label(double index) {
  if (index < 1.5) return "below normal";
  if (index < 2.5) return "normal";
  if (index < 4.5) return "raised";
  return "high";
}

std::vector<AreaProblemIndex> problem_index(const Dataset& data,
                                            const std::vector<IndicatorDefinition>& defs,
                                            const ProblemIndexConfig& config,
                                            const std::vector<double>& weights) {
  const SmallNumbers no_suppression{1, 1};
  std::vector<IndicatorDefinition> chosen;
  for (const auto& id : config.indicators) {
    for (const auto& d : defs) {
      if (d.id == id) chosen.push_back(d);
    }
  }
  std::vector<AreaProblemIndex> out;
  if (data.question("area") < 0 || chosen.empty()) return out;
  // One pass: the total and every area for every chosen indicator.
  const auto groups = compute_indicators(data, chosen, {"total", "area"}, weights, no_suppression);
  // Reference shares: configured, else the survey's own total.
  std::map<std::string, double> reference = config.reference;
  for (const auto& v : groups.front().values) {
    if (!reference.count(v.indicator) && v.share.value) reference[v.indicator] = *v.share.value;
  }
  for (size_t g = 1; g < groups.size(); ++g) {
    AreaProblemIndex a;
    a.area = groups[g].value;
    a.respondents = groups[g].respondents;
    double sum = 0;
    int counted = 0;
    for (const auto& v : groups[g].values) {
      if (!reference.count(v.indicator) || !v.share.value || v.share.n < config.min_indicator_n)
        continue;
      IndicatorLevel l;
      l.indicator = v.indicator;
      l.share = *v.share.value;
      l.reference = reference[v.indicator];
      l.width = band_width(l.reference, config.band_n);
      l.level = problem_level(l.share, l.reference, l.width);
      l.n = v.share.n;
      sum += l.level;
      ++counted;
      a.levels.push_back(l);
    }
    if (a.respondents >= config.min_area_respondents && counted > 0) {
      a.index = sum / counted;
      a.label = level_label(*a.index);
    }
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace lyssna::analysis
