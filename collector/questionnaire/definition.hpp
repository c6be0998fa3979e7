// The questionnaire definition format (docs/questionnaire-format.md): JSON in,
// a checked Questionnaire out, and back to canonical JSON for storage.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "collector/questionnaire/questionnaire.hpp"
#include "util/errors.hpp"

namespace lyssna::questionnaire {

// Every rule a definition broke, each message naming the survey, page or
// question and the rule ("question 'safe_night': option 'x' appears twice").
class DefinitionError : public Invalid {
 public:
  explicit DefinitionError(std::vector<std::string> problems);
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

// Parses and checks a definition. Throws DefinitionError listing every broken rule.
Questionnaire parse_definition(const nlohmann::json& definition);
// Canonical JSON of a checked questionnaire; parse_definition(to_json(q)) == q.
nlohmann::json to_json(const Questionnaire& q);

// Fields of a response record; a question may not reuse these ids because
// they are CSV columns too.
bool is_record_field(std::string_view name);

}  // namespace lyssna::questionnaire
