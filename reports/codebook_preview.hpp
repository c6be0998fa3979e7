// What a changed codebook would do to a survey before it is saved: the
// survey tagged with it by the engine's own tagger over the index (manual
// codes applied, as `themes` would count), compared with the codebook in
// force (analysis/codebook/codebook_diff.hpp), and a sample of the
// responses each side moves, with snippets marking the theme's terms.
#pragma once

#include <string>
#include <vector>

#include "analysis/codebook/codebook_diff.hpp"
#include "analysis/response.hpp"
#include "reports/survey_context.hpp"

namespace lyssna::reports {

struct PreviewSample {
  std::string record_id, area, lang;
  std::string theme;                           // the theme gained or lost
  std::vector<analysis::TextAnswer> snippets;  // with **marks** of the theme's terms
};

struct CodebookPreview {
  std::string survey;
  analysis::CodebookDiff diff;
  std::vector<PreviewSample> gained, lost;  // up to `sample` each, spread over the themes
};

// Throws AnalysisError when the index cannot be read.
CodebookPreview codebook_preview(const SurveyContext& ctx, const analysis::Codebook& next,
                                 size_t sample = 5);

}  // namespace lyssna::reports
