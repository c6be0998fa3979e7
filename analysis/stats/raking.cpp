// Raking (see raking.hpp).
#include "analysis/stats/raking.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "analysis/analysis_error.hpp"
#include "analysis/stats/linearization.hpp"

namespace lyssna::analysis {
namespace {

struct PreparedMargin {
  std::string variable;
  std::vector<std::string> categories;
  std::vector<double> shares;                // population shares of the kept categories
  std::vector<int> category_of;              // per respondent; -1 when missing/unknown
  std::vector<std::vector<size_t>> members;  // per category, its respondents
};

// Bounds on a weight's adjustment, as multiples of its base weight.
struct Bounds {
  double low, high;
  double clamp(double g) const { return std::clamp(g, low, high); }
};

// Moves the adjustment of `members` by one amount `delta` (in eta, the log
// adjustment) so that their weights, base * clamp(exp(eta + delta)), sum to
// `target`. The sum grows with delta; without bounds in force one step
// solves it (IPF's factor), with them a few safeguarded Newton steps in
// log space do, inside a bracket that halves when a step leaves it.
void adjust(const std::vector<size_t>& members, double target, const std::vector<double>& base,
            const Bounds& bounds, std::vector<double>& eta, std::vector<double>& w) {
  auto total = [&](double delta, double* free_part) {
    double sum = 0, free = 0;
    for (size_t r : members) {
      const double g = std::exp(eta[r] + delta);
      const double kept = bounds.clamp(g);
      sum += base[r] * kept;
      if (kept == g) free += base[r] * g;
    }
    if (free_part) *free_part = free;
    return sum;
  };
  double floor_sum = 0, ceiling_sum = 0;
  for (size_t r : members) {
    floor_sum += base[r] * bounds.low;
    ceiling_sum += base[r] * bounds.high;
  }
  // Unreachable targets: as near as the bounds allow (reported as not converged).
  constexpr double far = 700;  // exp(+-700) is still a finite double
  double delta = 0;
  if (target <= floor_sum) {
    delta = -far;
  } else if (target >= ceiling_sum) {
    delta = far;
  } else {
    double lo = -far, hi = far;
    for (int step = 0; step < 100; ++step) {
      double free = 0;
      const double sum = total(delta, &free);
      if (std::fabs(sum - target) <= 1e-13 * target) break;
      (sum < target ? lo : hi) = delta;
      double next = (lo + hi) / 2;
      if (free > 0 && target - (sum - free) > 0) {
        const double newton = delta + std::log((target - (sum - free)) / free);
        if (newton > lo && newton < hi) next = newton;
      }
      if (next == delta) break;
      delta = next;
    }
  }
  for (size_t r : members) {
    eta[r] = std::clamp(eta[r] + delta, -far, far);
    w[r] = base[r] * bounds.clamp(std::exp(eta[r]));
  }
}

double deviation(const std::vector<double>& w, const std::vector<PreparedMargin>& margins) {
  double worst = 0;
  for (const auto& m : margins) {
    std::vector<double> totals(m.categories.size(), 0);
    double known = 0;
    for (size_t r = 0; r < w.size(); ++r) {
      if (m.category_of[r] < 0) continue;
      totals[static_cast<size_t>(m.category_of[r])] += w[r];
      known += w[r];
    }
    for (size_t c = 0; known > 0 && c < m.categories.size(); ++c) {
      worst = std::max(worst, std::fabs(totals[c] / known - m.shares[c]));
    }
  }
  return worst;
}

// A population count as a whole number, whatever its size (a cast to an
// integer type is undefined past its range).
std::string format_count(double count) {
  char text[400];
  std::snprintf(text, sizeof text, "%.0f", count);
  return text;
}

std::string format_share(double v) {
  char text[64];
  std::snprintf(text, sizeof text, "%.6g", v);
  return text;
}

}  // namespace

std::vector<Margin> parse_margins(const nlohmann::json& j) {
  const nlohmann::json* margins = &j;
  if (j.is_object() && j.contains("margins")) margins = &j["margins"];
  if (!margins->is_object() || margins->empty()) {
    throw BadSpecification(
        "margins: expected {\"margins\": {\"variable\": {\"category\": count, ...}, ...}}",
        "margins");
  }
  std::vector<Margin> out;
  for (const auto& [variable, counts] : margins->items()) {
    if (!counts.is_object() || counts.empty()) {
      throw BadSpecification("margins: '" + variable + "' must map categories to population counts",
                             "margins");
    }
    Margin m{variable, {}};
    for (const auto& [category, count] : counts.items()) {
      // JSON's numbers reach about 1.8e308, and two such counts sum to
      // infinity: a count is a number of people, far below the cap.
      const double value = count.is_number() ? count.get<double>() : -1;
      if (!std::isfinite(value) || value < 0 || value > max_margin_count) {
        throw BadSpecification("margins: '" + variable + "." + category +
                                   "' must be a count from 0 to " + format_count(max_margin_count),
                               "margins");
      }
      m.counts[category] = value;
    }
    out.push_back(std::move(m));
  }
  return out;
}

RakingResult rake(const std::vector<std::map<std::string, std::string>>& values,
                  const std::vector<Margin>& margins, const RakingOptions& options) {
  return rake(
      values.size(),
      [&](size_t r, const std::string& variable) -> std::string_view {
        auto it = values[r].find(variable);
        return it == values[r].end() ? std::string_view() : std::string_view(it->second);
      },
      margins, options);
}

RakingResult rake(size_t respondents, const CategoryOf& category,
                  const std::vector<Margin>& margins, const RakingOptions& options) {
  RakingResult result;
  const size_t n = respondents;
  if (n == 0) throw BadSpecification("raking: no respondents");
  if (margins.empty()) throw BadSpecification("raking: no margins");
  // The population total comes from the first margin; margins that disagree
  // are raked to their shares and the difference is reported.
  auto total_of = [](const Margin& m) {
    double t = 0;
    for (const auto& [c, v] : m.counts) t += v;
    return t;
  };
  result.population = total_of(margins.front());
  std::vector<PreparedMargin> prepared;
  for (const auto& m : margins) {
    const double total = total_of(m);
    if (total <= 0) throw BadSpecification("raking: margin '" + m.variable + "' has no population");
    if (std::fabs(total - result.population) > 0.01 * result.population) {
      result.warnings.push_back("margin '" + m.variable + "' totals " + format_count(total) +
                                ", not " + format_count(result.population) +
                                " like the first; raked to its shares");
    }
    PreparedMargin p;
    p.variable = m.variable;
    std::map<std::string, int, std::less<>> index;
    std::vector<int64_t> count_in_sample;
    for (const auto& [category, count] : m.counts) {
      index[category] = static_cast<int>(p.categories.size());
      p.categories.push_back(category);
      p.shares.push_back(count / total);
      count_in_sample.push_back(0);
    }
    for (size_t r = 0; r < n; ++r) {
      const std::string_view value = category(r, m.variable);
      int c = -1;
      if (!value.empty()) {
        auto k = index.find(value);
        if (k != index.end()) c = k->second;
      }
      p.category_of.push_back(c);
      if (c >= 0) ++count_in_sample[static_cast<size_t>(c)];
    }
    p.members.resize(p.categories.size());
    for (size_t r = 0; r < n; ++r) {
      if (p.category_of[r] >= 0) p.members[static_cast<size_t>(p.category_of[r])].push_back(r);
    }
    // A population category nobody in the sample belongs to cannot be met:
    // drop it and rake the others to their shares among themselves.
    double kept = 0;
    for (size_t c = 0; c < p.categories.size(); ++c) {
      if (count_in_sample[c] == 0 && p.shares[c] > 0) {
        result.warnings.push_back("no respondent in '" + m.variable + "' = '" + p.categories[c] +
                                  "'; that category cannot be weighted");
        p.shares[c] = 0;
      }
      kept += p.shares[c];
    }
    if (kept <= 0)
      throw BadSpecification("raking: no respondent matches any category of '" + m.variable + "'");
    for (double& s : p.shares) s /= kept;
    int64_t missing = std::count(p.category_of.begin(), p.category_of.end(), -1);
    if (missing > 0) {
      result.warnings.push_back(std::to_string(missing) + " respondents have no usable '" +
                                m.variable + "'; they are not adjusted on it");
    }
    prepared.push_back(std::move(p));
  }

  // Base weights: the stratum's population over its respondents.
  std::vector<double> base(n, result.population / static_cast<double>(n));
  for (const auto& p : prepared) {
    if (p.variable != options.stratum) continue;
    result.stratum = p.variable;
    std::vector<int64_t> respondents(p.categories.size(), 0);
    for (int c : p.category_of) {
      if (c >= 0) ++respondents[static_cast<size_t>(c)];
    }
    for (size_t r = 0; r < n; ++r) {
      const int c = p.category_of[r];
      if (c >= 0 && p.shares[static_cast<size_t>(c)] > 0) {
        base[r] = p.shares[static_cast<size_t>(c)] * result.population /
                  static_cast<double>(respondents[static_cast<size_t>(c)]);
      }
    }
  }
  const Bounds bounds{options.trim_below, options.trim_above};
  result.trim_below = bounds.low;
  result.trim_above = bounds.high;
  // Each respondent's weight is base * clamp(exp(eta)); a sweep moves eta by
  // one amount per category so that the category meets its share of the
  // weight the margin covers. Without binding bounds this is plain IPF.
  std::vector<double> eta(n, 0.0), w(base);
  for (int i = 0; i < options.max_iterations; ++i) {
    ++result.iterations;
    for (const auto& m : prepared) {
      double known = 0;
      for (size_t r = 0; r < n; ++r) {
        if (m.category_of[r] >= 0) known += w[r];
      }
      for (size_t c = 0; c < m.categories.size(); ++c) {
        if (!m.members[c].empty()) adjust(m.members[c], m.shares[c] * known, base, bounds, eta, w);
      }
    }
    if (deviation(w, prepared) < options.tolerance) break;
  }
  result.max_deviation = deviation(w, prepared);
  // Met to within a hundredth of a percentage point counts as converged.
  result.converged = result.max_deviation < 1e-4;
  const PreparedMargin* stratum = nullptr;
  for (const auto& p : prepared) {
    if (p.variable == result.stratum) stratum = &p;
  }
  for (size_t r = 0; r < n; ++r) {
    const double g = w[r] / base[r];
    const bool low = g <= bounds.low * (1 + 1e-9), high = g >= bounds.high * (1 - 1e-9);
    if (!low && !high) continue;
    ++(low ? result.trimmed_low : result.trimmed_high);
    if (stratum && stratum->category_of[r] >= 0) {
      ++result
            .trimmed_by_stratum[stratum->categories[static_cast<size_t>(stratum->category_of[r])]];
    }
  }
  result.trimmed = result.trimmed_low + result.trimmed_high;
  if (!result.converged) {
    result.warnings.push_back("the margins cannot all be met with every weight within " +
                              format_share(bounds.low) + "-" + format_share(bounds.high) +
                              " times its base weight; they hold to within " +
                              format_share(result.max_deviation));
  }
  result.mean_weight = result.population / static_cast<double>(n);
  result.min_weight = *std::min_element(w.begin(), w.end());
  result.max_weight = *std::max_element(w.begin(), w.end());
  double var = 0;
  for (double x : w) var += (x - result.mean_weight) * (x - result.mean_weight);
  var /= static_cast<double>(n);
  result.cv = std::sqrt(var) / result.mean_weight;
  result.design_effect = 1 + result.cv * result.cv;
  std::vector<std::vector<int>> categories_of;
  std::vector<size_t> categories;
  for (auto& p : prepared) {
    categories_of.push_back(std::move(p.category_of));
    categories.push_back(p.categories.size());
  }
  result.design = std::make_shared<const CalibratedDesign>(categories_of, categories, w);
  result.weights = std::move(w);
  return result;
}

}  // namespace lyssna::analysis
