// Survey ids (see survey_id.hpp).
#include "collector/questionnaire/survey_id.hpp"

#include "util/text.hpp"

namespace lyssna::questionnaire {
namespace {

// Besides lower-case letters and digits, not first. '-' last: in a regex
// character class it then stands for itself.
constexpr std::string_view inner_characters = "_-";

}  // namespace

bool is_survey_id(std::string_view id) {
  return text::is_identifier(id, inner_characters, survey_id_max_length) &&
         inner_characters.find(id.front()) == std::string_view::npos;
}

std::string survey_id_regex() {
  return "[a-z0-9][a-z0-9" + std::string(inner_characters) + "]{0," +
         std::to_string(survey_id_max_length - 1) + "}";
}

}  // namespace lyssna::questionnaire
