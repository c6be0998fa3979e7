// How well automatic themes agree with themes coded by people: precision,
// recall and F1 per theme, micro-averaged over all decisions and
// macro-averaged over themes.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace lyssna::analysis {

struct Scores {
  int64_t true_positives = 0, false_positives = 0, false_negatives = 0;
  double precision() const;
  double recall() const;
  double f1() const;
};

struct Evaluation {
  Scores micro;
  double macro_f1 = 0;  // mean F1 over the themes that occur in `gold` or `predicted`
  std::map<std::string, Scores> per_theme;
  int64_t texts = 0;
};

// `gold` and `predicted` map a text id to its themes; texts missing from
// `predicted` have none. Only ids in `gold` are scored.
Evaluation evaluate(const std::map<std::string, std::set<std::string>>& gold,
                    const std::map<std::string, std::set<std::string>>& predicted);

}  // namespace lyssna::analysis
