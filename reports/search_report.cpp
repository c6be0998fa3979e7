// Full-text search results with snippets.
#include "analysis/index/search.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"
#include "reports/reports.hpp"

namespace lyssna::reports {

Report search_report(const SurveyContext& ctx, const SearchOptions& options) {
  analysis::SearchFilters filters;
  filters.areas = options.areas;
  filters.languages = options.languages;
  filters.channels = options.channels;
  filters.from = options.from;
  filters.to = options.to;
  if (options.theme) {
    const std::string theme = ctx.codebook().resolve(*options.theme);
    if (theme.empty()) throw BadInput("the codebook has no theme '" + *options.theme + "'", "--theme");
    filters.theme = ctx.tagger->query(theme);
  }
  auto result = analysis::search(ctx.index.database(), *ctx.analyzer, ctx.survey(), options.query, filters,
                                 options.offset, options.limit, ctx.text_source());
  Report r;
  nlohmann::json hits = nlohmann::json::array();
  r.table.header = {"id", "area", "lang", "date", "%", "snippet"};
  r.table.numeric = {false, false, false, false, true, false};
  for (const auto& h : result.hits) {
    nlohmann::json snippets = nlohmann::json::array();
    std::vector<std::string> texts;
    for (const auto& s : h.snippets) {
      snippets.push_back({{"question", s.question}, {"snippet", s.text}});
      texts.push_back(s.text);
    }
    const std::string joined = reports::join(texts, " | ");
    hits.push_back({{"id", h.record_id},
                    {"area", h.area},
                    {"lang", h.lang},
                    {"channel", h.channel},
                    {"submitted_at", clock::format_rfc3339(h.submitted_epoch)},
                    {"percent", h.percent},
                    {"snippets", snippets}});
    r.table.rows.push_back({h.record_id.substr(0, 8), h.area, h.lang, clock::format_date(h.submitted_epoch),
                            std::to_string(h.percent), joined});
  }
  r.document = {{"survey", ctx.survey()},
                {"query", options.query},
                {"total_estimate", result.total_estimate},
                {"offset", options.offset},
                {"hits", hits}};
  r.lines = hits.get<std::vector<nlohmann::json>>();
  return r;
}

}  // namespace lyssna::reports
