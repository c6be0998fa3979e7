// Agreement scores (see evaluation.hpp).
#include "analysis/codebook/evaluation.hpp"

namespace lyssna::analysis {

double Scores::precision() const {
  const auto d = true_positives + false_positives;
  return d ? double(true_positives) / double(d) : 1.0;
}

double Scores::recall() const {
  const auto d = true_positives + false_negatives;
  return d ? double(true_positives) / double(d) : 1.0;
}

double Scores::f1() const {
  const auto d = 2 * true_positives + false_positives + false_negatives;
  return d ? 2.0 * double(true_positives) / double(d) : 1.0;
}

Evaluation evaluate(const std::map<std::string, std::set<std::string>>& gold,
                    const std::map<std::string, std::set<std::string>>& predicted) {
  Evaluation e;
  static const std::set<std::string> none;
  for (const auto& [id, truth] : gold) {
    ++e.texts;
    auto it = predicted.find(id);
    const auto& guess = it == predicted.end() ? none : it->second;
    for (const auto& t : truth) {
      auto& s = e.per_theme[t];
      if (guess.count(t)) {
        ++s.true_positives;
        ++e.micro.true_positives;
      } else {
        ++s.false_negatives;
        ++e.micro.false_negatives;
      }
    }
    for (const auto& t : guess) {
      if (!truth.count(t)) {
        ++e.per_theme[t].false_positives;
        ++e.micro.false_positives;
      }
    }
  }
  double sum = 0;
  for (const auto& [theme, s] : e.per_theme) sum += s.f1();
  e.macro_f1 = e.per_theme.empty() ? 1.0 : sum / double(e.per_theme.size());
  return e;
}

}  // namespace lyssna::analysis
