// Everything an analysis of one survey needs, gathered from SQLite and the
// index: the questionnaire, the codebook in force, manual codes, the text
// index and an analyzer. Built per command or request; not shared between
// threads. Reports read the index through index.read(), which reads again
// when the server's indexer overtook a long read.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/codebook/tagger.hpp"
#include "analysis/index/text_index.hpp"
#include "analysis/stats/dataset.hpp"
#include "analysis/stats/indicators.hpp"
#include "analysis/stats/raking.hpp"
#include "collector/questionnaire/questionnaire.hpp"
#include "collector/storage/sqlite.hpp"

namespace lyssna::reports {

struct SurveyContext {
  storage::Database& db;
  const analysis::TextIndex& index;
  questionnaire::Questionnaire questionnaire;
  std::unique_ptr<analysis::TextAnalyzer> analyzer;
  std::unique_ptr<analysis::Tagger> tagger;
  std::vector<analysis::ManualCode> manual;

  // Throws NotFound for an unknown survey.
  SurveyContext(storage::Database& db, const analysis::TextIndex& index, const std::string& survey);
  const std::string& survey() const { return questionnaire.id; }
  const analysis::Codebook& codebook() const { return tagger->codebook(); }
  // Themes of every response with free text (manual codes applied).
  analysis::ThemeAssignment themes() const;
  // The questions statistics code: every choice and scale question, with its options.
  std::vector<analysis::CodedQuestion> coded_questions() const;
  // The indicators of this survey (analysis/data/indicators.json over its questions and codebook).
  std::vector<analysis::IndicatorDefinition> indicators() const;
  // The survey's respondents coded for statistics (choice and scale answers),
  // on up to `helpers` threads besides this one (0: all on this one, for a
  // caller that keeps the other core busy itself).
  analysis::Dataset dataset(size_t helpers = 2) const;
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

 private:
  std::vector<std::string> text_questions_;
};

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
  analysis::Dataset data;
  std::vector<double> weights;
  std::optional<analysis::RakingResult> raking;
};
WeightedData weighted_dataset(const SurveyContext& ctx,
                              const std::vector<analysis::Margin>& margins, size_t helpers = 2);

}  // namespace lyssna::reports
