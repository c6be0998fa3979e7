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

Share ShareCounter::result(const SmallNumbers& rules) const {
  Share s;
  s.n = n_;
  s.weighted_n = w_;
  s.effective_n = w2_ > 0 ? w_ * w_ / w2_ : 0;
  if (n_ < rules.suppress_below || w_ <= 0) {
    s.suppressed = true;
    return s;
  }
  s.uncertain = n_ < rules.uncertain_below;
  s.value = yes_w_ / w_;
  s.ci = wilson_interval(*s.value, s.effective_n);
  return s;
}

}  // namespace lyssna::analysis
