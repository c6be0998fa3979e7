// JSON documents of the results (see documents.hpp). Shares are rounded to
// four decimals: plenty, and outputs stay stable and readable.
#include "reports/documents.hpp"

#include <cmath>

#include "util/clock.hpp"

namespace lyssna::reports {
namespace {

using nlohmann::json;

double round4(double v) {
  return std::round(v * 10000) / 10000;
}

json optional_text(const std::optional<std::string>& v) {
  return v ? json(*v) : json();
}
json optional_number(const std::optional<double>& v) {
  return v ? json(round4(*v)) : json();
}
json interval(const std::optional<analysis::Interval>& ci) {
  return ci ? json({round4(ci->low), round4(ci->high)}) : json();
}

// {"share", "ci", "n", "n_effective", "uncertain", "suppressed"}.
json share_json(const analysis::Share& s) {
  json j = {{"n", s.n}, {"n_effective", round4(s.effective_n)}};
  if (s.suppressed) {
    j["suppressed"] = true;
    j["share"] = nullptr;
    j["ci"] = nullptr;
    return j;
  }
  j["share"] = round4(*s.value);
  j["ci"] = interval(s.ci);
  if (s.se) j["se"] = round4(*s.se);
  if (s.design_effect) j["design_effect"] = round4(*s.design_effect);
  if (s.uncertain) j["uncertain"] = true;
  return j;
}

json weighting_json(const analysis::RakingResult& r) {
  return {{"converged", r.converged},
          {"iterations", r.iterations},
          {"max_deviation", r.max_deviation},
          {"population", r.population},
          {"weight_min", round4(r.min_weight)},
          {"weight_max", round4(r.max_weight)},
          {"weight_mean", round4(r.mean_weight)},
          {"design_effect", round4(r.design_effect)},
          {"trimmed", r.trimmed},
          {"trimming",
           {{"relative_to", r.stratum.empty() ? json("mean") : json(r.stratum)},
            {"bounds", {r.trim_below, r.trim_above}},
            {"at_lower", r.trimmed_low},
            {"at_upper", r.trimmed_high},
            {"by_stratum", r.trimmed_by_stratum}}},
          {"warnings", r.warnings}};
}

json response_line(const ResponseThemes& r) {
  return {{"id", r.id}, {"themes", r.themes}};
}

json hit_json(const analysis::SearchHit& h) {
  json snippets = json::array();
  for (const auto& s : h.snippets)
    snippets.push_back({{"question", s.question}, {"snippet", s.text}});
  return {{"id", h.record_id},
          {"area", h.area},
          {"lang", h.lang},
          {"channel", h.channel},
          {"submitted_at", clock::format_rfc3339(h.submitted_epoch)},
          {"percent", h.percent},
          {"snippets", snippets}};
}

}  // namespace

json document(const ThemeSummary& r) {
  json themes = json::array();
  for (const auto& t : r.themes) {
    themes.push_back(
        {{"theme", t.theme}, {"label", t.label}, {"count", t.count}, {"share", round4(t.share)}});
  }
  return {{"survey", r.survey}, {"area", optional_text(r.area)}, {"codebook", r.codebook},
          {"texts", r.texts},   {"untagged", r.untagged},        {"themes", themes}};
}

json document(const ThemesPerResponse& r) {
  return {{"survey", r.survey}, {"responses", lines(r)}};
}

std::vector<json> lines(const ThemesPerResponse& r) {
  std::vector<json> out;
  out.reserve(r.responses.size());
  for (const auto& line : r.responses) out.push_back(response_line(line));
  return out;
}

json document(const SearchReport& r) {
  // "total_estimate" is format 1's name for the total, kept for its readers.
  return {{"survey", r.survey},        {"query", r.query},
          {"total", r.total},          {"total_exact", r.total_exact},
          {"total_estimate", r.total}, {"offset", r.offset},
          {"hits", lines(r)}};
}

std::vector<json> lines(const SearchReport& r) {
  std::vector<json> out;
  for (const auto& h : r.hits) out.push_back(hit_json(h));
  return out;
}

json document(const DiscoverReport& r) {
  json list = json::array();
  for (const auto& c : r.candidates) {
    json quotes = json::array();
    for (const auto& q : c.quotes)
      quotes.push_back({{"id", q.record_id}, {"lang", q.lang}, {"text", q.text}});
    json by_language = json::object();
    for (const auto& [lang, terms] : c.terms_by_language) by_language[lang] = terms;
    list.push_back({{"count", c.count},
                    {"terms", c.terms},
                    {"terms_by_language", by_language},
                    {"quotes", quotes}});
  }
  return {{"survey", r.survey},           {"unmatched", r.unmatched}, {"texts", r.texts},
          {"non_answers", r.non_answers}, {"candidates", list},       {"warnings", r.warnings}};
}

json document(const IndicatorReport& r) {
  json groups = json::array();
  for (const auto& g : r.groups) {
    json values = json::object();
    for (const auto& v : g.values) values[v.indicator] = share_json(v.share);
    groups.push_back({{"by", g.by},
                      {"value", g.by == "total" ? json() : json(g.value)},
                      {"respondents", g.respondents},
                      {"indicators", values}});
  }
  json areas = json::array();
  for (const auto& a : r.problem_index) {
    json levels = json::array();
    for (const auto& l : a.levels) {
      levels.push_back({{"indicator", l.indicator},
                        {"share", round4(l.share)},
                        {"reference", round4(l.reference)},
                        {"band_width", round4(l.width)},
                        {"level", l.level},
                        {"n", l.n}});
    }
    areas.push_back({{"area", a.area},
                     {"respondents", a.respondents},
                     {"index", a.index ? json(std::round(*a.index * 100) / 100) : json()},
                     {"label", a.index ? json(a.label) : json()},
                     {"levels", levels}});
  }
  json d = {
      {"survey", r.survey},
      {"weighted", r.weighting.has_value()},
      {"small_numbers",
       {{"suppress_below", r.small.suppress_below}, {"uncertain_below", r.small.uncertain_below}}},
      {"groups", groups},
      {"problem_index", {{"config_version", r.problem_index_version}, {"areas", areas}}}};
  if (r.weighting) d["weighting"] = weighting_json(*r.weighting);
  return d;
}

namespace {

json priority_row_json(const analysis::PriorityRow& row, const std::string& label) {
  json quotes = json::array();
  for (const auto& q : row.quotes) {
    quotes.push_back(
        {{"id", q.record_id}, {"question", q.question}, {"lang", q.lang}, {"text", q.text}});
  }
  return {{"rank", row.rank},
          {"theme", row.theme},
          {"label", label},
          {"score", round4(row.score)},
          {"problem_share", optional_number(row.problem_share)},
          {"problem_share_ci", interval(row.problem_share_ci)},
          {"mention_share", round4(row.mention_share)},
          {"n", row.n},
          {"mentions", row.mentions},
          {"survey_signal", round4(row.survey_signal)},
          {"dialogue_signal", round4(row.dialogue_signal)},
          {"dots", row.dots},
          {"vote_share", round4(row.vote_share)},
          {"vote_signal", round4(row.vote_signal)},
          {"quotes", quotes}};
}

json priority_method_json(const analysis::PriorityMethod& m) {
  return {{"score",
           "survey_weight * survey_signal + dialogue_weight * dialogue_signal; "
           "themes without problem items: dialogue_signal"},
          {"survey_weight", m.survey_weight},
          {"dialogue_weight", m.dialogue_weight},
          {"survey_signal", "problem_share / max_problem_share"},
          {"dialogue_signal", "mention_share / max_mention_share"},
          {"max_problem_share", round4(m.max_problem_share)},
          {"max_mention_share", round4(m.max_mention_share)},
          // Added with dot votes; "score" above holds wherever dots is 0.
          {"vote_weight", m.applied_vote_weight()},
          {"vote_signal", "vote_share / max_vote_share"},
          {"vote_score",
           "where dots > 0: (1 - vote_weight) * the score above + vote_weight * vote_signal"},
          {"dots", m.dots},
          {"max_vote_share", round4(m.max_vote_share)}};
}

}  // namespace

json document(const PriorityReport& r) {
  json list = json::array();
  for (const auto& [row, label] : r.priorities) list.push_back(priority_row_json(row, label));
  json d = {{"survey", r.survey},
            {"area", optional_text(r.area)},
            {"weighted", r.weighting.has_value()},
            {"n", r.respondents},
            {"texts", r.texts},
            {"priorities", list},
            {"method", priority_method_json(r.method)}};
  if (r.weighting) d["weighting"] = weighting_json(*r.weighting);
  return d;
}

json document(const MarkedPriorities& r) {
  json list = json::array();
  for (const auto& m : r.marked) {
    list.push_back({{"area", optional_text(m.area)},
                    {"theme", m.theme},
                    {"label", m.label},
                    {"marked_at", clock::format_rfc3339(m.marked_at)},
                    {"marked_by", m.marked_by},
                    {"priority", m.ranking ? priority_row_json(*m.ranking, m.label) : json()},
                    {"n", m.respondents},
                    {"texts", m.texts},
                    {"weighted", m.weighted},
                    {"method", priority_method_json(m.method)}});
  }
  return {{"survey", r.survey}, {"marked", list}};
}

json document(const TrendReport& r) {
  json indicators = json::array();
  for (const auto& row : r.indicators) {
    const auto& c = row.change;
    indicators.push_back({{"indicator", row.indicator},
                          {"earlier", share_json(row.earlier)},
                          {"later", share_json(row.later)},
                          {"change",
                           {{"difference", optional_number(c.difference)},
                            {"ci", interval(c.ci)},
                            {"p_value", optional_number(c.p_value)},
                            {"significant", c.significant},
                            {"verdict", c.verdict}}}});
  }
  return {{"survey", r.survey},
          {"earlier", r.earlier},
          {"weighted", r.weighted_later || r.weighted_earlier},
          {"weighted_earlier", r.weighted_earlier},
          {"weighted_later", r.weighted_later},
          {"indicators", indicators}};
}

}  // namespace lyssna::reports
