// The demo's dialogue sessions and votes (see demo_dialogues.hpp).
#include "demo/demo_dialogues.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "util/clock.hpp"

namespace lyssna::demo {
namespace {

// A small generator of its own (splitmix64): the demo's sessions must not
// shift when the records' generator changes how many numbers it draws.
struct Mix {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
};

// What people at a meeting in each area put their dots on, most first.
std::vector<std::string> candidates_for(const std::string& area) {
  static const std::map<std::string, std::vector<std::string>> known = {
      {"handen", {"public_transport", "drugs_alcohol", "lighting_environment", "youth_activities"}},
      {"jordbro", {"gangs_violence", "drugs_alcohol", "youth_activities", "lighting_environment"}},
      {"brandbergen",
       {"youth_disorder", "vandalism_litter", "lighting_environment", "youth_activities"}},
      {"vasterhaninge", {"traffic", "burglary_theft", "lighting_environment", "police_presence"}},
      {"vendelso", {"burglary_theft", "traffic", "fraud_elderly", "police_presence"}},
      {"dalaro", {"traffic", "fraud_elderly", "police_presence", "public_transport"}},
  };
  if (auto it = known.find(area); it != known.end()) return it->second;
  return {"lighting_environment", "traffic", "youth_activities", "police_presence"};
}

const char* meeting_place(int n) {
  static const char* places[] = {"bibliotek", "skola", "medborgarhus", "centrum"};
  return places[(n - 1) % 4];
}

}  // namespace

DemoDialogues demo_dialogues(const questionnaire::Questionnaire& q,
                             const std::vector<interchange::Record>& records, uint64_t seed) {
  struct Seen {
    std::string area, channel;
    int64_t first = 0;
    std::set<std::string> langs;
    int records = 0;
  };
  std::map<std::string, Seen> sessions;
  DemoDialogues out;
  for (const auto& r : records) {
    if (!r.session) continue;
    auto& s = sessions[*r.session];
    if (s.records == 0 || r.submitted_epoch < s.first) s.first = r.submitted_epoch;
    s.area = r.answers.value("area", "");
    s.channel = r.channel;
    s.langs.insert(r.lang);
    ++s.records;
    if (r.channel == "dialogue") out.notes.push_back(r.id);
  }
  Mix mix{seed * 0x2545F4914F6CDD1DULL + 11};
  for (const auto& [id, seen] : sessions) {
    interchange::SessionLine line;
    line.id = id;
    line.survey = q.id;
    line.area = seen.area;
    std::string area_label = seen.area;
    for (const auto& a : q.areas) {
      if (a.id == seen.area && !a.label.empty()) area_label = a.label.begin()->second;
    }
    const bool kiosk = seen.channel == "kiosk";
    const int n = kiosk ? 0 : std::max(1, std::atoi(id.substr(id.rfind('-') + 1).c_str()));
    line.place = area_label + " " + (kiosk ? "centrum, kiosk" : meeting_place(n));
    line.held_on = clock::format_date(seen.first);
    line.format = kiosk ? "kiosk" : "meeting";
    // Swedish first, then the others heard, as the facilitator chose them.
    if (seen.langs.count("sv") || q.supports("sv")) line.languages.push_back("sv");
    for (const auto& l : seen.langs) {
      if (l != "sv") line.languages.push_back(l);
    }
    line.facilitator = kiosk ? "Trygghetssamordnare Haninge" : "Kommunpolis Haninge";
    line.status = "closed";
    out.sessions.push_back(line);
    if (kiosk) continue;

    interchange::VoteLine vote;
    vote.id = "v-" + id;
    vote.session = id;
    vote.candidates = candidates_for(seen.area);
    vote.dots_per_ballot = 3;
    const double weights[] = {1.9, 1.4, 1.0, 0.7};
    const int ballots = std::max(3, seen.records * 4 / 5);
    for (int b = 0; b < ballots; ++b) {
      interchange::Ballot ballot;
      ballot.id = "b-" + id + "-" + std::to_string(b + 1);
      for (int dot = 0; dot < 3; ++dot) {
        double pick = mix.uniform() * 5.0, acc = 0;
        for (size_t c = 0; c < vote.candidates.size(); ++c) {
          acc += weights[c];
          if (pick < acc || c + 1 == vote.candidates.size()) {
            ++ballot.dots[vote.candidates[c]];
            break;
          }
        }
      }
      vote.ballots.push_back(std::move(ballot));
    }
    out.votes.push_back(std::move(vote));
  }
  return out;
}

}  // namespace lyssna::demo
