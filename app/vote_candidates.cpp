// A dot vote's proposed candidates (see vote_candidates.hpp).
#include "app/vote_candidates.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "analysis/stats/indicators.hpp"
#include "app/dialogues.hpp"
#include "app/survey_analysis.hpp"
#include "collector/storage/dialogue_store.hpp"
#include "collector/storage/response_store.hpp"
#include "indexing/language_data.hpp"

namespace lyssna::app {

std::vector<ProposedCandidate> propose_candidates(Services& services, const Access& access,
                                                  const std::string& session_id) {
  const DialogueSession session = session_of(services, access, session_id);
  const std::string& survey = session.line.survey;
  std::set<std::string> ids;
  std::vector<interchange::Record> records;
  {
    auto db = services.readers().acquire();
    for (const auto& [s, id] : storage::session_record_ids(*db, session_id)) {
      if (s != survey) continue;
      ids.insert(id);
      if (auto r = storage::find_response(*db, s, id)) records.push_back(std::move(*r));
    }
  }
  SurveyAnalysis analysis(services, survey);
  const auto& ctx = analysis.context();
  const auto& themes = ctx.codebook().themes;
  std::vector<ProposedCandidate> out(themes.size());
  for (size_t i = 0; i < themes.size(); ++i) out[i].theme = themes[i].id;
  for (const auto& row : ctx.themes().rows) {
    if (!ids.count(row.record_id)) continue;
    for (auto t : row.themes) ++out[t].mentions;
  }
  // Problem items: the session's records are few, so their answers are read as stored.
  for (size_t i = 0; i < themes.size(); ++i) {
    const auto def = analysis::theme_indicator(indexing::indicator_spec(), themes[i]);
    if (!def) continue;
    for (const auto& r : records) {
      const bool big =
          std::any_of(def->questions.begin(), def->questions.end(), [&](const auto& q) {
            auto it = r.answers.find(q);
            return it != r.answers.end() && it->is_string() &&
                   std::find(def->yes.begin(), def->yes.end(), it->template get<std::string>()) !=
                       def->yes.end();
          });
      if (big) ++out[i].problems;
    }
  }
  std::vector<ProposedCandidate> heard;
  for (auto& c : out)
    if (c.weight() > 0) heard.push_back(std::move(c));
  std::stable_sort(heard.begin(), heard.end(),
                   [](const auto& a, const auto& b) { return a.weight() > b.weight(); });
  return heard;
}

}  // namespace lyssna::app
