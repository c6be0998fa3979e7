// The ranked priority list behind the citizen promise (interchange.md
// section 5). For each theme two signals, each scaled to the strongest theme:
//   survey signal   = problem_share / max problem_share over the themes
//   dialogue signal = mention_share / max mention_share over the themes
//   score           = a * survey signal + b * dialogue signal
// with the blend's weights a + b = 1 (0.5 each unless the analyst chose
// others for the survey). A theme the questionnaire does not ask about (no
// problem items) is scored on its dialogue signal alone. Ties: score, then
// mentions, then id.
// Dot votes of the survey's dialogue sessions are a third signal, used only
// when the scope has dots (so a survey without votes ranks as before):
//   vote signal = vote_share / max vote_share   (vote_share: the theme's
//                 share of every dot placed in the scope's votes)
//   score       = (1 - v) * (the score above) + v * vote signal
// with v the blend's vote_weight (0.25 unless the analyst chose another).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/codebook/codebook.hpp"
#include "analysis/quotes/quote.hpp"
#include "analysis/stats/proportion.hpp"

namespace lyssna::analysis {

struct ThemeSignal {
  std::string theme;
  std::optional<Share> problem;  // empty for themes without problem items
  int64_t mentions = 0;          // responses with free text that carry the theme
  int64_t texts = 0;             // responses with free text (the base of mention_share)
  std::vector<Quote> quotes;
  int64_t dots = 0;      // dots placed on the theme in the scope's dot votes
  int64_t all_dots = 0;  // every dot placed in them (the base of vote_share)
};

struct PriorityRow {
  int rank = 0;
  std::string theme;
  double score = 0;
  std::optional<double> problem_share;
  std::optional<Interval> problem_share_ci;
  double mention_share = 0;
  int64_t n = 0;  // base of problem_share, or of mention_share for themes without items
  double survey_signal = 0, dialogue_signal = 0;
  // The score's parts (score = their sum): weight times signal, or for a
  // theme without problem items 0 and its dialogue signal; with dots in the
  // scope each of those times (1 - vote_weight), and the vote part beside.
  double survey_part = 0, dialogue_part = 0;
  int64_t mentions = 0;
  int64_t dots = 0;
  double vote_share = 0, vote_signal = 0, vote_part = 0;
  std::vector<Quote> quotes;
};

// The weights of the two signals in the score.
struct PriorityBlend {
  double survey_weight = 0.5, dialogue_weight = 0.5;
  // The dot votes' share of the score where there are dots (0 to 1).
  double vote_weight = 0.25;
};
// Why `blend` cannot be used (none when it can): each weight a finite
// number from 0 to 1, the two summing to 1 (within 1e-9). `weight` names
// the weight at fault ("survey_weight" for a sum other than 1); vote_weight
// is a number from 0 to 1 of its own.
struct BlendProblem {
  std::string weight, message;
};
std::optional<BlendProblem> blend_problem(const PriorityBlend& blend);

struct PriorityMethod {
  double survey_weight = 0.5, dialogue_weight = 0.5;
  double max_problem_share = 0, max_mention_share = 0;
  double vote_weight = 0.25;  // as chosen
  int64_t dots = 0;           // every dot in scope: the vote signal counts only when > 0
  double max_vote_share = 0;
  // vote_weight when the scope has dots, else 0: what the score used.
  double applied_vote_weight() const { return dots > 0 ? vote_weight : 0; }
};

std::vector<PriorityRow> rank_priorities(const std::vector<ThemeSignal>& signals,
                                         PriorityMethod& method);

}  // namespace lyssna::analysis
