// Candidate new themes among the answers no theme matched.
#include "analysis/discover/emergent_themes.hpp"
#include "analysis/index/search.hpp"
#include "analysis/text/normalize.hpp"
#include "assets/assets.hpp"
#include "reports/reports.hpp"

namespace lyssna::reports {
namespace {

// Common words of every language, never proposed as a theme (analysis/data/stopwords.json).
std::set<std::string> stopwords() {
  std::set<std::string> out;
  auto j = nlohmann::json::parse(assets::require("analysis/data/stopwords.json").bytes);
  for (const auto& [lang, words] : j.items()) {
    if (!words.is_array()) continue;
    const auto profile = analysis::profile_for_language(lang);
    for (const auto& w : words) out.insert(analysis::fold_token(w.get<std::string>(), profile));
  }
  return out;
}

}  // namespace

Report discover_report(const SurveyContext& ctx, const DiscoverOptions& options) {
  const auto assignment = ctx.themes();
  std::set<Xapian::docid> unmatched;
  for (const auto& row : assignment.rows) {
    if (row.themes.empty()) unmatched.insert(row.docid);
  }
  analysis::DiscoverOptions o;
  o.max_candidates = options.candidates;
  auto candidates = analysis::discover_themes(ctx.index.database(), unmatched, *ctx.analyzer, stopwords(), ctx.text_source(), o);
  Report r;
  nlohmann::json list = nlohmann::json::array();
  r.table.header = {"answers", "terms", "example"};
  r.table.numeric = {true, false, false};
  for (const auto& c : candidates) {
    nlohmann::json quotes = nlohmann::json::array();
    for (size_t i = 0; i < c.quotes.size(); ++i) {
      quotes.push_back({{"id", c.quote_ids[i]}, {"text", analysis::redact_contact_details(c.quotes[i])}});
    }
    list.push_back({{"count", c.count}, {"terms", c.terms}, {"quotes", quotes}});
    const std::string terms = reports::join(c.terms, ", ");
    std::string example = c.quotes.empty() ? "" : analysis::redact_contact_details(c.quotes.front());
    if (example.size() > 90) example = example.substr(0, 87) + "…";
    r.table.rows.push_back({std::to_string(c.count), terms, example});
  }
  r.document = {{"survey", ctx.survey()},
                {"unmatched", static_cast<int64_t>(unmatched.size())},
                {"texts", static_cast<int64_t>(assignment.rows.size())},
                {"candidates", list}};
  return r;
}

}  // namespace lyssna::reports
