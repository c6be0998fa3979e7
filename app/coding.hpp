// What analysts change in a survey's analysis: themes added to or removed
// from one response by hand (they win over the automatic themes), and the
// survey's own codebook. Each change is one transaction through the writer.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "analysis/codebook/codebook.hpp"
#include "app/audit.hpp"
#include "app/services.hpp"

namespace lyssna::app {

struct CodingChange {
  std::string record_id;
  std::vector<std::string> add, remove;  // theme ids of the survey's codebook
};

// Stores the change atomically with its audit entry, the codes naming
// `actor`. Throws NotFound (survey or response), Invalid naming `add` or
// `remove` for a theme the codebook lacks, or when both lists are empty.
void code_response(Services& services, const Actor& actor, const std::string& survey,
                   const CodingChange& change);

// The codebook in force: the survey's own, else the default.
analysis::Codebook codebook_of(Services& services, const std::string& survey);
// Whether a theme is in a survey's codebook in force, each survey's codebook
// read once: for the votes of an import or a sync batch (interchange::ThemeCheck).
std::function<bool(const std::string& survey, const std::string& theme)> codebook_theme_check(
    Services& services);
// Gives the survey a codebook of its own (already parsed and checked), or
// takes it back to the default. Re-tags without reindexing. Audited.
void set_codebook(Services& services, const Actor& actor, const std::string& survey,
                  const analysis::Codebook& codebook);
void reset_codebook(Services& services, const Actor& actor, const std::string& survey);
// The same for an editor that previewed the change: refuses it (Conflict)
// when the codebook in force is no longer the one whose fingerprint
// (app/codebook_editing.hpp) is `base`, checked in the writing transaction,
// so that a change made meanwhile is never overwritten unseen. `note`
// (what changed: "theme +x", cut to the log's limit) goes to the audit entry.
void set_codebook(Services& services, const Actor& actor, const std::string& survey,
                  const analysis::Codebook& codebook, const std::string& base,
                  const std::string& note);

}  // namespace lyssna::app
