// The ranked priority list (interchange.md section 5; the blend is in
// analysis/stats/priorities.hpp and docs/analysis.md).
#include <algorithm>
#include <cmath>
#include <future>
#include <set>

#include "analysis/codebook/theme_query.hpp"
#include "analysis/index/document_builder.hpp"
#include "analysis/index/prefixes.hpp"
#include "analysis/index/search.hpp"
#include "analysis/stats/indicators.hpp"
#include "analysis/stats/priorities.hpp"
#include "util/errors.hpp"
#include "reports/reports.hpp"

namespace lyssna::reports {
namespace {

double round4(double v) { return std::round(v * 10000) / 10000; }

// Quotes that show what a theme is about: the answers its terms match most
// strongly (BM25 on the theme query), of a readable length, from different
// areas where possible, with contact details masked. Found in two steps:
// the candidates from the index (the costly part, done beside the reading
// of the answers), then their texts from SQLite.
struct QuoteCandidate {
  std::string id, area, lang;
};

std::vector<QuoteCandidate> quote_candidates(const SurveyContext& ctx, size_t theme_index,
                                             const std::optional<std::string>& area,
                                             const analysis::ThemeAssignment& assignment) {
  const auto& theme = ctx.codebook().themes[theme_index];
  Xapian::Query filter(std::string(analysis::prefix::survey) + ctx.survey());
  if (area) filter = Xapian::Query(Xapian::Query::OP_AND, filter, Xapian::Query(std::string(analysis::prefix::area) + *area));
  Xapian::Enquire enquire(ctx.index.database());
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, ctx.tagger->query(theme.id), filter));
  Xapian::MSet mset = enquire.get_mset(0, 50);
  std::vector<QuoteCandidate> out;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Xapian::Document doc = it.get_document();
    std::string id = doc.get_value(analysis::slot::record_id);
    const auto* tagged = assignment.find(id);
    if (!tagged || !tagged->has(theme_index)) continue;  // an analyst removed the theme from this answer
    out.push_back({std::move(id), doc.get_value(analysis::slot::area), doc.get_value(analysis::slot::language)});
  }
  return out;
}

std::vector<analysis::Quote> pick_quotes(const SurveyContext& ctx, const std::vector<QuoteCandidate>& candidates,
                                         size_t count) {
  std::vector<analysis::Quote> quotes, fallback;
  std::set<std::string> areas_used, texts_used;
  for (size_t c = 0; c < candidates.size() && quotes.size() < count; ++c) {
    for (const auto& t : ctx.texts(candidates[c].id)) {
      size_t length = t.text.size();
      if (length < 20 || length > 600 || !texts_used.insert(t.text).second) continue;
      analysis::Quote q{candidates[c].id, t.question, analysis::redact_contact_details(t.text), candidates[c].lang};
      if (areas_used.insert(candidates[c].area).second) {
        quotes.push_back(q);
      } else {
        fallback.push_back(q);
      }
      break;
    }
  }
  for (size_t i = 0; quotes.size() < count && i < fallback.size(); ++i) quotes.push_back(fallback[i]);
  return quotes;
}

struct TaggedThemes {
  analysis::ThemeAssignment assignment;
  std::vector<std::vector<QuoteCandidate>> candidates;  // per theme
};

}  // namespace

Report priority_report(const SurveyContext& ctx, const PriorityOptions& options) {
  const auto areas = ctx.areas();
  if (options.area && std::find(areas.begin(), areas.end(), *options.area) == areas.end()) {
    throw BadInput("survey '" + ctx.survey() + "' has no area '" + *options.area + "'", "--area");
  }
  // The themes and quote candidates come from the index, the answers from
  // SQLite: read both at once (only this task uses the index).
  auto tagging = std::async(std::launch::async, [&ctx, &options] {
    TaggedThemes t{ctx.themes(), {}};
    for (size_t i = 0; i < ctx.codebook().themes.size(); ++i) {
      t.candidates.push_back(quote_candidates(ctx, i, options.area, t.assignment));
    }
    return t;
  });
  // The index task keeps a core busy: one helper codes the answers.
  const auto [data, weights, raking] = weighted_dataset(ctx, options.margins, 1);
  // Respondents in scope.
  const int area_q = data.question("area");
  std::vector<bool> include(data.size(), true);
  int64_t respondents = 0;
  for (size_t row = 0; row < data.size(); ++row) {
    if (options.area) include[row] = data.answer(row, area_q) == *options.area;
    if (include[row]) ++respondents;
  }
  // Free text in scope, and the themes it carries.
  const auto tagged = tagging.get();
  const auto& assignment = tagged.assignment;
  int64_t texts = 0;
  std::vector<int64_t> mentions(ctx.codebook().themes.size(), 0);
  for (const auto& row : assignment.rows) {
    if (options.area && row.area != *options.area) continue;
    ++texts;
    for (auto t : row.themes) ++mentions[t];
  }
  const analysis::SmallNumbers small;
  std::vector<analysis::ThemeSignal> signals;
  for (size_t i = 0; i < ctx.codebook().themes.size(); ++i) {
    const auto& theme = ctx.codebook().themes[i];
    analysis::ThemeSignal s;
    s.theme = theme.id;
    if (!theme.problem_items.empty()) {
      analysis::IndicatorDefinition def{"theme_" + theme.id, theme.problem_items, {"fairly_big", "very_big"},
                                        {"dont_know"}, false};
      s.problem = analysis::indicator_share(data, def, weights, small, include);
    }
    s.mentions = mentions[i];
    s.texts = texts;
    s.quotes = pick_quotes(ctx, tagged.candidates[i], options.quotes);
    signals.push_back(std::move(s));
  }
  analysis::PriorityMethod method;
  auto rows = analysis::rank_priorities(signals, method);

  Report r;
  nlohmann::json list = nlohmann::json::array();
  r.table.header = {"rank", "theme", "score", "problem share", "95% CI", "mention share", "n"};
  r.table.numeric = {true, false, true, true, false, true, true};
  for (const auto& row : rows) {
    nlohmann::json quotes = nlohmann::json::array();
    for (const auto& q : row.quotes) {
      quotes.push_back({{"id", q.record_id}, {"question", q.question}, {"lang", q.lang}, {"text", q.text}});
    }
    list.push_back({{"rank", row.rank},
                    {"theme", row.theme},
                    {"label", ctx.codebook().label(row.theme, "en")},
                    {"score", round4(row.score)},
                    {"problem_share", row.problem_share ? nlohmann::json(round4(*row.problem_share)) : nlohmann::json()},
                    {"problem_share_ci", row.problem_share_ci ? nlohmann::json({round4(row.problem_share_ci->low),
                                                                                 round4(row.problem_share_ci->high)})
                                                              : nlohmann::json()},
                    {"mention_share", round4(row.mention_share)},
                    {"n", row.n},
                    {"mentions", row.mentions},
                    {"survey_signal", round4(row.survey_signal)},
                    {"dialogue_signal", round4(row.dialogue_signal)},
                    {"quotes", quotes}});
    r.table.rows.push_back({std::to_string(row.rank), row.theme, reports::fixed(row.score, 2),
                            reports::percent(row.problem_share),
                            row.problem_share_ci ? reports::percent(row.problem_share_ci->low) + "–" +
                                                       reports::percent(row.problem_share_ci->high)
                                                 : "–",
                            reports::percent(row.mention_share), std::to_string(row.n)});
  }
  r.document = {{"survey", ctx.survey()},
                {"area", options.area ? nlohmann::json(*options.area) : nlohmann::json()},
                {"weighted", raking.has_value()},
                {"n", respondents},
                {"texts", texts},
                {"priorities", list},
                {"method", {{"score", "survey_weight * survey_signal + dialogue_weight * dialogue_signal; "
                                      "themes without problem items: dialogue_signal"},
                            {"survey_weight", method.survey_weight},
                            {"dialogue_weight", method.dialogue_weight},
                            {"survey_signal", "problem_share / max_problem_share"},
                            {"dialogue_signal", "mention_share / max_mention_share"},
                            {"max_problem_share", round4(method.max_problem_share)},
                            {"max_mention_share", round4(method.max_mention_share)}}}};
  if (raking) r.document["weighting"] = weighting_json(*raking);
  return r;
}

}  // namespace lyssna::reports
