// The shape of a survey id, the one rule for definitions, records and the
// routes whose URLs carry one: 1 to 64 lower-case letters, digits, '-' or
// '_', beginning with a letter or digit.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace lyssna::questionnaire {

inline constexpr size_t survey_id_max_length = 64;
inline constexpr std::string_view survey_id_rule =
    "1 to 64 lower-case letters, digits, '-' or '_', starting with a letter or digit";

bool is_survey_id(std::string_view id);
// The same rule as a regular expression (no group, no anchors), for routes.
std::string survey_id_regex();

}  // namespace lyssna::questionnaire
