// JSON forms shared by the reports (see reports.hpp).
#include <cmath>

#include "reports/reports.hpp"

namespace lyssna::reports {
namespace {

// Four decimals are plenty for shares and keep outputs stable and readable.
double round4(double v) { return std::round(v * 10000) / 10000; }

}  // namespace

nlohmann::json share_json(const analysis::Share& s) {
  nlohmann::json j = {{"n", s.n}, {"n_effective", round4(s.effective_n)}};
  if (s.suppressed) {
    j["suppressed"] = true;
    j["share"] = nullptr;
    j["ci"] = nullptr;
    return j;
  }
  j["share"] = round4(*s.value);
  j["ci"] = {round4(s.ci->low), round4(s.ci->high)};
  if (s.uncertain) j["uncertain"] = true;
  return j;
}

nlohmann::json weighting_json(const analysis::RakingResult& r) {
  return {{"converged", r.converged},
          {"iterations", r.iterations},
          {"max_deviation", r.max_deviation},
          {"population", r.population},
          {"weight_min", round4(r.min_weight)},
          {"weight_max", round4(r.max_weight)},
          {"weight_mean", round4(r.mean_weight)},
          {"design_effect", round4(r.design_effect)},
          {"trimmed", r.trimmed},
          {"warnings", r.warnings}};
}

}  // namespace lyssna::reports
