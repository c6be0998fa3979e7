// Problem index (see problem_index.hpp).
#include "analysis/stats/problem_index.hpp"

#include <cmath>

#include "analysis/analysis_error.hpp"

namespace lyssna::analysis {

ProblemIndexConfig parse_problem_index_config(const nlohmann::json& j) {
  ProblemIndexConfig c;
  if (!j.is_object()) throw BadSpecification("problem index configuration must be a JSON object");
  c.version = j.value("version", 1);
  if (!j.contains("indicators") || !j["indicators"].is_array() || j["indicators"].empty()) {
    throw BadSpecification("problem index configuration: 'indicators' must be a non-empty list");
  }
  for (const auto& i : j["indicators"]) {
    if (!i.is_string())
      throw BadSpecification("problem index configuration: 'indicators' must hold indicator ids");
    c.indicators.push_back(i.get<std::string>());
  }
  if (j.contains("reference")) {
    if (!j["reference"].is_object())
      throw BadSpecification(
          "problem index configuration: 'reference' must map indicators to shares");
    for (const auto& [k, v] : j["reference"].items()) {
      if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 1) {
        throw BadSpecification("problem index configuration: reference '" + k +
                               "' must be a share from 0 to 1");
      }
      c.reference[k] = v.get<double>();
    }
  }
  c.band_n = j.value("band_n", 360.0);
  c.min_area_respondents = j.value("min_area_respondents", int64_t{100});
  c.min_indicator_n = j.value("min_indicator_n", int64_t{30});
  if (c.band_n < 10)
    throw BadSpecification("problem index configuration: 'band_n' must be at least 10");
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
