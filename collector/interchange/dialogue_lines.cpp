// Contract rules of session and vote lines (see dialogue_lines.hpp).
#include "collector/interchange/dialogue_lines.hpp"

#include <set>

#include "collector/interchange/record.hpp"
#include "collector/questionnaire/survey_id.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace lyssna::interchange {
namespace {

using nlohmann::json;

void only_fields(const json& j, std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : j.items()) {
    bool known = false;
    for (auto a : allowed) known = known || key == a;
    if (!known) throw BadInput("unknown field '" + key + "'", key);
  }
}

const std::string& text_field(const json& j, const char* field) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null())
    throw BadInput(std::string("field '") + field + "' is required", field);
  if (!it->is_string())
    throw BadInput(std::string("field '") + field + "' must be a string", field);
  return it->get_ref<const std::string&>();
}

std::string id_field(const json& j, const char* field) {
  const auto& id = text_field(j, field);
  if (!is_valid_record_id(id))
    throw BadInput(std::string("field '") + field + "' must be " + id_rule, field);
  return id;
}

// A person's words of at most `max` bytes: a place, a facilitator's name.
std::string words_field(const json& j, const char* field, size_t max) {
  const auto& s = text_field(j, field);
  if (s.find_first_not_of(" \t") == std::string::npos)
    throw BadInput(std::string("field '") + field + "' must not be empty", field);
  if (s.size() > max || !text::is_valid_utf8(s)) {
    throw BadInput(std::string("field '") + field + "' must be UTF-8 text of at most " +
                       std::to_string(max) + " bytes",
                   field);
  }
  for (unsigned char c : s) {
    if (c < 0x20)
      throw BadInput(std::string("field '") + field + "' must not hold control characters", field);
  }
  return s;
}

bool is_language_code(std::string_view s) {
  return s.size() == 2 && text::is_identifier(s, "");
}

bool is_slug(std::string_view s) {
  if (s.empty() || s.size() > 60) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

bool is_theme_id(std::string_view s) {
  return !s.empty() && s.size() <= 64 && text::is_identifier(s, "_");
}

}  // namespace

LineKind line_kind(const json& line) {
  if (!line.is_object()) return LineKind::record;  // record_from_json names the problem
  auto it = line.find("kind");
  if (it == line.end() || it->is_null()) return LineKind::record;
  if (it->is_string()) {
    const auto& k = it->get_ref<const std::string&>();
    if (k == "session") return LineKind::session;
    if (k == "vote") return LineKind::vote;
  }
  throw BadInput("field 'kind' must be \"session\" or \"vote\" (absent: a response record)",
                 "kind");
}

bool is_session_format(std::string_view f) {
  return f == "meeting" || f == "street" || f == "walk" || f == "kiosk";
}

bool is_session_status(std::string_view s) {
  return s == "open" || s == "paused" || s == "closed";
}

int status_rank(std::string_view s) {
  return s == "open" ? 0 : s == "paused" ? 1 : 2;
}

bool is_custom_candidate(std::string_view c) {
  return c.rfind("custom:", 0) == 0 && is_slug(c.substr(7));
}

SessionLine session_from_json(const json& j) {
  if (!j.is_object()) throw BadInput("a session must be a JSON object");
  only_fields(j, {"kind", "id", "survey", "area", "place", "held_on", "format", "languages",
                  "facilitator", "status"});
  SessionLine s;
  s.id = id_field(j, "id");
  s.survey = text_field(j, "survey");
  if (!questionnaire::is_survey_id(s.survey)) {
    throw BadInput(
        "field 'survey' must be a survey id: " + std::string(questionnaire::survey_id_rule),
        "survey");
  }
  if (auto it = j.find("area"); it != j.end() && !it->is_null()) {
    if (!it->is_string() || !text::is_identifier(it->get_ref<const std::string&>()))
      throw BadInput("field 'area' must be null or an area id of the survey", "area");
    s.area = it->get<std::string>();
  }
  s.place = words_field(j, "place", max_place_length);
  s.held_on = text_field(j, "held_on");
  if (s.held_on.size() != 10 || !clock::parse_date_or_timestamp(s.held_on))
    throw BadInput("field 'held_on' must be a date such as 2026-03-12", "held_on");
  s.format = text_field(j, "format");
  if (!is_session_format(s.format))
    throw BadInput("field 'format' must be meeting, street, walk or kiosk", "format");
  auto langs = j.find("languages");
  if (langs == j.end() || !langs->is_array() || langs->empty() || langs->size() > 20) {
    throw BadInput("field 'languages' must be a list of 1 to 20 ISO 639-1 codes such as [\"sv\"]",
                   "languages");
  }
  for (const auto& l : *langs) {
    if (!l.is_string() || !is_language_code(l.get_ref<const std::string&>()))
      throw BadInput("field 'languages' must hold two-letter ISO 639-1 codes", "languages");
    const auto& code = l.get_ref<const std::string&>();
    for (const auto& seen : s.languages) {
      if (seen == code) throw BadInput("field 'languages' names '" + code + "' twice", "languages");
    }
    s.languages.push_back(code);
  }
  s.facilitator = words_field(j, "facilitator", max_place_length);
  s.status = text_field(j, "status");
  if (!is_session_status(s.status))
    throw BadInput("field 'status' must be open, paused or closed", "status");
  return s;
}

void check_ballot(const VoteLine& vote, const Ballot& ballot, const std::string& field) {
  if (!is_valid_record_id(ballot.id))
    throw BadInput("field '" + field + ".id' must be " + id_rule, field + ".id");
  int64_t sum = 0;
  for (const auto& [candidate, n] : ballot.dots) {
    bool known = false;
    for (const auto& c : vote.candidates) known = known || c == candidate;
    if (!known) {
      throw BadInput("field '" + field + ".dots' names '" + candidate +
                         "', which is not a candidate of the vote",
                     field + ".dots");
    }
    if (n < 1 || n > vote.dots_per_ballot) {
      throw BadInput("field '" + field + ".dots." + candidate + "' must be 1 to " +
                         std::to_string(vote.dots_per_ballot),
                     field + ".dots");
    }
    sum += n;
  }
  if (sum > vote.dots_per_ballot) {
    throw BadInput("field '" + field + ".dots' places " + std::to_string(sum) +
                       " dots; a ballot has at most " + std::to_string(vote.dots_per_ballot),
                   field + ".dots");
  }
}

VoteLine vote_from_json(const json& j) {
  if (!j.is_object()) throw BadInput("a vote must be a JSON object");
  only_fields(j, {"kind", "id", "session", "candidates", "labels", "dots_per_ballot", "ballots"});
  VoteLine v;
  v.id = id_field(j, "id");
  v.session = id_field(j, "session");
  auto cands = j.find("candidates");
  if (cands == j.end() || !cands->is_array() || cands->empty() || cands->size() > max_candidates) {
    throw BadInput("field 'candidates' must be a list of 1 to " + std::to_string(max_candidates) +
                       " theme ids",
                   "candidates");
  }
  std::set<std::string> seen;
  for (const auto& c : *cands) {
    if (!c.is_string() || !(is_theme_id(c.get_ref<const std::string&>()) ||
                            is_custom_candidate(c.get_ref<const std::string&>()))) {
      throw BadInput("field 'candidates' must hold theme ids or custom:<slug>", "candidates");
    }
    if (!seen.insert(c.get<std::string>()).second)
      throw BadInput("field 'candidates' names '" + c.get<std::string>() + "' twice", "candidates");
    v.candidates.push_back(c.get<std::string>());
  }
  if (auto it = j.find("labels"); it != j.end() && !it->is_null()) {
    if (!it->is_object()) throw BadInput("field 'labels' must be an object", "labels");
    for (const auto& [cand, per_lang] : it->items()) {
      if (!seen.count(cand) || !is_custom_candidate(cand)) {
        throw BadInput(
            "field 'labels' has '" + cand + "', which is no custom candidate of the vote",
            "labels");
      }
      if (!per_lang.is_object() || per_lang.empty())
        throw BadInput("field 'labels." + cand + "' must map languages to text", "labels");
      for (const auto& [lang, text] : per_lang.items()) {
        if (!is_language_code(lang) || !text.is_string() ||
            text.get_ref<const std::string&>().empty() ||
            text.get_ref<const std::string&>().size() > max_place_length ||
            !text::is_valid_utf8(text.get_ref<const std::string&>())) {
          throw BadInput("field 'labels." + cand +
                             "' must map two-letter language codes to text of at most " +
                             std::to_string(max_place_length) + " bytes",
                         "labels");
        }
        v.labels[cand][lang] = text.get<std::string>();
      }
    }
  }
  for (const auto& c : v.candidates) {
    if (is_custom_candidate(c) && !v.labels.count(c))
      throw BadInput("field 'labels' needs a label for '" + c + "'", "labels");
  }
  auto dots = j.find("dots_per_ballot");
  if (dots == j.end() || !dots->is_number_integer() || dots->get<int64_t>() < 1 ||
      dots->get<int64_t>() > max_dots_per_ballot) {
    throw BadInput("field 'dots_per_ballot' must be a whole number from 1 to " +
                       std::to_string(max_dots_per_ballot),
                   "dots_per_ballot");
  }
  v.dots_per_ballot = dots->get<int64_t>();
  auto ballots = j.find("ballots");
  if (ballots != j.end() && !ballots->is_null()) {
    if (!ballots->is_array() || ballots->size() > max_ballots_per_line) {
      throw BadInput("field 'ballots' must be a list of at most " +
                         std::to_string(max_ballots_per_line) + " ballots",
                     "ballots");
    }
    std::set<std::string> ids;
    for (size_t i = 0; i < ballots->size(); ++i) {
      const auto& b = (*ballots)[i];
      const std::string field = "ballots[" + std::to_string(i) + "]";
      if (!b.is_object()) throw BadInput("field '" + field + "' must be an object", field);
      for (const auto& [key, value] : b.items()) {
        if (key != "id" && key != "dots")
          throw BadInput("unknown field '" + field + "." + key + "'", field + "." + key);
      }
      Ballot ballot;
      auto id = b.find("id");
      if (id == b.end() || !id->is_string())
        throw BadInput("field '" + field + ".id' is required", field + ".id");
      ballot.id = id->get<std::string>();
      auto d = b.find("dots");
      if (d == b.end() || !d->is_object())
        throw BadInput("field '" + field + ".dots' must be an object", field + ".dots");
      for (const auto& [cand, n] : d->items()) {
        if (!n.is_number_integer())
          throw BadInput("field '" + field + ".dots." + cand + "' must be a whole number",
                         field + ".dots");
        ballot.dots[cand] = n.get<int64_t>();
      }
      check_ballot(v, ballot, field);
      if (!ids.insert(ballot.id).second)
        throw BadInput("field '" + field + ".id': ballot '" + ballot.id + "' appears twice",
                       field + ".id");
      v.ballots.push_back(std::move(ballot));
    }
  }
  return v;
}

std::string session_to_jsonl(const SessionLine& s) {
  nlohmann::ordered_json j;
  j["kind"] = "session";
  j["id"] = s.id;
  j["survey"] = s.survey;
  j["area"] = s.area ? nlohmann::ordered_json(*s.area) : nlohmann::ordered_json(nullptr);
  j["place"] = s.place;
  j["held_on"] = s.held_on;
  j["format"] = s.format;
  j["languages"] = s.languages;
  j["facilitator"] = s.facilitator;
  j["status"] = s.status;
  return j.dump(-1, ' ', false, json::error_handler_t::strict);
}

nlohmann::ordered_json ballot_to_json(const Ballot& b) {
  nlohmann::ordered_json dots = nlohmann::ordered_json::object();
  for (const auto& [c, n] : b.dots) dots[c] = n;
  return {{"id", b.id}, {"dots", dots}};
}

std::string vote_to_jsonl(const VoteLine& v) {
  nlohmann::ordered_json j;
  j["kind"] = "vote";
  j["id"] = v.id;
  j["session"] = v.session;
  j["candidates"] = v.candidates;
  if (!v.labels.empty()) {
    nlohmann::ordered_json labels = nlohmann::ordered_json::object();
    for (const auto& [c, per_lang] : v.labels) {
      for (const auto& [lang, text] : per_lang) labels[c][lang] = text;
    }
    j["labels"] = labels;
  }
  j["dots_per_ballot"] = v.dots_per_ballot;
  j["ballots"] = nlohmann::ordered_json::array();
  for (const auto& b : v.ballots) j["ballots"].push_back(ballot_to_json(b));
  return j.dump(-1, ' ', false, json::error_handler_t::strict);
}

}  // namespace lyssna::interchange
