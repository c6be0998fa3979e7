// Plausible demo data for the standard questionnaire: a survey over a handful
// of areas, with answers that differ by area, gender and age the way real
// safety surveys do, and free text in several languages from the phrase
// banks in i18n/demo/. Deterministic for a given seed.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "collector/interchange/record.hpp"
#include "collector/questionnaire/questionnaire.hpp"
#include "collector/questionnaire/standard_template.hpp"

namespace lyssna::demo {

struct DemoOptions {
  std::string survey_id = "trygghet-demo";
  int responses = 3000;
  uint64_t seed = 1;
  std::vector<questionnaire::AreaSpec> areas;  // empty: six areas of Haninge
};

questionnaire::Questionnaire demo_questionnaire(const DemoOptions& options);
// Calls `sink` once per generated record (same ids for the same seed, so a
// second run adds nothing).
void generate_records(const questionnaire::Questionnaire& q, const DemoOptions& options,
                      const std::function<void(const interchange::Record&)>& sink);

}  // namespace lyssna::demo
