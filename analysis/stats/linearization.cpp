// Linearization variances of raked shares (see linearization.hpp).
//
// For a share p = Y / W over a group's base, respondent i's influence value
// is u_i = (y_i - p) / W inside the base and 0 outside. Raking removes from
// it its least-squares fit on the margins' categories: e_i = u_i - f_i, f_i
// the sum of one coefficient per margin category, the category means of e
// all zero (R's survey::svyrecvar backfits the same, rake()'s variance).
// The variance is that of the weighted residuals w_i e_i over all
// respondents, as from a with-replacement sample: n / (n - 1) times their
// sum of squares about their mean. Every sum that needs is a sum per
// category (or pair of categories) of the margins, so a share keeps four
// numbers per category and the variance costs nothing per respondent.
//
// survey's calibrate() weights that fit by the base weights instead (the
// GREG form); with an area oversampled tenfold its intervals there are
// about a tenth narrower (docs/analysis.md shows both against a simulation).
#include "analysis/stats/linearization.hpp"

#include <algorithm>
#include <cmath>

namespace lyssna::analysis {

CalibratedDesign::CalibratedDesign(const std::vector<std::vector<int>>& category_of,
                                   const std::vector<size_t>& categories,
                                   std::vector<double> weights)
    : margins_(categories.size()), weights_(std::move(weights)) {
  std::vector<int32_t> first;
  for (size_t c : categories) {
    first.push_back(static_cast<int32_t>(slots_));
    slots_ += c;
  }
  const size_t n = weights_.size();
  slot_of_.assign(n * margins_, -1);
  for (size_t m = 0; m < margins_; ++m) {
    for (size_t r = 0; r < n; ++r) {
      if (category_of[m][r] >= 0) slot_of_[r * margins_ + m] = first[m] + category_of[m][r];
    }
  }
  count_cross_.assign(slots_ * slots_, 0);
  square_cross_.assign(slots_ * slots_, 0);
  slot_weight_.assign(slots_, 0);
  for (size_t r = 0; r < n; ++r) {
    const int32_t* s = &slot_of_[r * margins_];
    for (size_t a = 0; a < margins_; ++a) {
      if (s[a] < 0) continue;
      const size_t i = static_cast<size_t>(s[a]);
      slot_weight_[i] += weights_[r];
      for (size_t b = 0; b < margins_; ++b) {
        if (s[b] < 0) continue;
        count_cross_[i * slots_ + static_cast<size_t>(s[b])] += 1;
        square_cross_[i * slots_ + static_cast<size_t>(s[b])] += weights_[r] * weights_[r];
      }
    }
  }
}

CalibratedShare::CalibratedShare(const CalibratedDesign& design)
    : design_(&design), slot_sums_(design.slots() * 4, 0) {}

void CalibratedShare::add(const int32_t* slots, const ShareSums& sums) {
  totals_.add(sums);
  for (size_t m = 0; m < design_->margins_; ++m) {
    if (slots[m] < 0) continue;
    double* slot = &slot_sums_[static_cast<size_t>(slots[m]) * 4];
    slot[0] += sums.n;
    slot[1] += sums.yes;
    slot[2] += sums.square;
    slot[3] += sums.square_yes;
  }
}

double CalibratedShare::variance() const {
  const CalibratedDesign& d = *design_;
  const size_t n = d.respondents(), k = d.slots();
  if (totals_.weight <= 0 || n < 2) return 0;
  const double W = totals_.weight, p = totals_.yes_weight / W;
  // The fit's normal equations, the sum of (u - f) over each slot's
  // respondents = 0 for every slot, solved by Gauss-Seidel (backfitting): a
  // margin's categories do not overlap, so each step is exact for one
  // margin. The system is singular (each margin's categories add up to
  // everyone) but consistent, and the fit f it converges to is unique.
  std::vector<double> rhs(k), b(k, 0);
  double scale = 0;
  for (size_t s = 0; s < k; ++s) {
    rhs[s] = (slot_sums_[s * 4 + 1] - p * slot_sums_[s * 4]) / W;
    scale = std::max(scale, std::fabs(rhs[s]) / std::max(d.count_cross_[s * k + s], 1e-300));
  }
  for (int sweep = 0; sweep < 1000 && scale > 0; ++sweep) {
    double change = 0;
    for (size_t s = 0; s < k; ++s) {
      const double diagonal = d.count_cross_[s * k + s];
      if (diagonal <= 0) continue;
      double fitted = 0;
      for (size_t t = 0; t < k; ++t) fitted += d.count_cross_[s * k + t] * b[t];
      const double step = (rhs[s] - fitted) / diagonal;
      b[s] += step;
      change = std::max(change, std::fabs(step));
    }
    if (change <= 1e-13 * scale) break;
  }
  // Sum of (w e)^2 and of w e over all respondents, from the sums per slot.
  double squares = (totals_.square_yes * (1 - 2 * p) + p * p * totals_.square) / (W * W);
  double sum = 0;
  for (size_t s = 0; s < k; ++s) {
    if (b[s] == 0) continue;
    squares -= 2 * b[s] * (slot_sums_[s * 4 + 3] - p * slot_sums_[s * 4 + 2]) / W;
    double cross = 0;
    for (size_t t = 0; t < k; ++t) cross += d.square_cross_[s * k + t] * b[t];
    squares += b[s] * cross;
    sum -= b[s] * d.slot_weight_[s];
  }
  const double nd = static_cast<double>(n);
  return std::max(0.0, nd / (nd - 1) * (squares - sum * sum / nd));
}

}  // namespace lyssna::analysis
