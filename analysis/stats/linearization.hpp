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

// Sums over respondents that a share and its variance are made of.
struct ShareSums {
  double n = 0, yes = 0;              // respondents, of them yes
  double weight = 0, yes_weight = 0;  // their weights
  double square = 0, square_yes = 0;  // their squared weights
  void add(bool y, double w) {        // inline: called per respondent and indicator
    const double v = y ? 1.0 : 0.0;
    n += 1;
    yes += v;
    weight += w;
    yes_weight += w * v;
    square += w * w;
    square_yes += w * w * v;
  }
  void add(const ShareSums& o) {
    n += o.n;
    yes += o.yes;
    weight += o.weight;
    yes_weight += o.yes_weight;
    square += o.square;
    square_yes += o.square_yes;
  }
};

// One share's sums over its base (the respondents of a group with a
// substantive answer), from which its linearization variance follows.
class CalibratedShare {
 public:
  explicit CalibratedShare(const CalibratedDesign& design);
  // One respondent of the base, with the design's weight.
  void add(size_t respondent, bool yes) {
    ShareSums one;
    one.add(yes, design_->weights_[respondent]);
    add(&design_->slot_of_[respondent * design_->margins_], one);
  }
  // Respondents who share their category of every margin (`slots`, one per
  // margin, -1 for none), summed.
  void add(const int32_t* slots, const ShareSums& sums);
  const ShareSums& totals() const { return totals_; }
  // The variance of the weighted share (0 when its base has no weight).
  double variance() const;

 private:
  const CalibratedDesign* design_;
  ShareSums totals_;
  // Per slot: respondents, of them yes, squared weight, squared weight of yes.
  std::vector<double> slot_sums_;
};

}  // namespace lyssna::analysis
