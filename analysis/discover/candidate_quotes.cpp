// Quotes of candidate themes (see candidate_quotes.hpp).
#include "analysis/discover/candidate_quotes.hpp"

#include <algorithm>

#include "analysis/index/prefixes.hpp"
#include "analysis/text/tokenizer.hpp"

namespace lyssna::analysis {
namespace {

// The answer of a response that shows a group best: the one holding most
// of its stems (the free text may say one thing and the place another);
// nullptr when none holds any.
const TextAnswer* best_answer(const std::vector<TextAnswer>& answers,
                              const std::vector<std::string>& stems, Profile doc_profile,
                              TextAnalyzer& analyzer) {
  const TextAnswer* best = nullptr;
  size_t best_count = 0;
  for (const auto& answer : answers) {
    uint32_t position = 0, clause = 0;
    std::set<std::string> found;
    for (const auto& token : tokenize(answer.text, doc_profile, analyzer.resources().latin_fallback,
                                      position, clause)) {
      for (const auto& stem : analyzer.stems_of(token.folded, token.profile)) {
        if (std::find(stems.begin(), stems.end(), stem) != stems.end()) found.insert(stem);
      }
    }
    if (found.size() > best_count) {
      best = &answer;
      best_count = found.size();
    }
  }
  return best;
}

}  // namespace

std::vector<Quote> candidate_quotes(const Xapian::Database& db, std::vector<QuoteSource> answers,
                                    const std::vector<std::string>& stems, TextAnalyzer& analyzer,
                                    const TextSource& texts,
                                    std::map<Xapian::docid, std::vector<TextAnswer>>& read,
                                    const QuoteCounts& counts) {
  std::vector<QuoteSource>& ranked = answers;
  std::sort(ranked.begin(), ranked.end(), [](const QuoteSource& a, const QuoteSource& b) {
    return a.contained != b.contained ? a.contained > b.contained : a.doc < b.doc;
  });
  std::map<std::string, size_t> per_language;
  for (const auto& r : ranked) ++per_language[r.lang];
  // Languages with most answers first.
  std::vector<std::pair<size_t, std::string>> languages;
  for (const auto& [lang, n] : per_language) languages.push_back({n, lang});
  std::sort(languages.begin(), languages.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  if (languages.size() > counts.max_languages) languages.resize(counts.max_languages);
  const size_t wanted = std::max(counts.quotes, languages.size());

  std::vector<Quote> out;
  DistinctTexts shown;
  std::set<Xapian::docid> tried;
  // Texts are read a few responses at a time, only as far as needed.
  const size_t chunk = 4 * std::max<size_t>(counts.quotes, 1);
  // Record ids, read from the index only for the answers looked at.
  std::map<Xapian::docid, std::string> record_ids;
  auto record_id = [&](Xapian::docid d) -> const std::string& {
    auto it = record_ids.find(d);
    if (it == record_ids.end())
      it = record_ids.emplace(d, db.get_document(d).get_value(slot::record_id)).first;
    return it->second;
  };
  auto load = [&](const std::vector<const QuoteSource*>& list, size_t first, size_t end) {
    std::vector<std::string> ids;
    std::vector<Xapian::docid> missing;
    for (size_t i = first; i < end; ++i) {
      if (read.count(list[i]->doc) ||
          std::find(missing.begin(), missing.end(), list[i]->doc) != missing.end())
        continue;
      ids.push_back(record_id(list[i]->doc));
      missing.push_back(list[i]->doc);
    }
    if (missing.empty()) return;
    auto got = texts(ids);
    for (size_t m = 0; m < missing.size(); ++m)
      read[missing[m]] = m < got.size() ? std::move(got[m]) : std::vector<TextAnswer>{};
  };
  // Takes up to `want` quotes from `list`, in its order.
  auto take = [&](const std::vector<const QuoteSource*>& list, size_t want) {
    size_t got = 0;
    for (size_t first = 0; first < list.size() && got < want && out.size() < wanted;
         first += chunk) {
      const size_t end = std::min(list.size(), first + chunk);
      load(list, first, end);
      for (size_t i = first; i < end && got < want && out.size() < wanted; ++i) {
        const QuoteSource& r = *list[i];
        if (!tried.insert(r.doc).second) continue;
        const auto* answer =
            best_answer(read[r.doc], stems, profile_for_language(r.lang), analyzer);
        if (!answer) continue;
        // Distinct as shown: texts that differ only in a masked phone number are one.
        std::string text = redact_contact_details(answer->text);
        if (!shown.insert(text)) continue;
        out.push_back({record_id(r.doc), answer->question, std::move(text), r.lang});
        ++got;
      }
    }
  };
  std::vector<std::vector<const QuoteSource*>> of_language(languages.size());
  for (size_t l = 0; l < languages.size(); ++l) {
    for (const auto& r : ranked) {
      if (r.lang == languages[l].second) of_language[l].push_back(&r);
    }
  }
  std::vector<const QuoteSource*> all;
  for (const auto& r : ranked) all.push_back(&r);
  // The texts first needed, in one read: the first few of each language and
  // the first chunk of all.
  {
    std::vector<const QuoteSource*> first;
    for (const auto& list : of_language)
      first.insert(first.end(), list.begin(), list.begin() + std::min(list.size(), size_t(4)));
    first.insert(first.end(), all.begin(), all.begin() + std::min(all.size(), chunk));
    load(first, 0, first.size());
  }
  for (const auto& list : of_language) take(list, 1);
  take(all, wanted);
  return out;
}

}  // namespace lyssna::analysis
