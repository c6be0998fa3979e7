// Indicators (see indicators.hpp).
#include "analysis/stats/indicators.hpp"

#include <algorithm>

#include "analysis/analysis_error.hpp"

namespace lyssna::analysis {
namespace {

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
      const bool counted = std::find(def.not_substantive.begin(), def.not_substantive.end(),
                                     option) == def.not_substantive.end();
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

// The indicator an each_theme rule makes of a theme with problem items.
IndicatorDefinition theme_definition(const IndicatorRule& rule, const Theme& theme) {
  return {rule.each_theme + theme.id, theme.problem_items, rule.yes, rule.not_substantive,
          rule.higher_is_better};
}

// A share's counts, and with a raked design its sums for the variance.
class Accumulator {
 public:
  explicit Accumulator(const CalibratedDesign* design) {
    if (design) calibrated_.emplace(*design);
  }
  void add(size_t row, bool yes, double weight) {
    counter_.add(yes, weight);
    if (calibrated_) calibrated_->add(row, yes);
  }
  Share result(const SmallNumbers& rules) const {
    // A suppressed share needs no variance.
    if (!calibrated_ || counter_.n() < rules.suppress_below) return counter_.result(rules);
    return counter_.result(rules, calibrated_->variance());
  }

 private:
  ShareCounter counter_;
  std::optional<CalibratedShare> calibrated_;
};

// The weight of a row: the design's when there is one.
double weight_of(const std::vector<double>& weights, const CalibratedDesign* design, size_t row) {
  if (design) return design->weight(row);
  return weights.empty() ? 1.0 : weights[row];
}

}  // namespace

IndicatorSpec parse_indicator_spec(const nlohmann::json& j) {
  auto texts = [](const nlohmann::json& obj, const char* field, const std::string& where) {
    std::vector<std::string> out;
    if (!obj.contains(field)) return out;
    if (!obj[field].is_array()) throw BadSpecification(where + ": '" + field + "' must be a list");
    for (const auto& v : obj[field]) {
      if (!v.is_string()) throw BadSpecification(where + ": '" + field + "' must hold ids");
      out.push_back(v.get<std::string>());
    }
    return out;
  };
  auto text = [](const nlohmann::json& obj, const char* field, const std::string& where) {
    if (!obj.contains(field)) return std::string();
    if (!obj[field].is_string() || obj[field].get<std::string>().empty()) {
      throw BadSpecification(where + ": '" + field + "' must be an id");
    }
    return obj[field].get<std::string>();
  };
  if (!j.is_object() || !j.contains("indicators") || !j["indicators"].is_array()) {
    throw BadSpecification("indicator definitions: 'indicators' must be a list");
  }
  IndicatorSpec spec;
  spec.version = j.value("version", 1);
  spec.groupings = texts(j, "groupings", "indicator definitions");
  for (const auto& r : j["indicators"]) {
    const std::string where = "indicator " + std::to_string(spec.rules.size() + 1);
    if (!r.is_object()) throw BadSpecification(where + " must be an object");
    IndicatorRule rule;
    rule.id = text(r, "id", where);
    rule.question = text(r, "question", where);
    rule.each_question = text(r, "each_question", where);
    rule.each_theme = text(r, "each_theme", where);
    rule.yes = texts(r, "yes", where);
    rule.not_substantive = texts(r, "not_substantive", where);
    rule.higher_is_better = r.value("higher_is_better", false);
    const int kinds =
        !rule.question.empty() + !rule.each_question.empty() + !rule.each_theme.empty();
    if (kinds != 1 || rule.id.empty() != rule.question.empty()) {
      throw BadSpecification(where +
                             ": give 'id' and 'question', or 'each_question', or 'each_theme'");
    }
    if (rule.yes.empty())
      throw BadSpecification(where + ": 'yes' must name the answers that count");
    spec.rules.push_back(std::move(rule));
  }
  return spec;
}

std::optional<IndicatorDefinition> theme_indicator(const IndicatorSpec& spec, const Theme& theme) {
  auto rule = std::find_if(spec.rules.begin(), spec.rules.end(),
                           [](const auto& r) { return !r.each_theme.empty(); });
  if (rule == spec.rules.end() || theme.problem_items.empty()) return std::nullopt;
  return theme_definition(*rule, theme);
}

std::vector<IndicatorDefinition> indicator_definitions(const IndicatorSpec& spec,
                                                       const std::vector<CodedQuestion>& questions,
                                                       const Codebook& codebook) {
  std::vector<IndicatorDefinition> defs;
  for (const auto& rule : spec.rules) {
    auto add = [&](const std::string& id, std::vector<std::string> of) {
      defs.push_back({id, std::move(of), rule.yes, rule.not_substantive, rule.higher_is_better});
    };
    if (!rule.question.empty()) {
      auto found = std::find_if(questions.begin(), questions.end(),
                                [&](const auto& q) { return q.id == rule.question; });
      if (found != questions.end()) add(rule.id, {rule.question});
    } else if (!rule.each_question.empty()) {
      for (const auto& q : questions) {
        if (q.id.rfind(rule.each_question, 0) == 0) add(q.id, {q.id});
      }
    } else {
      for (const auto& theme : codebook.themes) {
        if (!theme.problem_items.empty()) defs.push_back(theme_definition(rule, theme));
      }
    }
  }
  return defs;
}

Share indicator_share(const Dataset& data, const IndicatorDefinition& def,
                      const std::vector<double>& weights, const SmallNumbers& rules,
                      const std::vector<bool>& include, const CalibratedDesign* design) {
  Compiled c = compile(data, def);
  Accumulator counter(design);
  for (size_t row = 0; row < data.size(); ++row) {
    if (!include.empty() && !include[row]) continue;
    int v = evaluate(data, c, row);
    if (v >= 0) counter.add(row, v == 1, weight_of(weights, design, row));
  }
  return counter.result(rules);
}

std::vector<IndicatorGroup> compute_indicators(const Dataset& data,
                                               const std::vector<IndicatorDefinition>& defs,
                                               const std::vector<std::string>& groupings,
                                               const std::vector<double>& weights,
                                               const SmallNumbers& rules,
                                               const CalibratedDesign* design) {
  std::vector<Compiled> compiled;
  for (const auto& d : defs) compiled.push_back(compile(data, d));
  // Every group of every grouping gets a row of counters; each respondent is
  // evaluated once per indicator and counted in its group of each grouping.
  struct Grouping {
    std::string by;
    int question = -1;       // -1: the total
    size_t first_group = 0;  // index of its first group in `groups`
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
  std::vector<Accumulator> counters(groups.size() * defs.size(), Accumulator(design));
  std::vector<int> value(defs.size());
  std::vector<size_t> member;
  for (size_t row = 0; row < data.size(); ++row) {
    member.clear();
    for (const auto& g : chosen) {
      if (g.question < 0) {
        member.push_back(g.first_group);
      } else if (uint8_t code = data.code(row, g.question)) {
        member.push_back(g.first_group + code -
                         1);  // no answer to the grouping question: in no group
      }
    }
    if (member.empty()) continue;
    for (size_t i = 0; i < defs.size(); ++i) value[i] = evaluate(data, compiled[i], row);
    const double w = weight_of(weights, design, row);
    for (size_t g : member) {
      ++groups[g].respondents;
      for (size_t i = 0; i < defs.size(); ++i) {
        if (value[i] >= 0) counters[g * defs.size() + i].add(row, value[i] == 1, w);
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
