// Shares with 95% intervals, weighted or not, and the small-number rules.
// Pure functions; deterministic.
#pragma once

#include <cstdint>
#include <optional>

namespace lyssna::analysis {

struct Interval {
  double low = 0, high = 0;
};

inline constexpr double z95 = 1.959963984540054;

// Wilson score interval for a share `p` observed over `n` (n may be an
// effective sample size, so it need not be whole).
Interval wilson_interval(double p, double n, double z = z95);
// The logit interval of a share with standard error `se`: symmetric on the
// log-odds scale, so it stays inside (0, 1) and is honest for small and
// large shares; the quantile of Student's t with `df` degrees of freedom,
// as R's survey::svyciprop(method = "logit") computes it.
Interval logit_interval(double p, double se, double df);
// The two-sided 95% quantile of Student's t with `df` degrees of freedom.
double t95(double df);
// Clopper–Pearson ("exact") interval for x successes in n trials; x may be
// fractional (a share times n), which the beta functions allow.
Interval clopper_pearson_interval(double x, double n, double alpha = 0.05);
// Regularised incomplete beta I_x(a, b) and its inverse in x.
double incomplete_beta(double a, double b, double x);
double inverse_incomplete_beta(double a, double b, double p);

// When a share may be shown (domain.md, "Small numbers").
struct SmallNumbers {
  int64_t suppress_below = 5;    // never shown with fewer respondents
  int64_t uncertain_below = 30;  // shown, flagged as uncertain
};

struct Share {
  int64_t n = 0;            // respondents in the base
  double weighted_n = 0;    // sum of their weights
  double effective_n = 0;   // Kish: (sum w)^2 / sum w^2
  bool suppressed = false;  // too few to show: value and interval are empty
  bool uncertain = false;
  std::optional<double> value;
  std::optional<Interval> ci;
  std::optional<double> se;  // standard error of the value
  // The variance against a simple random sample of n; empty unweighted.
  std::optional<double> design_effect;
};

// The share from its sums: `variance` of the weighted share when known
// (linearization.hpp; the interval is then the logit one), else from
// Kish's effective n (Wilson). Suppressed and flagged by `rules`.
Share make_share(int64_t n, double weight, double square_weight, double yes_weight,
                 const std::optional<double>& variance, const SmallNumbers& rules);

// Accumulates yes/no observations with weights (1 when unweighted).
class ShareCounter {
 public:
  void add(bool yes, double weight = 1.0) {  // inline: called per respondent and indicator
    ++n_;
    w_ += weight;
    w2_ += weight * weight;
    if (yes) yes_w_ += weight;
  }
  // `variance`: of the weighted share, when the design gives it.
  Share result(const SmallNumbers& rules,
               const std::optional<double>& variance = std::nullopt) const;
  int64_t n() const { return n_; }

 private:
  int64_t n_ = 0;
  double w_ = 0, w2_ = 0, yes_w_ = 0;
};

}  // namespace lyssna::analysis
