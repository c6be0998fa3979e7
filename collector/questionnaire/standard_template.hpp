// The standard safety questionnaire `trygghet` (interchange.md section 2),
// assembled from i18n/trygghet/structure.json and its wording catalogs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "collector/questionnaire/questionnaire.hpp"

namespace lyssna::questionnaire {

// An area (kommundel) as given on the command line; its label is the same in
// every language.
struct AreaSpec {
  std::string id;
  std::string label;
};

struct TemplateOptions {
  std::string survey_id;
  std::vector<AreaSpec> areas;         // the survey's kommundelar
  std::vector<std::string> languages;  // empty: every language with wording, "sv" first
  std::optional<int64_t> opens_at, closes_at;
  bool requires_code = false;
};

// Languages that have wording for the standard questionnaire: "sv", "en", then the rest.
std::vector<std::string> standard_languages();

// Throws BadInput for an unknown template name, a language without wording
// or an invalid area; the result has passed every definition rule.
Questionnaire build_from_template(const std::string& template_id, const TemplateOptions& options);

// Parses "--areas" text: "handen,jordbro" or "vasterhaninge=Västerhaninge,...".
// A label defaults to the id with its first letter in upper case.
std::vector<AreaSpec> parse_area_list(const std::string& text);

}  // namespace lyssna::questionnaire
