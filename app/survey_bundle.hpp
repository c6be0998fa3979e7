// A survey's bundle: what a laptop needs of a survey to run dialogues for
// it, in one JSON document (docs/sync.md): the definition, the survey's own
// codebook when it has one, and its margins when it has them. `lyssna survey
// export` writes one for the USB stick, the sync API serves them, and
// `survey load` and `sync --from` take them.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "app/audit.hpp"
#include "app/services.hpp"

namespace lyssna::app {

inline constexpr const char* survey_bundle_kind = "lyssna-survey-bundle";
inline constexpr int survey_bundle_version = 1;

// {"kind": "lyssna-survey-bundle", "version": 1, "survey": {definition},
//  "codebook": {...} or null, "margins": {...} or null}. Throws NotFound.
nlohmann::json survey_bundle(Services& services, const std::string& survey);
// Whether a JSON file is a bundle (else it is a plain definition).
bool is_survey_bundle(const nlohmann::json& j);

struct BundleLoaded {
  std::string survey;
  bool definition_changed = false;  // false: the same definition was here already
  bool codebook = false;            // the bundle had its own codebook
  bool margins = false;
};
// Stores a bundle's parts, each checked first (Invalid naming "survey",
// "codebook" or "margins"), each audited as the commands that set them one
// by one are. Without `replace` an existing survey with another definition
// is a Conflict. A bundle without a codebook (or margins) takes the survey
// here back to the default codebook (or unweighted), so the copy matches.
BundleLoaded load_survey_bundle(Services& services, const Actor& actor,
                                const nlohmann::json& bundle, bool replace, const std::string& how);

}  // namespace lyssna::app
