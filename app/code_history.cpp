// Standing manual codes (see code_history.hpp).
#include "app/code_history.hpp"

#include "app/surveys.hpp"

namespace lyssna::app {

CodesByRecord standing_codes(const std::vector<storage::ManualCodeRow>& codes,
                             const analysis::Codebook& codebook,
                             const std::set<std::string>& records) {
  std::map<std::string, std::map<std::string, StandingCode>> latest;  // record -> theme -> code
  for (const auto& c : codes) {
    if (!records.count(c.record_id)) continue;
    const std::string theme = codebook.resolve(c.theme);
    if (theme.empty()) continue;
    latest[c.record_id][theme] = {theme, c.add, c.coded_at, c.coded_by};
  }
  CodesByRecord out;
  for (auto& [record, by_theme] : latest) {
    auto& list = out[record];
    for (const auto& t : codebook.themes) {
      if (auto it = by_theme.find(t.id); it != by_theme.end()) list.push_back(it->second);
    }
  }
  return out;
}

CodesByRecord standing_codes(Services& services, const std::string& survey,
                             const analysis::Codebook& codebook,
                             const std::set<std::string>& records) {
  require_survey(services, survey);
  if (records.empty()) return {};
  auto db = services.readers().acquire();
  return standing_codes(storage::manual_codes(*db, survey), codebook, records);
}

}  // namespace lyssna::app
