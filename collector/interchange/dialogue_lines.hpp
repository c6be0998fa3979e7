// The dialogue lines of the interchange contract (interchange.md section 6):
// sessions and votes, which travel beside response records in the same JSON
// Lines stream, told apart by their `kind`. Their structural rules and their
// JSON form; whether a vote's candidates are themes of the survey's codebook
// is the application's check (app/dialogues.hpp).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace lyssna::interchange {

enum class LineKind { record, session, vote };

// The kind a parsed line declares: a line without `kind` is a response
// record (so every file written under sections 1-5 still imports). Throws
// BadInput naming "kind" for any other value.
LineKind line_kind(const nlohmann::json& line);

struct SessionLine {
  std::string id;
  std::string survey;
  std::optional<std::string> area;  // null for a session not tied to one area
  std::string place;
  std::string held_on;  // YYYY-MM-DD
  std::string format;   // meeting, street, walk, kiosk
  std::vector<std::string> languages;
  std::string facilitator;
  std::string status;  // open, paused, closed

  bool operator==(const SessionLine& other) const = default;
};

struct Ballot {
  std::string id;
  std::map<std::string, int64_t> dots;  // candidate -> dots placed on it (> 0)

  bool operator==(const Ballot& other) const = default;
};

struct VoteLine {
  std::string id;
  std::string session;
  std::vector<std::string> candidates;
  // Labels of the room's own candidates: "custom:<slug>" -> language -> text.
  std::map<std::string, std::map<std::string, std::string>> labels;
  int64_t dots_per_ballot = 0;
  std::vector<Ballot> ballots;
};

inline constexpr size_t max_place_length = 200;
inline constexpr size_t max_candidates = 30;
inline constexpr int64_t max_dots_per_ballot = 20;
inline constexpr size_t max_ballots_per_line = 100000;

bool is_session_format(std::string_view format);
bool is_session_status(std::string_view status);
// 0 open, 1 paused, 2 closed: a status only moves forward.
int status_rank(std::string_view status);
// "custom:<slug>": lower-case letters, digits and '-', 1 to 60 of them.
bool is_custom_candidate(std::string_view candidate);

// Read a line of its kind. Throw BadInput naming the field ("held_on",
// "ballots[3].dots", ...) for a broken structural rule: a ballot's dots must
// be candidates of the vote, positive counts summing to at most
// dots_per_ballot; a custom candidate needs its labels.
SessionLine session_from_json(const nlohmann::json& j);
VoteLine vote_from_json(const nlohmann::json& j);
// Checks one ballot against its vote's rules (the same as vote_from_json
// applies to each): throws BadInput naming `field` ("dots") or a key below it.
void check_ballot(const VoteLine& vote, const Ballot& ballot, const std::string& field);

// As one JSON Lines line (no newline), fields in the contract's order.
std::string session_to_jsonl(const SessionLine& s);
std::string vote_to_jsonl(const VoteLine& v);
nlohmann::ordered_json ballot_to_json(const Ballot& b);

}  // namespace lyssna::interchange
