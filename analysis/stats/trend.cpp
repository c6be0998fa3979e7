// Trend tests (see trend.hpp).
#include "analysis/stats/trend.hpp"

#include <cmath>

namespace lyssna::analysis {

Change compare_shares(const Share& earlier, const Share& later, bool higher_is_better) {
  Change c;
  if (!earlier.value || !later.value || !earlier.se || !later.se) {
    c.verdict = "not comparable";
    return c;
  }
  const double p1 = *earlier.value, p2 = *later.value;
  c.difference = p2 - p1;
  // The surveys are independent samples: their variances add. Each is the
  // share's own (linearization when raked), as its interval uses.
  const double se = std::sqrt(*earlier.se * *earlier.se + *later.se * *later.se);
  c.ci = Interval{*c.difference - z95 * se, *c.difference + z95 * se};
  if (se <= 0) {
    c.p_value = *c.difference == 0 ? 1.0 : 0.0;
  } else {
    const double z = std::fabs(*c.difference) / se;
    c.p_value = std::erfc(z / std::sqrt(2.0));
  }
  c.significant = *c.p_value < 0.05;
  if (!c.significant) {
    c.verdict = "no significant change";
  } else {
    const bool rose = *c.difference > 0;
    c.verdict = rose == higher_is_better ? "better" : "worse";
  }
  return c;
}

}  // namespace lyssna::analysis
