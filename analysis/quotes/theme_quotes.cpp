// Theme quotes (see theme_quotes.hpp).
#include "analysis/quotes/theme_quotes.hpp"

#include <algorithm>

#include "analysis/analysis_error.hpp"
#include "analysis/index/prefixes.hpp"
#include "analysis/index/terms.hpp"
#include "analysis/index/xapian_errors.hpp"

namespace lyssna::analysis {
namespace {

constexpr size_t min_quote_bytes = 20, max_quote_bytes = 600;

}  // namespace

std::vector<QuoteCandidate> theme_quote_candidates(const Xapian::Database& db, const Tagger& tagger,
                                                   size_t theme, const std::string& survey,
                                                   const std::optional<std::string>& area,
                                                   const ThemeAssignment& assignment,
                                                   size_t limit) {
  std::vector<QuoteCandidate> out;
  try {
    Xapian::Query filter(survey_term(survey));
    if (area)
      filter = Xapian::Query(Xapian::Query::OP_AND, filter, Xapian::Query(area_term(*area)));
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER,
                                    tagger.query(tagger.codebook().themes[theme].id), filter));
    Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Xapian::Document doc = it.get_document();
      std::string id = doc.get_value(slot::record_id);
      const auto* tagged = assignment.find(id);
      if (!tagged || !tagged->has(theme))
        continue;  // an analyst removed the theme from this answer
      out.push_back({std::move(id), doc.get_value(slot::area), doc.get_value(slot::language)});
    }
  } catch (const Xapian::Error& e) {
    rethrow_xapian_error(e, "cannot search the text index");
  }
  return out;
}

std::vector<Quote> pick_quotes(const std::vector<QuoteCandidate>& candidates, size_t count,
                               const TextSource& texts) {
  std::vector<Quote> quotes, fallback;
  std::set<std::string> areas_used;
  DistinctTexts shown;
  // Most themes find their quotes among the first few candidates.
  const size_t chunk = std::max<size_t>(4 * count, 4);
  for (size_t first = 0; first < candidates.size() && quotes.size() < count; first += chunk) {
    const size_t end = std::min(candidates.size(), first + chunk);
    std::vector<std::string> ids;
    for (size_t c = first; c < end; ++c) ids.push_back(candidates[c].record_id);
    const auto answers = texts(ids);
    for (size_t c = first; c < end && c - first < answers.size() && quotes.size() < count; ++c) {
      for (const auto& t : answers[c - first]) {
        const size_t length = t.text.size();
        if (length < min_quote_bytes || length > max_quote_bytes) continue;
        // Distinct as shown: texts that differ only in a masked phone number are one.
        std::string text = redact_contact_details(t.text);
        if (!shown.insert(text)) continue;
        Quote q{candidates[c].record_id, t.question, std::move(text), candidates[c].lang};
        (areas_used.insert(candidates[c].area).second ? quotes : fallback).push_back(std::move(q));
        break;
      }
    }
  }
  for (size_t i = 0; quotes.size() < count && i < fallback.size(); ++i)
    quotes.push_back(fallback[i]);
  return quotes;
}

}  // namespace lyssna::analysis
