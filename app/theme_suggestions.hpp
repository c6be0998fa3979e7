// Theme suggestions for a note as it is typed: the themes the engine's own
// tagging would give the note once it is stored and indexed. The text is
// made into one document exactly as the indexer makes documents
// (indexing/, analysis/index/document_builder), put in an in-memory Xapian
// database, and the survey's codebook queries (analysis::Tagger, manual
// codes aside) are run over it; no second rule set.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "analysis/codebook/tagger.hpp"
#include "analysis/response.hpp"
#include "analysis/text/analyzer.hpp"
#include "app/services.hpp"

namespace lyssna::app {

struct ThemeSuggestion {
  std::string theme;      // a current theme id of the codebook
  size_t terms = 0;       // the theme's query terms the text matched
  uint32_t mentions = 0;  // how often they occur in it (their wdf summed)
};

// The themes `tagger`'s queries find in the document built from `texts`
// (as the indexer builds it for `response`), best first: more matched
// terms, then more mentions, then codebook order. At most `limit`. Uses
// `tagger` and `analyzer` on this thread only. Throws AnalysisError when
// Xapian fails.
std::vector<ThemeSuggestion> suggest_themes(const analysis::Tagger& tagger,
                                            analysis::TextAnalyzer& analyzer,
                                            const analysis::Response& response,
                                            const std::vector<analysis::TextAnswer>& texts,
                                            size_t limit);

// A note as typed, not yet stored.
struct NoteDraft {
  std::string text;
  std::string lang;                  // the speaker's: one of the questionnaire's languages
  std::optional<std::string> place;  // free_place, which the index reads too
};

inline constexpr size_t max_suggestions = 5;

// Suggests themes for notes of many surveys, keeping each survey's compiled
// tagger (and an analyzer) until its codebook changes: compiling costs far
// more than a suggestion. One per server (the notes' routes hold it).
// Thread-safe: requests for one survey take turns (a tagger's queries count
// their references unsynchronised), other surveys do not wait.
class ThemeSuggester {
 public:
  static constexpr size_t max_surveys = 8;
  ThemeSuggester();
  ~ThemeSuggester();
  ThemeSuggester(const ThemeSuggester&) = delete;
  ThemeSuggester& operator=(const ThemeSuggester&) = delete;

  // The themes `draft` would get in `survey`, best first, at most `limit`.
  // Throws NotFound for an unknown survey, Invalid naming "text" (too
  // long) or "lang" (not the questionnaire's). Empty text: none.
  std::vector<ThemeSuggestion> suggest(Services& services, const std::string& survey,
                                       const NoteDraft& draft, size_t limit = max_suggestions);
  // How many taggers were compiled (for tests: a cached one is not).
  size_t compilations() const;

 private:
  struct Entry;
  std::shared_ptr<Entry> entry(const std::string& survey);
  mutable std::mutex mutex_;
  std::list<std::shared_ptr<Entry>> entries_;  // most recently used first
  size_t compilations_ = 0;
};

}  // namespace lyssna::app
