// Change between two surveys with the same standard ids: for each indicator
// the difference of shares, its 95% interval and whether it is larger than
// chance (two-sided z-test on the shares' standard errors, 5% level).
#pragma once

#include <optional>
#include <string>

#include "analysis/stats/proportion.hpp"

namespace lyssna::analysis {

struct Change {
  std::optional<double> difference;  // later - earlier
  std::optional<Interval> ci;
  std::optional<double> p_value;
  bool significant = false;
  std::string verdict;  // "better", "worse", "no significant change", "not comparable"
};

Change compare_shares(const Share& earlier, const Share& later, bool higher_is_better);

}  // namespace lyssna::analysis
