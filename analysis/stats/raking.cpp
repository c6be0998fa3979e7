// Raking (see raking.hpp).
#include "analysis/stats/raking.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "analysis/analysis_error.hpp"

namespace lyssna::analysis {
namespace {

struct PreparedMargin {
  std::string variable;
  std::vector<std::string> categories;
  std::vector<double> shares;    // population shares of the kept categories
  std::vector<int> category_of;  // per respondent; -1 when missing/unknown
};

// One IPF sweep over every margin; returns the largest share deviation seen
// before adjusting.
double sweep(std::vector<double>& w, const std::vector<PreparedMargin>& margins) {
  double worst = 0;
  for (const auto& m : margins) {
    std::vector<double> totals(m.categories.size(), 0);
    double known = 0;
    for (size_t r = 0; r < w.size(); ++r) {
      int c = m.category_of[r];
      if (c < 0) continue;
      totals[static_cast<size_t>(c)] += w[r];
      known += w[r];
    }
    if (known <= 0) continue;
    std::vector<double> factor(m.categories.size(), 1);
    for (size_t c = 0; c < m.categories.size(); ++c) {
      worst = std::max(worst, std::fabs(totals[c] / known - m.shares[c]));
      if (totals[c] > 0) factor[c] = m.shares[c] * known / totals[c];
    }
    for (size_t r = 0; r < w.size(); ++r) {
      int c = m.category_of[r];
      if (c >= 0) w[r] *= factor[static_cast<size_t>(c)];
    }
  }
  return worst;
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

  std::vector<double> w(n, result.population / static_cast<double>(n));
  const double mean = result.population / static_cast<double>(n);
  const double high = options.trim_above * mean, low = options.trim_below * mean;
  for (int round = 0; round <= options.max_trim_rounds; ++round) {
    for (int i = 0; i < options.max_iterations; ++i) {
      ++result.iterations;
      if (sweep(w, prepared) < options.tolerance) break;
    }
    // Trim: clamp to the bounds and spread what was cut over the weights
    // inside them, so the total stays the population; then rake again, as
    // trimming moves the margins a little.
    result.trimmed = 0;
    for (int pass = 0; pass < 50; ++pass) {
      double excess = 0, free_total = 0;
      int clamped = 0;
      for (double& x : w) {
        if (x > high) {
          excess += x - high;
          x = high;
          ++clamped;
        } else if (x < low) {
          excess -= low - x;
          x = low;
          ++clamped;
        }
      }
      if (clamped == 0) break;
      result.trimmed = std::max(result.trimmed, clamped);
      for (double x : w) {
        if (x < high && x > low) free_total += x;
      }
      if (free_total <= 0) break;
      const double scale = (free_total + excess) / free_total;
      for (double& x : w) {
        if (x < high && x > low) x *= scale;
      }
    }
    if (result.trimmed == 0) break;
    if (round == options.max_trim_rounds) break;
    // Only rake again if it changes anything: margins may already hold.
    if (deviation(w, prepared) < options.tolerance) break;
  }
  // Rounds end with trimming, so the bounds hold even where the margins cannot all be met.
  for (double& x : w) x = std::clamp(x, low, high);
  result.max_deviation = deviation(w, prepared);
  // Met to within a hundredth of a percentage point counts as converged.
  result.converged = result.max_deviation < 1e-4;
  if (result.trimmed > 0) {
    result.warnings.push_back(std::to_string(result.trimmed) +
                              " weights stay at the trimming bounds; the margins hold to within " +
                              std::to_string(result.max_deviation));
  }
  result.mean_weight = result.population / static_cast<double>(n);
  result.min_weight = *std::min_element(w.begin(), w.end());
  result.max_weight = *std::max_element(w.begin(), w.end());
  double var = 0;
  for (double x : w) var += (x - result.mean_weight) * (x - result.mean_weight);
  var /= static_cast<double>(n);
  result.cv = std::sqrt(var) / result.mean_weight;
  result.design_effect = 1 + result.cv * result.cv;
  result.weights = std::move(w);
  return result;
}

}  // namespace lyssna::analysis
