// The dots of a survey's dot votes (see vote_signal.hpp).
#include "app/vote_signal.hpp"

#include "collector/storage/dialogue_store.hpp"

namespace lyssna::app {

VoteDots vote_dots(Services& services, const std::string& survey,
                   const std::optional<std::string>& area) {
  VoteDots out;
  auto db = services.readers().acquire();
  for (const auto& s : storage::list_dialogue_sessions(*db)) {
    if (s.line.survey != survey) continue;
    if (area && s.line.area != area) continue;
    for (const auto& v : storage::votes_of_session(*db, s.line.id)) {
      if (v.line.ballots.empty()) continue;
      ++out.votes;
      for (const auto& b : v.line.ballots) {
        ++out.ballots;
        for (const auto& [candidate, n] : b.dots) {
          out.by_candidate[candidate] += n;
          out.all += n;
        }
      }
    }
  }
  return out;
}

}  // namespace lyssna::app
