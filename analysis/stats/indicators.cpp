// Indicators (see indicators.hpp).
#include "analysis/stats/indicators.hpp"

#include <algorithm>

namespace lyssna::analysis {
namespace {

const std::vector<std::string> problem_scale = {"no_problem", "small", "fairly_big", "very_big", "dont_know"};
const std::vector<std::string> problem_items = {
    "problem_litter", "problem_vandalism", "problem_traffic", "problem_youth_disorder", "problem_intoxicated",
    "problem_drug_dealing", "problem_burglary", "problem_car_crime", "problem_violence", "problem_shootings",
    "problem_harassment", "problem_poor_lighting", "problem_transit", "problem_fraud"};
const std::vector<std::string> victim_items = {"victim_burglary", "victim_theft", "victim_assault",
                                               "victim_threat",   "victim_fraud", "victim_harassment"};

// A definition with its questions and answers resolved to codes once:
// per question, per code, whether the answer is substantive and whether it
// counts as yes.
constexpr uint8_t counted_flag = 1, yes_flag = 2;
struct Compiled {
  std::vector<int> questions;
  std::vector<std::vector<uint8_t>> flags;
};

Compiled compile(const Dataset& data, const IndicatorDefinition& def) {
  Compiled c;
  for (const auto& qid : def.questions) {
    int q = data.question(qid);
    if (q < 0) continue;
    const size_t codes = data.coded(q).options.size() + 1;
    std::vector<uint8_t> flags(codes, 0);  // code 0, no answer: not counted
    for (size_t k = 1; k < codes; ++k) {
      const std::string& option = data.coded(q).options[k - 1];
      const bool yes = std::find(def.yes.begin(), def.yes.end(), option) != def.yes.end();
      const bool counted =
          std::find(def.not_substantive.begin(), def.not_substantive.end(), option) == def.not_substantive.end();
      flags[k] = static_cast<uint8_t>((counted ? counted_flag : 0) | (yes ? yes_flag : 0));
    }
    c.questions.push_back(q);
    c.flags.push_back(std::move(flags));
  }
  return c;
}

// -1: not in the base; 0: no; 1: yes.
int evaluate(const Dataset& data, const Compiled& c, size_t row) {
  int result = -1;
  for (size_t i = 0; i < c.questions.size(); ++i) {
    const uint8_t flags = c.flags[i][data.code(row, c.questions[i])];
    if (!(flags & counted_flag)) continue;
    if (flags & yes_flag) return 1;
    result = 0;
  }
  return result;
}

}  // namespace

std::vector<IndicatorDefinition> standard_indicators(const Codebook& codebook) {
  std::vector<IndicatorDefinition> defs = {
      {"unsafe_night", {"safe_night"}, {"fairly_unsafe", "very_unsafe"}, {}, false},
      {"never_out", {"safe_night"}, {"never_out"}, {}, false},
      {"avoid_places", {"avoid_places"}, {"yes"}, {}, false},
      {"worry_crime", {"worry_crime"}, {"fairly", "very"}, {}, false},
  };
  for (const auto& v : victim_items) defs.push_back({v, {v}, {"yes"}, {}, false});
  defs.push_back({"police_trust", {"police_trust"}, {"very_high", "fairly_high"}, {"dont_know"}, true});
  for (const auto& p : problem_items) defs.push_back({p, {p}, {"fairly_big", "very_big"}, {"dont_know"}, false});
  for (const auto& theme : codebook.themes) {
    if (theme.problem_items.empty()) continue;
    defs.push_back({"theme_" + theme.id, theme.problem_items, {"fairly_big", "very_big"}, {"dont_know"}, false});
  }
  return defs;
}

std::vector<CodedQuestion> standard_coded_questions(const std::vector<std::string>& areas) {
  std::vector<CodedQuestion> q = {
      {"area", areas},
      {"age_group", {"16-24", "25-44", "45-64", "65+"}},
      {"gender", {"woman", "man", "other"}},
      {"safe_night", {"very_safe", "fairly_safe", "fairly_unsafe", "very_unsafe", "never_out"}},
      {"avoid_places", {"yes", "no"}},
      {"worry_crime", {"not_at_all", "a_little", "fairly", "very"}},
      {"police_trust", {"very_high", "fairly_high", "fairly_low", "very_low", "dont_know"}},
  };
  for (const auto& p : problem_items) q.push_back({p, problem_scale});
  for (const auto& v : victim_items) q.push_back({v, {"yes", "no"}});
  return q;
}

Share indicator_share(const Dataset& data, const IndicatorDefinition& def, const std::vector<double>& weights,
                      const SmallNumbers& rules, const std::vector<bool>& include) {
  Compiled c = compile(data, def);
  ShareCounter counter;
  for (size_t row = 0; row < data.size(); ++row) {
    if (!include.empty() && !include[row]) continue;
    int v = evaluate(data, c, row);
    if (v >= 0) counter.add(v == 1, weights.empty() ? 1.0 : weights[row]);
  }
  return counter.result(rules);
}

std::vector<IndicatorGroup> compute_indicators(const Dataset& data, const std::vector<IndicatorDefinition>& defs,
                                               const std::vector<std::string>& groupings,
                                               const std::vector<double>& weights, const SmallNumbers& rules) {
  std::vector<Compiled> compiled;
  for (const auto& d : defs) compiled.push_back(compile(data, d));
  // Every group of every grouping gets a row of counters; each respondent is
  // evaluated once per indicator and counted in its group of each grouping.
  struct Grouping {
    std::string by;
    int question = -1;      // -1: the total
    size_t first_group = 0; // index of its first group in `groups`
  };
  std::vector<Grouping> chosen;
  std::vector<IndicatorGroup> groups;
  for (const auto& by : groupings) {
    const int q = by == "total" ? -1 : data.question(by);
    if (by != "total" && q < 0) continue;
    chosen.push_back({by, q, groups.size()});
    if (q < 0) {
      groups.push_back({by, "", 0, {}});
    } else {
      for (const auto& o : data.coded(q).options) groups.push_back({by, o, 0, {}});
    }
  }
  std::vector<ShareCounter> counters(groups.size() * defs.size());
  std::vector<int> value(defs.size());
  std::vector<size_t> member;
  for (size_t row = 0; row < data.size(); ++row) {
    member.clear();
    for (const auto& g : chosen) {
      if (g.question < 0) {
        member.push_back(g.first_group);
      } else if (uint8_t code = data.code(row, g.question)) {
        member.push_back(g.first_group + code - 1);  // no answer to the grouping question: in no group
      }
    }
    if (member.empty()) continue;
    for (size_t i = 0; i < defs.size(); ++i) value[i] = evaluate(data, compiled[i], row);
    const double w = weights.empty() ? 1.0 : weights[row];
    for (size_t g : member) {
      ++groups[g].respondents;
      for (size_t i = 0; i < defs.size(); ++i) {
        if (value[i] >= 0) counters[g * defs.size() + i].add(value[i] == 1, w);
      }
    }
  }
  for (size_t g = 0; g < groups.size(); ++g) {
    for (size_t i = 0; i < defs.size(); ++i) {
      groups[g].values.push_back({defs[i].id, counters[g * defs.size() + i].result(rules)});
    }
  }
  return groups;
}

}  // namespace lyssna::analysis
