// Indicators (see indicators.hpp).
#include "analysis/stats/indicators.hpp"

#include <algorithm>
#include <map>

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

Share calibrated_result(const CalibratedShare& c, const SmallNumbers& rules) {
  const ShareSums& t = c.totals();
  const auto n = static_cast<int64_t>(t.n);
  std::optional<double> variance;
  if (n >= rules.suppress_below) variance = c.variance();  // a suppressed share needs none
  return make_share(n, t.weight, t.square, t.yes_weight, variance, rules);
}

// What a grouping of compute_indicators is, and where its groups start.
struct Grouping {
  std::string by;
  int question = -1;       // -1: the total
  size_t first_group = 0;  // index of its first group
};

// The group of `row` in each grouping (-1: none, no answer to the grouping question).
void groups_of(const Dataset& data, const std::vector<Grouping>& chosen, size_t row, int32_t* out) {
  for (size_t j = 0; j < chosen.size(); ++j) {
    const auto& g = chosen[j];
    const uint8_t code = g.question < 0 ? 1 : data.code(row, g.question);
    out[j] = code ? static_cast<int32_t>(g.first_group + code - 1) : -1;
  }
}

// With a raked design: respondents who are in the same groups and the same
// margin categories fall in one cell; the sums are made per cell and
// indicator (one addition per respondent and indicator), and each group's
// share and variance sums are put together from its cells.
void calibrated_indicators(const Dataset& data, const std::vector<Compiled>& compiled,
                           const std::vector<Grouping>& chosen, const CalibratedDesign& design,
                           const SmallNumbers& rules, const std::vector<std::string>& ids,
                           const std::vector<bool>& include, std::vector<IndicatorGroup>& groups) {
  const size_t key_size = chosen.size() + design.margins(), defs = compiled.size();
  std::map<std::vector<int32_t>, size_t> cell_index;
  std::vector<std::vector<int32_t>> cells;  // key: groups, then margin slots
  std::vector<int64_t> cell_rows;
  std::vector<ShareSums> sums;  // cells x indicators
  std::vector<int32_t> key(key_size);
  for (size_t row = 0; row < data.size(); ++row) {
    if (!include.empty() && !include[row]) continue;
    groups_of(data, chosen, row, key.data());
    for (size_t m = 0; m < design.margins(); ++m) key[chosen.size() + m] = design.slot(row, m);
    auto [it, added] = cell_index.try_emplace(key, cells.size());
    if (added) {
      cells.push_back(key);
      cell_rows.push_back(0);
      sums.resize(sums.size() + defs);
    }
    ++cell_rows[it->second];
    ShareSums* cell = &sums[it->second * defs];
    const double w = design.weight(row);
    for (size_t i = 0; i < defs; ++i) {
      const int v = evaluate(data, compiled[i], row);
      if (v >= 0) cell[i].add(v == 1, w);
    }
  }
  std::vector<CalibratedShare> shares(groups.size() * defs, CalibratedShare(design));
  for (size_t c = 0; c < cells.size(); ++c) {
    for (size_t j = 0; j < chosen.size(); ++j) {
      const int32_t g = cells[c][j];
      if (g < 0) continue;
      groups[static_cast<size_t>(g)].respondents += cell_rows[c];
      for (size_t i = 0; i < defs; ++i) {
        if (sums[c * defs + i].n > 0)
          shares[static_cast<size_t>(g) * defs + i].add(&cells[c][chosen.size()],
                                                        sums[c * defs + i]);
      }
    }
  }
  for (size_t g = 0; g < groups.size(); ++g) {
    for (size_t i = 0; i < defs; ++i)
      groups[g].values.push_back({ids[i], calibrated_result(shares[g * defs + i], rules)});
  }
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
  if (design) {
    CalibratedShare share(*design);
    for (size_t row = 0; row < data.size(); ++row) {
      if (!include.empty() && !include[row]) continue;
      const int v = evaluate(data, c, row);
      if (v >= 0) share.add(row, v == 1);
    }
    return calibrated_result(share, rules);
  }
  ShareCounter counter;
  for (size_t row = 0; row < data.size(); ++row) {
    if (!include.empty() && !include[row]) continue;
    const int v = evaluate(data, c, row);
    if (v >= 0) counter.add(v == 1, weights.empty() ? 1.0 : weights[row]);
  }
  return counter.result(rules);
}

std::vector<IndicatorGroup> compute_indicators(
    const Dataset& data, const std::vector<IndicatorDefinition>& defs,
    const std::vector<std::string>& groupings, const std::vector<double>& weights,
    const SmallNumbers& rules, const CalibratedDesign* design, const std::vector<bool>& include) {
  std::vector<Compiled> compiled;
  std::vector<std::string> ids;
  for (const auto& d : defs) {
    compiled.push_back(compile(data, d));
    ids.push_back(d.id);
  }
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
  if (design) {
    calibrated_indicators(data, compiled, chosen, *design, rules, ids, include, groups);
    return groups;
  }
  // Every group of every grouping gets a row of counters; each respondent is
  // evaluated once per indicator and counted in its group of each grouping.
  std::vector<ShareCounter> counters(groups.size() * defs.size());
  std::vector<int> value(defs.size());
  std::vector<int32_t> member(chosen.size());
  for (size_t row = 0; row < data.size(); ++row) {
    if (!include.empty() && !include[row]) continue;
    groups_of(data, chosen, row, member.data());
    for (size_t i = 0; i < defs.size(); ++i) value[i] = evaluate(data, compiled[i], row);
    const double w = weights.empty() ? 1.0 : weights[row];
    for (int32_t g : member) {
      if (g < 0) continue;
      ++groups[static_cast<size_t>(g)].respondents;
      for (size_t i = 0; i < defs.size(); ++i) {
        if (value[i] >= 0) counters[static_cast<size_t>(g) * defs.size() + i].add(value[i] == 1, w);
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
