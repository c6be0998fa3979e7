// Everything an analysis of one survey needs, gathered from SQLite and the
// index: the questionnaire, the codebook in force, manual codes, the text
// index and an analyzer. Built per command or request; not shared between
// threads. Reports read the index through index.read(), which reads again
// when the server's indexer overtook a long read. What is costly to make
// (the themes of every answer, the coded answers) can come prepared from
// a cache (app/analysis_cache.hpp), shared read-only between requests.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "analysis/codebook/tagger.hpp"
#include "analysis/index/text_index.hpp"
#include "analysis/quotes/theme_quotes.hpp"
#include "analysis/stats/dataset.hpp"
#include "analysis/stats/indicators.hpp"
#include "analysis/stats/raking.hpp"
#include "collector/questionnaire/questionnaire.hpp"
#include "collector/storage/sqlite.hpp"

namespace lyssna::reports {

// Results a cache keeps beside a prepared survey, made on first use by
// whichever request needs them and then shared (quote candidates of an
// area, raking for a table of margins). Thread-safe; holds at most
// `max_entries` results (then starts again empty).
class SurveyMemo {
 public:
  static constexpr size_t max_entries = 64;
  template <class T>
  std::shared_ptr<const T> get(const std::string& key, const std::function<T()>& make) const {
    {
      std::lock_guard lock(mutex_);
      auto it = entries_.find(key);
      if (it != entries_.end()) return std::static_pointer_cast<const T>(it->second);
    }
    // Made outside the lock: two requests may both make it; one is kept.
    auto made = std::make_shared<const T>(make());
    std::lock_guard lock(mutex_);
    if (entries_.size() >= max_entries) entries_.clear();
    return std::static_pointer_cast<const T>(entries_.emplace(key, made).first->second);
  }

 private:
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::shared_ptr<const void>> entries_;
};

// Compiled taggers of one codebook, lent to one context at a time: their
// Xapian queries count references without synchronisation, so a tagger is
// never used by two threads at once, and compiling one per request would
// cost more than most reports. Keeps at most `max_idle` unused ones.
class TaggerPool {
 public:
  static constexpr size_t max_idle = 8;
  explicit TaggerPool(analysis::Codebook codebook) : codebook_(std::move(codebook)) {}
  const analysis::Codebook& codebook() const { return codebook_; }
  // A tagger no one else holds (compiled now when none is idle).
  std::unique_ptr<analysis::Tagger> take(analysis::TextAnalyzer& analyzer);
  void give_back(std::unique_ptr<analysis::Tagger> tagger);

 private:
  const analysis::Codebook codebook_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<analysis::Tagger>> idle_;
};

// Deletes a context's tagger, or gives it back to the pool it came from.
struct TaggerRelease {
  std::shared_ptr<TaggerPool> pool;
  void operator()(analysis::Tagger* tagger) const;
};
using TaggerHandle = std::unique_ptr<analysis::Tagger, TaggerRelease>;

// A survey's costly parts as of one state of what they read (see
// app/analysis_cache.hpp, which says when they are made again): immutable
// once made, shared by the contexts of concurrent requests.
struct PreparedSurvey {
  questionnaire::QuestionnairePtr questionnaire;
  analysis::Codebook codebook;
  std::vector<analysis::ManualCode> manual;
  std::shared_ptr<const analysis::ThemeAssignment> themes;  // manual codes applied
  std::shared_ptr<const analysis::Dataset> dataset;
  std::shared_ptr<TaggerPool> taggers;  // of `codebook`
  SurveyMemo memo;
};

struct SurveyContext {
  storage::Database& db;
  const analysis::TextIndex& index;
  questionnaire::Questionnaire questionnaire;
  std::unique_ptr<analysis::TextAnalyzer> analyzer;
  TaggerHandle tagger;
  std::vector<analysis::ManualCode> manual;

  // Throws NotFound for an unknown survey.
  SurveyContext(storage::Database& db, const analysis::TextIndex& index, const std::string& survey);
  // From a prepared survey: its themes and coded answers are the prepared ones.
  SurveyContext(storage::Database& db, const analysis::TextIndex& index,
                std::shared_ptr<const PreparedSurvey> prepared);
  const std::string& survey() const { return questionnaire.id; }
  const analysis::Codebook& codebook() const { return tagger->codebook(); }
  // Themes of every response with free text (manual codes applied). Made
  // once per context (prepared: not at all); valid as long as the context.
  const analysis::ThemeAssignment& themes() const;
  // The questions statistics code: every choice and scale question, with its options.
  std::vector<analysis::CodedQuestion> coded_questions() const;
  // The indicators of this survey (analysis/data/indicators.json over its questions and codebook).
  std::vector<analysis::IndicatorDefinition> indicators() const;
  // The survey's respondents coded for statistics (choice and scale answers),
  // on up to `helpers` threads besides this one (0: all on this one, for a
  // caller that keeps the other core busy itself). Made once per context
  // (prepared: not at all); valid as long as the context.
  const analysis::Dataset& dataset(size_t helpers = 2) const;
  // Up to `limit` quote candidates per theme of the codebook for the survey
  // or an area (analysis/quotes/theme_quotes.hpp), kept with a prepared survey.
  std::shared_ptr<const std::vector<std::vector<analysis::QuoteCandidate>>> quote_candidates(
      const std::optional<std::string>& area) const;
  // Raking weights of the coded answers for `margins` (weights_for), kept
  // with a prepared survey.
  std::shared_ptr<const analysis::RakingResult> raking(const std::vector<analysis::Margin>& margins,
                                                       const std::string& field = "margins") const;
  // Areas known to the survey (its `area` options), in order.
  std::vector<std::string> areas() const;
  // Throws Invalid (field "area") unless the survey has this area: a typo
  // should not look like an empty area.
  void require_area(const std::optional<std::string>& area) const;
  // Throws Invalid naming `field` unless every margin is of a question the
  // survey codes: checked before long work starts, so a typo fails at once.
  void require_margins(const std::vector<analysis::Margin>& margins,
                       const std::string& field = "margins") const;
  // The free-text answers of responses, a batch per read (from SQLite).
  analysis::TextSource text_source() const;
  // Where finished results of a prepared survey are kept (nullptr: not prepared).
  const SurveyMemo* memo() const { return prepared_ ? &prepared_->memo : nullptr; }

 private:
  std::vector<std::string> text_questions_;
  std::shared_ptr<const PreparedSurvey> prepared_;
  mutable std::shared_ptr<const analysis::ThemeAssignment> themes_;
  mutable std::shared_ptr<const analysis::Dataset> dataset_;
};

// A report's result made by `make`, or kept from an earlier request on
// the same prepared survey under `key` (which must name every option the
// result depends on).
template <class T>
T memoized(const SurveyContext& ctx, const std::string& key, const std::function<T()>& make) {
  if (const auto* memo = ctx.memo()) return *memo->get<T>(key, make);
  return make();
}
// The margins as a key of memoized results.
std::string margins_key(const std::vector<analysis::Margin>& margins);

// The answers of `survey` that arrived after `after_seq` coded for
// `questions`, in arrival order, on up to `helpers` helper threads (as
// SurveyContext::dataset); `last_seq` becomes the arrival number of the
// last one read (unchanged when none).
analysis::Dataset code_responses(storage::Database& db, const std::string& survey,
                                 const std::vector<analysis::CodedQuestion>& questions,
                                 int64_t after_seq, size_t helpers, int64_t& last_seq);

// The questions of `q` that statistics code: every choice and scale
// question with no more options than a dataset holds, with its options.
std::vector<analysis::CodedQuestion> coded_questions(const questionnaire::Questionnaire& q);

// Raking weights for a dataset from margins (interchange.md section 4).
// Throws Invalid naming `field` for a margin of a question not coded.
analysis::RakingResult weights_for(const analysis::Dataset& data,
                                   const std::vector<analysis::Margin>& margins,
                                   const std::string& field = "margins");

// The survey's respondents with their weights (empty when unweighted) and
// how the raking went (its weights moved out).
struct WeightedData {
  const analysis::Dataset& data;  // the context's
  std::vector<double> weights;
  std::optional<analysis::RakingResult> raking;
};
WeightedData weighted_dataset(const SurveyContext& ctx,
                              const std::vector<analysis::Margin>& margins, size_t helpers = 2);

}  // namespace lyssna::reports
