// Everything an analysis of one survey needs, gathered from SQLite and the
// index: the questionnaire, the codebook in force, manual codes, the text
// index and an analyzer. Built per command or request; not shared between threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/codebook/tagger.hpp"
#include "analysis/index/text_index.hpp"
#include "analysis/stats/dataset.hpp"
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
  // The survey's respondents coded for statistics (choice and scale answers),
  // on up to `helpers` threads besides this one (0: all on this one, for a
  // caller that keeps the other core busy itself).
  analysis::Dataset dataset(size_t helpers = 2) const;
  // Areas known to the survey (its `area` options), in order.
  std::vector<std::string> areas() const;
  // The free-text answers of one response, from SQLite.
  std::vector<analysis::TextAnswer> texts(const std::string& record_id) const;
  analysis::TextSource text_source() const {
    return [this](const std::string& id) { return texts(id); };
  }
};

// Raking weights for a dataset from margins (interchange.md section 4).
analysis::RakingResult weights_for(const analysis::Dataset& data, const std::vector<analysis::Margin>& margins);

// The survey's respondents with their weights (empty when unweighted) and
// how the raking went.
struct WeightedData {
  analysis::Dataset data;
  std::vector<double> weights;
  std::optional<analysis::RakingResult> raking;
};
WeightedData weighted_dataset(const SurveyContext& ctx, const std::vector<analysis::Margin>& margins,
                              size_t helpers = 2);
// Reads a margins file; throws BadInput naming the file.
std::vector<analysis::Margin> read_margins_file(const std::string& path);

}  // namespace lyssna::reports
