// Variances of weighted shares from a raked sample, by linearization: the
// share's influence values, less their regression on the raking margins
// (the residuals), give the variance of the raked estimator (Deville &
// Särndal 1992; Lumley 2010, ch. 7). The regression counts each respondent
// once, as R's survey package does for rake() (svyrecvar's backfitting of
// the margins): an outcome tied to the margins gains from raking, and an
// area's estimate pays for the weight its neighbours' margins put on it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace lyssna::analysis {

// The design a raking leaves: each respondent's category of each margin,
// and its weight.
class CalibratedDesign {
 public:
  // `category_of[m][r]`: respondent r's category of margin m (0 to
  // categories[m] - 1), or -1 when it has none.
  CalibratedDesign(const std::vector<std::vector<int>>& category_of,
                   const std::vector<size_t>& categories, std::vector<double> weights);

  size_t respondents() const { return weights_.size(); }
  size_t margins() const { return margins_; }
  size_t slots() const { return slots_; }  // the categories of all margins
  // Respondent r's slot on margin m, or -1.
  int32_t slot(size_t r, size_t m) const { return slot_of_[r * margins_ + m]; }
  double weight(size_t r) const { return weights_[r]; }

 private:
  friend class CalibratedShare;
  size_t margins_ = 0, slots_ = 0;
  std::vector<int32_t> slot_of_;  // respondents x margins
  std::vector<double> weights_;
  // Over all respondents: per pair of slots the number and the sum of
  // squared weights of those in both (the diagonal: in the one); per slot
  // the sum of weights.
  std::vector<double> count_cross_, square_cross_, slot_weight_;
};

// One share's sums over its base (the respondents of a group with a
// substantive answer), from which its linearization variance follows.
class CalibratedShare {
 public:
  explicit CalibratedShare(const CalibratedDesign& design);
  void add(size_t respondent, bool yes) {  // inline: called per respondent and indicator
    const double w = design_->weights_[respondent];
    const double y = yes ? 1.0 : 0.0, w2 = w * w;
    weight_ += w;
    yes_weight_ += w * y;
    square_ += w2;
    square_yes_ += w2 * y;
    for (size_t m = 0; m < design_->margins_; ++m) {
      const int32_t s = design_->slot_of_[respondent * design_->margins_ + m];
      if (s < 0) continue;
      double* sums = &slot_sums_[static_cast<size_t>(s) * 4];
      sums[0] += 1;
      sums[1] += y;
      sums[2] += w2;
      sums[3] += w2 * y;
    }
  }
  // The variance of the weighted share (0 when its base has no weight).
  double variance() const;

 private:
  const CalibratedDesign* design_;
  double weight_ = 0, yes_weight_ = 0, square_ = 0, square_yes_ = 0;
  // Per slot: respondents, of them yes, squared weight, squared weight of yes.
  std::vector<double> slot_sums_;
};

}  // namespace lyssna::analysis
