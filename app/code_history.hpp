// Who coded a response by hand: for each theme an analyst added to or took
// off a response, the code that stands (the latest, as tagging applies
// them, followed through the codebook's renames), with its author and time,
// so the explorer shows beside a theme who set it.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "analysis/codebook/codebook.hpp"
#include "app/services.hpp"
#include "collector/storage/analysis_store.hpp"

namespace lyssna::app {

struct StandingCode {
  std::string theme;  // a current theme id
  bool add = true;
  int64_t coded_at = 0;
  std::string coded_by;
};

using CodesByRecord = std::map<std::string, std::vector<StandingCode>>;

// From the survey's codes oldest first (storage::manual_codes), those of
// `records`, in codebook order per record; codes of a theme no longer in
// the codebook are left out.
CodesByRecord standing_codes(const std::vector<storage::ManualCodeRow>& codes,
                             const analysis::Codebook& codebook,
                             const std::set<std::string>& records);
CodesByRecord standing_codes(Services& services, const std::string& survey,
                             const analysis::Codebook& codebook,
                             const std::set<std::string>& records);

}  // namespace lyssna::app
