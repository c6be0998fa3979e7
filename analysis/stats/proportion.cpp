// Intervals and shares (see proportion.hpp).
#include "analysis/stats/proportion.hpp"

#include <algorithm>
#include <cmath>

namespace lyssna::analysis {

Interval wilson_interval(double p, double n, double z) {
  if (n <= 0) return {0, 1};
  const double z2 = z * z;
  const double denominator = 1 + z2 / n;
  const double centre = (p + z2 / (2 * n)) / denominator;
  const double half = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

namespace {

// Continued fraction for the incomplete beta (modified Lentz), as in
// Numerical Recipes; converges quickly for x < (a + 1) / (a + b + 2).
double beta_fraction(double a, double b, double x) {
  constexpr double tiny = 1e-300, eps = 1e-15;
  double c = 1, d = 1 - (a + b) * x / (a + 1);
  if (std::fabs(d) < tiny) d = tiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 500; ++m) {
    const double m2 = 2 * m;
    double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1) < eps) break;
  }
  return h;
}

}  // namespace

double incomplete_beta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) +
                                a * std::log(x) + b * std::log1p(-x));
  if (x < (a + 1) / (a + b + 2)) return front * beta_fraction(a, b, x) / a;
  return 1 - front * beta_fraction(b, a, 1 - x) / b;
}

double inverse_incomplete_beta(double a, double b, double p) {
  double lo = 0, hi = 1;
  for (int i = 0; i < 100; ++i) {
    const double mid = (lo + hi) / 2;
    if (incomplete_beta(a, b, mid) < p) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return (lo + hi) / 2;
}

Interval clopper_pearson_interval(double x, double n, double alpha) {
  if (n <= 0) return {0, 1};
  const double low = x <= 0 ? 0.0 : inverse_incomplete_beta(x, n - x + 1, alpha / 2);
  const double high = x >= n ? 1.0 : inverse_incomplete_beta(x + 1, n - x, 1 - alpha / 2);
  return {low, high};
}

double t95(double df) {
  if (!(df > 0)) return z95;
  if (df >= 30) {
    // Cornish-Fisher expansion (Abramowitz & Stegun 26.7.5): within 1e-8
    // from 30 degrees of freedom, and it costs nothing per share.
    const double z = z95, z2 = z * z, z3 = z2 * z, z5 = z3 * z2, z7 = z5 * z2, z9 = z7 * z2;
    const double g1 = (z3 + z) / 4, g2 = (5 * z5 + 16 * z3 + 3 * z) / 96,
                 g3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384,
                 g4 = (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / 92160;
    return z + g1 / df + g2 / (df * df) + g3 / (df * df * df) + g4 / (df * df * df * df);
  }
  // P(|T| > t) = I_{df / (df + t^2)}(df / 2, 1 / 2); that is 0.05 where
  // x = df / (df + t^2) solves I_x = 0.05.
  const double x = inverse_incomplete_beta(df / 2, 0.5, 0.05);
  return x > 0 ? std::sqrt(df * (1 - x) / x) : z95;
}

Interval logit_interval(double p, double se, double df) {
  const double logit = std::log(p / (1 - p)), half = t95(df) * se / (p * (1 - p));
  auto expit = [](double x) { return 1 / (1 + std::exp(-x)); };
  return {expit(logit - half), expit(logit + half)};
}

Share make_share(int64_t n, double weight, double square_weight, double yes_weight,
                 const std::optional<double>& variance, const SmallNumbers& rules) {
  Share s;
  s.n = n;
  s.weighted_n = weight;
  s.effective_n = square_weight > 0 ? weight * weight / square_weight : 0;
  if (n < rules.suppress_below || weight <= 0) {
    s.suppressed = true;
    return s;
  }
  s.uncertain = n < rules.uncertain_below;
  const double p = yes_weight / weight;
  s.value = p;
  const double srs = p * (1 - p) / static_cast<double>(n);
  if (variance && p > 0 && p < 1 && *variance > 0) {
    s.se = std::sqrt(*variance);
    s.design_effect = *variance / srs;
    s.ci = logit_interval(p, *s.se, static_cast<double>(n - 1));
  } else {
    // Unweighted, weights of unknown origin, or a share of 0 or 1 (no
    // log-odds): Wilson on Kish's effective n.
    s.se = std::sqrt(p * (1 - p) / std::max(s.effective_n, 1e-300));
    if (variance) s.design_effect = srs > 0 ? s.se.value() * s.se.value() / srs : 1.0;
    s.ci = wilson_interval(p, s.effective_n);
  }
  return s;
}

Share ShareCounter::result(const SmallNumbers& rules, const std::optional<double>& variance) const {
  return make_share(n_, w_, w2_, yes_w_, variance, rules);
}

}  // namespace lyssna::analysis
