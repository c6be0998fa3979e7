// Ranking (see priorities.hpp).
#include "analysis/stats/priorities.hpp"

#include <algorithm>
#include <cmath>

namespace lyssna::analysis {

std::optional<BlendProblem> blend_problem(const PriorityBlend& blend) {
  for (auto [name, w] : {std::pair{"survey_weight", blend.survey_weight},
                         std::pair{"dialogue_weight", blend.dialogue_weight}}) {
    if (!std::isfinite(w) || w < 0 || w > 1)
      return BlendProblem{name, std::string(name) + " must be a number from 0 to 1"};
  }
  if (!std::isfinite(blend.vote_weight) || blend.vote_weight < 0 || blend.vote_weight > 1)
    return BlendProblem{"vote_weight", "vote_weight must be a number from 0 to 1"};
  if (std::abs(blend.survey_weight + blend.dialogue_weight - 1) > 1e-9)
    return BlendProblem{"survey_weight", "survey_weight and dialogue_weight must add up to 1"};
  return std::nullopt;
}

std::vector<PriorityRow> rank_priorities(const std::vector<ThemeSignal>& signals,
                                         PriorityMethod& method) {
  method.max_problem_share = 0;
  method.max_mention_share = 0;
  method.max_vote_share = 0;
  method.dots = 0;
  for (const auto& s : signals) {
    method.dots = std::max(method.dots, s.all_dots);
    if (s.all_dots > 0)
      method.max_vote_share = std::max(method.max_vote_share, double(s.dots) / double(s.all_dots));
    if (s.problem && s.problem->value)
      method.max_problem_share = std::max(method.max_problem_share, *s.problem->value);
    if (s.texts > 0)
      method.max_mention_share =
          std::max(method.max_mention_share, double(s.mentions) / double(s.texts));
  }
  // Without dots the vote weight is 0 and every score is exactly as before.
  const double v = method.applied_vote_weight();
  std::vector<PriorityRow> rows;
  for (const auto& s : signals) {
    PriorityRow r;
    r.theme = s.theme;
    r.mentions = s.mentions;
    r.quotes = s.quotes;
    r.mention_share = s.texts > 0 ? double(s.mentions) / double(s.texts) : 0;
    r.dialogue_signal =
        method.max_mention_share > 0 ? r.mention_share / method.max_mention_share : 0;
    if (s.problem) {
      r.n = s.problem->n;
      r.problem_share = s.problem->value;
      r.problem_share_ci = s.problem->ci;
    } else {
      r.n = s.texts;
    }
    if (r.problem_share) {
      r.survey_signal =
          method.max_problem_share > 0 ? *r.problem_share / method.max_problem_share : 0;
      r.survey_part = method.survey_weight * r.survey_signal;
      r.dialogue_part = method.dialogue_weight * r.dialogue_signal;
    } else {
      r.dialogue_part = r.dialogue_signal;
    }
    r.dots = s.dots;
    r.vote_share = s.all_dots > 0 ? double(s.dots) / double(s.all_dots) : 0;
    r.vote_signal = method.max_vote_share > 0 ? r.vote_share / method.max_vote_share : 0;
    if (v > 0) {
      r.survey_part *= 1 - v;
      r.dialogue_part *= 1 - v;
      r.vote_part = v * r.vote_signal;
    }
    r.score = r.survey_part + r.dialogue_part + r.vote_part;
    rows.push_back(std::move(r));
  }
  std::sort(rows.begin(), rows.end(), [](const PriorityRow& a, const PriorityRow& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.mentions != b.mentions) return a.mentions > b.mentions;
    return a.theme < b.theme;
  });
  for (size_t i = 0; i < rows.size(); ++i) rows[i].rank = static_cast<int>(i + 1);
  return rows;
}

}  // namespace lyssna::analysis
