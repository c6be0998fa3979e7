// Survey bundles (see survey_bundle.hpp).
#include "app/survey_bundle.hpp"

#include "analysis/codebook/codebook.hpp"
#include "app/coding.hpp"
#include "app/margins.hpp"
#include "app/surveys.hpp"
#include "collector/questionnaire/definition.hpp"
#include "collector/storage/analysis_store.hpp"
#include "util/errors.hpp"

namespace lyssna::app {

using nlohmann::json;

json survey_bundle(Services& services, const std::string& survey) {
  const auto q = require_survey(services, survey);
  json bundle = {{"kind", survey_bundle_kind},
                 {"version", survey_bundle_version},
                 {"survey", questionnaire::to_json(*q)},
                 {"codebook", nullptr},
                 {"margins", nullptr}};
  auto db = services.readers().acquire();
  if (auto codebook = storage::load_codebook(*db, survey))
    bundle["codebook"] = json::parse(*codebook);
  if (auto margins = storage::load_margins(*db, survey))
    bundle["margins"] = json::parse(margins->definition);
  return bundle;
}

bool is_survey_bundle(const json& j) {
  return j.is_object() && j.contains("kind") && j["kind"] == survey_bundle_kind;
}

BundleLoaded load_survey_bundle(Services& services, const Actor& actor, const json& bundle,
                                bool replace, const std::string& how) {
  if (!is_survey_bundle(bundle)) throw Invalid("not a survey bundle", "kind");
  if (!bundle.contains("version") || bundle["version"] != survey_bundle_version)
    throw Invalid("this program reads survey bundles of version 1", "version");
  if (!bundle.contains("survey")) throw Invalid("the bundle has no survey", "survey");
  questionnaire::Questionnaire q;
  try {
    q = questionnaire::parse_definition(bundle["survey"]);
  } catch (const BadInput& e) {
    throw Invalid(std::string("the bundle's survey: ") + e.what(), "survey");
  }
  std::optional<analysis::Codebook> codebook;
  if (auto it = bundle.find("codebook"); it != bundle.end() && !it->is_null()) {
    try {
      codebook = analysis::parse_codebook(*it);
    } catch (const BadInput& e) {
      throw Invalid(std::string("the bundle's codebook: ") + e.what(), "codebook");
    }
  }
  BundleLoaded out;
  out.survey = q.id;
  out.codebook = codebook.has_value();
  const auto existing = services.surveys().find(q.id);
  const json canonical = questionnaire::to_json(q);
  if (!existing || questionnaire::to_json(*existing) != canonical) {
    save_survey(services, actor, q, replace, how);
    out.definition_changed = true;
  }
  std::optional<std::string> own_codebook, own_margins;
  {
    auto db = services.readers().acquire();
    own_codebook = storage::load_codebook(*db, q.id);
    if (auto m = storage::load_margins(*db, q.id)) own_margins = m->definition;
  }
  if (codebook) {
    if (!own_codebook || json::parse(*own_codebook) != analysis::to_json(*codebook))
      set_codebook(services, actor, q.id, *codebook);
  } else if (own_codebook) {
    reset_codebook(services, actor, q.id);
  }
  if (auto it = bundle.find("margins"); it != bundle.end() && !it->is_null()) {
    out.margins = true;
    if (!own_margins || json::parse(*own_margins) != *it)
      set_survey_margins(services, actor, q.id, it->dump(), "the bundle", "margins");
  } else if (own_margins) {
    clear_survey_margins(services, actor, q.id);
  }
  return out;
}

}  // namespace lyssna::app
