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
    if (!i.is_string()) throw BadSpecification("problem index configuration: 'indicators' must hold indicator ids");
    c.indicators.push_back(i.get<std::string>());
  }
  if (j.contains("reference")) {
    if (!j["reference"].is_object()) throw BadSpecification("problem index configuration: 'reference' must map indicators to shares");
    for (const auto& [k, v] : j["reference"].items()) {
      if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 1) {
        throw BadSpecification("problem index configuration: reference '" + k + "' must be a share from 0 to 1");
      }
      c.reference[k] = v.get<double>();
    }
  }
  c.band_n = j.value("band_n", 360.0);
  c.min_area_respondents = j.value("min_area_respondents", int64_t{100});
  c.min_indicator_n = j.value("min_indicator_n", int64_t{30});
  if (c.band_n < 10) throw BadSpecification("problem index configuration: 'band_n' must be at least 10");
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

std::vector<AreaProblemIndex> problem_index(const Dataset& data, const std::vector<IndicatorDefinition>& defs,
                                            const ProblemIndexConfig& config, const std::vector<double>& weights) {
  const SmallNumbers no_suppression{1, 1};
  std::vector<const IndicatorDefinition*> chosen;
  for (const auto& id : config.indicators) {
    for (const auto& d : defs) {
      if (d.id == id) chosen.push_back(&d);
    }
  }
  // Reference shares: configured, else the survey's own total.
  std::map<std::string, double> reference = config.reference;
  for (const auto* d : chosen) {
    if (!reference.count(d->id)) {
      Share total = indicator_share(data, *d, weights, no_suppression);
      if (total.value) reference[d->id] = *total.value;
    }
  }
  std::vector<AreaProblemIndex> out;
  const int area_q = data.question("area");
  if (area_q < 0) return out;
  for (const auto& area : data.coded(area_q).options) {
    AreaProblemIndex a;
    a.area = area;
    std::vector<bool> include(data.size(), false);
    for (size_t row = 0; row < data.size(); ++row) {
      include[row] = data.answer(row, area_q) == area;
      if (include[row]) ++a.respondents;
    }
    double sum = 0;
    int counted = 0;
    for (const auto* d : chosen) {
      if (!reference.count(d->id)) continue;
      Share s = indicator_share(data, *d, weights, no_suppression, include);
      if (!s.value || s.n < config.min_indicator_n) continue;
      IndicatorLevel l;
      l.indicator = d->id;
      l.share = *s.value;
      l.reference = reference[d->id];
      l.width = band_width(l.reference, config.band_n);
      l.level = problem_level(l.share, l.reference, l.width);
      l.n = s.n;
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
