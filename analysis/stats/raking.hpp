// Raking (iterative proportional fitting): weights that make the sample
// match every given population margin at once (interchange.md section 4),
// held within bounds relative to each respondent's stratum, and the figures
// that show how well it went: convergence, weight range, what was trimmed,
// the design effect; with what the linearization variances need.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace lyssna::analysis {

// Population counts per category of one variable ("age_group": {"16-24": 9000, ...}).
struct Margin {
  std::string variable;
  std::map<std::string, double> counts;
};

// The largest population count a margin may give: a trillion people is far
// beyond any population, and sums of counts below it stay exact in a double.
inline constexpr double max_margin_count = 1e12;

// Reads {"survey": ..., "margins": {"area": {...}, ...}}. Throws
// BadSpecification (field "margins") naming the variable and category of a
// count that is not a number from 0 to max_margin_count.
std::vector<Margin> parse_margins(const nlohmann::json& j);

class CalibratedDesign;

// Trimming is part of the raking (bounded raking, Deville & Särndal 1992):
// each weight is its base weight times an adjustment held within
// [trim_below, trim_above], and the margins are met with the bounds in
// force. The base weight is the stratum's population over its respondents
// (the stratum: the margin named `stratum`, the area by default; without
// it, the population over all respondents). A small area sampled ten times
// as densely on purpose has base weights a tenth of the others', so its
// respondents are trimmed only when they are far from their own area's
// weight, never for the oversampling itself.
struct RakingOptions {
  int max_iterations = 200;
  double tolerance = 1e-7;  // largest allowed difference of a category's share
  double trim_above = 5.0;  // adjustment capped at this multiple of the base weight
  double trim_below = 0.2;  // and floored at this multiple
  std::string stratum = "area";
};

struct RakingResult {
  std::vector<double> weights;  // per respondent, summing to the population total
  bool converged = false;
  int iterations = 0;
  double max_deviation = 0;  // largest |sample share - population share| after raking
  double min_weight = 0, max_weight = 0, mean_weight = 0;
  double cv = 0;             // coefficient of variation of the weights
  double design_effect = 1;  // 1 + cv^2 (Kish): what the weights' spread costs
  // Trimming: adjustments at the lower and upper bound, and per stratum.
  int trimmed = 0, trimmed_low = 0, trimmed_high = 0;
  std::map<std::string, int> trimmed_by_stratum;
  std::string stratum;  // the margin the base weights came from; empty: none
  double trim_below = 0, trim_above = 0;
  double population = 0;
  std::vector<std::string> warnings;
  // The margins' categories of each respondent and the weights, for the
  // linearization variances of weighted shares (linearization.hpp).
  std::shared_ptr<const CalibratedDesign> design;
};

// `category(r, variable)` is respondent r's category for a raked variable
// (empty when missing); a missing or unknown category leaves that respondent
// out of that margin's adjustment (its weight is carried by the other margins).
using CategoryOf = std::function<std::string_view(size_t respondent, const std::string& variable)>;
RakingResult rake(size_t respondents, const CategoryOf& category,
                  const std::vector<Margin>& margins, const RakingOptions& options = {});
// The same with each respondent's categories in a map (small inputs, tests).
RakingResult rake(const std::vector<std::map<std::string, std::string>>& values,
                  const std::vector<Margin>& margins, const RakingOptions& options = {});

}  // namespace lyssna::analysis
