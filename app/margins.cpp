// Stored population margins (see margins.hpp).
#include "app/margins.hpp"

#include <algorithm>

#include "analysis/analysis_error.hpp"
#include "app/surveys.hpp"
#include "collector/interchange/json_reader.hpp"
#include "collector/storage/analysis_store.hpp"
#include "reports/survey_context.hpp"
#include "util/errors.hpp"

namespace lyssna::app {
namespace {

// Every variable a question the survey codes for statistics (the rule of
// reports::coded_questions), every category one of its options: a typo
// would otherwise rake to a margin no respondent can meet.
void check_against_survey(const questionnaire::Questionnaire& q,
                          const std::vector<analysis::Margin>& margins, const std::string& field) {
  const auto coded = reports::coded_questions(q);
  for (const auto& m : margins) {
    const auto question =
        std::find_if(coded.begin(), coded.end(),
                     [&](const analysis::CodedQuestion& c) { return c.id == m.variable; });
    if (question == coded.end()) {
      throw Invalid("the margins name '" + m.variable +
                        "', which is not a choice question of survey '" + q.id + "'",
                    field);
    }
    for (const auto& [category, count] : m.counts) {
      if (std::find(question->options.begin(), question->options.end(), category) ==
          question->options.end()) {
        throw Invalid("margin '" + m.variable + "': '" + category +
                          "' is not an option of question '" + m.variable + "'",
                      field);
      }
    }
  }
}

std::vector<analysis::Margin> parse_checked(const nlohmann::json& j, const std::string& field) {
  try {
    return analysis::parse_margins(j);
  } catch (const analysis::BadSpecification& e) {
    throw Invalid(e.what(), field);
  }
}

}  // namespace

std::optional<SurveyMargins> survey_margins(Services& services, const std::string& survey) {
  require_survey(services, survey);
  auto db = services.readers().acquire();
  auto stored = storage::load_margins(*db, survey);
  if (!stored) return std::nullopt;
  // Checked when stored; parsed again here, so a row written by hand that no
  // longer reads fails loudly rather than weighting with half of it.
  return SurveyMargins{parse_checked(nlohmann::json::parse(stored->definition), "margins"),
                       stored->updated_at, stored->updated_by};
}

std::vector<analysis::Margin> weighting_margins(Services& services, const std::string& survey) {
  auto stored = survey_margins(services, survey);
  return stored ? std::move(stored->margins) : std::vector<analysis::Margin>{};
}

SurveyMargins set_survey_margins(Services& services, const Actor& actor, const std::string& survey,
                                 const std::string& text, const std::string& name,
                                 const std::string& field) {
  const auto q = require_survey(services, survey);
  if (text.size() > max_margins_file) {
    throw Invalid(name + ": the margins file is larger than " +
                      std::to_string(max_margins_file / 1024) + " KiB",
                  field);
  }
  const nlohmann::json j = interchange::parse_json_file(text, name, field);
  if (!j.is_object()) throw Invalid(name + ": a margins file is a JSON object", field);
  if (j.contains("survey") &&
      (!j["survey"].is_string() || j["survey"].get<std::string>() != survey)) {
    throw Invalid(
        name + ": the file is for survey " + j["survey"].dump() + ", not '" + survey + "'", field);
  }
  auto margins = parse_checked(j, field);  // refuses a file without margins
  check_against_survey(*q, margins, field);
  // Stored in the contract's form, made from what was parsed: the file may
  // hold the tables alone (parse_margins reads both forms).
  nlohmann::json tables = nlohmann::json::object();
  for (const auto& m : margins) tables[m.variable] = m.counts;
  const nlohmann::json canonical = {{"survey", survey}, {"margins", tables}};
  SurveyMargins out{margins, services.now(), actor.name};
  std::string variables;
  for (const auto& m : margins) variables += (variables.empty() ? "" : ",") + m.variable;
  if (variables.size() > max_audit_detail) variables.resize(max_audit_detail);
  services.writer().execute([&](storage::Database& db) {
    storage::save_margins(db, survey, {canonical.dump(), out.updated_at, actor.name});
    record_audit(db, out.updated_at, actor, AuditAction::survey_changed, survey,
                 "margins=" + variables);
  });
  return out;
}

void clear_survey_margins(Services& services, const Actor& actor, const std::string& survey) {
  require_survey(services, survey);
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    storage::delete_margins(db, survey);
    record_audit(db, now, actor, AuditAction::survey_changed, survey, "margins cleared");
  });
}

}  // namespace lyssna::app
