// A session's notes and their themes (see dialogue_notes.hpp).
#include "app/dialogue_notes.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "app/coding.hpp"
#include "collector/storage/analysis_store.hpp"
#include "collector/storage/dialogue_store.hpp"
#include "collector/storage/response_store.hpp"
#include "util/errors.hpp"

namespace lyssna::app {
namespace {

std::optional<std::string> note_answer(const nlohmann::json& answers, const char* question) {
  auto it = answers.find(question);
  if (it == answers.end() || !it->is_string() || it->get<std::string>().empty())
    return std::nullopt;
  return it->get<std::string>();
}

// The accepted themes as current ids, each once, in the order given.
std::vector<std::string> resolve_themes(const analysis::Codebook& codebook,
                                        const std::vector<std::string>& accept) {
  std::vector<std::string> out;
  for (const auto& theme : accept) {
    const std::string id = codebook.resolve(theme);
    if (id.empty()) throw Invalid("the survey's codebook has no theme '" + theme + "'", "themes");
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  }
  return out;
}

// The themes of `record_id` coded by hand and in force (the last code for a
// theme wins), as current ids.
std::set<std::string> coded_themes(const analysis::Codebook& codebook,
                                   const std::vector<storage::ManualCodeRow>& codes,
                                   const std::string& record_id) {
  std::set<std::string> in_force;
  for (const auto& c : codes) {
    if (c.record_id != record_id) continue;
    const std::string id = codebook.resolve(c.theme);
    if (id.empty()) continue;
    if (c.add) {
      in_force.insert(id);
    } else {
      in_force.erase(id);
    }
  }
  return in_force;
}

// Codes the note with those of `themes` it is not coded with already.
void code_missing(Services& services, const Access& access, const std::string& survey,
                  const std::string& record_id, const std::vector<std::string>& themes) {
  if (themes.empty()) return;
  const auto codebook = codebook_of(services, survey);
  std::vector<storage::ManualCodeRow> codes;
  {
    auto db = services.readers().acquire();
    codes = storage::manual_codes(*db, survey);
  }
  const auto in_force = coded_themes(codebook, codes, record_id);
  CodingChange change{record_id, {}, {}};
  for (const auto& t : themes)
    if (!in_force.count(t)) change.add.push_back(t);
  if (change.add.empty()) return;
  code_response(services, Actor::of(access), survey, change);
}

}  // namespace

std::vector<SessionNote> session_notes(Services& services, ThemeSuggester& suggester,
                                       const Access& access, const std::string& session_id) {
  const DialogueSession s = session_of(services, access, session_id);
  const std::string& survey = s.line.survey;
  const auto codebook = codebook_of(services, survey);
  std::vector<SessionNote> out;
  std::vector<storage::ManualCodeRow> codes;
  {
    auto db = services.readers().acquire();
    std::map<int64_t, std::string> stop_names;
    for (const auto& stop : storage::stops_of(*db, session_id)) stop_names[stop.id] = stop.name;
    // Arrival order: notes taken within one second keep the order they came in.
    std::map<std::string, size_t> arrival;
    for (const auto& [record_survey, id] : storage::session_record_ids(*db, session_id))
      arrival.emplace(id, arrival.size());
    for (const auto& row : storage::notes_of(*db, session_id)) {
      auto r = storage::find_response(*db, row.survey, row.record_id);
      if (!r) continue;
      SessionNote n;
      n.id = r->id;
      n.text = note_answer(r->answers, "free_text").value_or("");
      n.lang = r->lang;
      n.place = note_answer(r->answers, "free_place");
      n.age_group = note_answer(r->answers, "age_group");
      n.gender = note_answer(r->answers, "gender");
      if (row.stop) {
        auto it = stop_names.find(*row.stop);
        if (it != stop_names.end()) n.stop = it->second;
      }
      n.submitted_epoch = r->submitted_epoch;
      auto at = arrival.find(n.id);
      n.arrival = at == arrival.end() ? 0 : at->second;
      out.push_back(std::move(n));
    }
    codes = storage::manual_codes(*db, survey);
  }
  std::stable_sort(out.begin(), out.end(), [](const SessionNote& a, const SessionNote& b) {
    if (a.submitted_epoch != b.submitted_epoch) return a.submitted_epoch > b.submitted_epoch;
    return a.arrival > b.arrival;
  });
  for (auto& n : out) {
    // The themes the index gives the stored note: its text and place
    // tagged as the indexer tags them, then the codes applied.
    std::set<std::string> automatic;
    for (const auto& found : suggester.suggest(services, survey, {n.text, n.lang, n.place},
                                               analysis::max_codebook_themes))
      automatic.insert(found.theme);
    std::set<std::string> manual_add, manual_remove;
    for (const auto& c : codes) {
      if (c.record_id != n.id) continue;
      const std::string id = codebook.resolve(c.theme);
      if (id.empty()) continue;
      (c.add ? manual_add : manual_remove).insert(id);
      (c.add ? manual_remove : manual_add).erase(id);
    }
    for (const auto& theme : codebook.themes) {
      const bool added = manual_add.count(theme.id) > 0;
      const bool carries = added || (automatic.count(theme.id) && !manual_remove.count(theme.id));
      if (!carries) continue;
      n.themes.push_back(theme.id);
      (added ? n.accepted : n.suggested).push_back(theme.id);
    }
  }
  return out;
}

Submitted save_note(Services& services, const Access& access, const std::string& session_id,
                    const NoteInput& note, const std::vector<std::string>& accept) {
  const DialogueSession s = session_of(services, access, session_id);
  const auto themes = resolve_themes(codebook_of(services, s.line.survey), accept);
  Submitted done = take_note(services, access, session_id, note);
  code_missing(services, access, s.line.survey, done.id, themes);
  return done;
}

void accept_note_themes(Services& services, const Access& access, const std::string& session_id,
                        const std::string& note_id, const std::vector<std::string>& accept) {
  const DialogueSession s = session_of(services, access, session_id);
  const auto themes = resolve_themes(codebook_of(services, s.line.survey), accept);
  if (themes.empty()) throw Invalid("choose a theme to accept", "themes");
  bool is_note = false;
  {
    auto db = services.readers().acquire();
    for (const auto& row : storage::notes_of(*db, session_id))
      is_note = is_note || row.record_id == note_id;
  }
  if (!is_note) throw NotFound("the session has no note '" + note_id + "'", "note");
  code_missing(services, access, s.line.survey, note_id, themes);
}

}  // namespace lyssna::app
