// Dialogue sessions, notes and dot votes (see dialogues.hpp).
#include "app/dialogues.hpp"

#include <algorithm>

#include "app/coding.hpp"
#include "app/dialogues_held.hpp"
#include "app/submission.hpp"
#include "app/surveys.hpp"
#include "collector/questionnaire/answers.hpp"
#include "collector/storage/response_store.hpp"
#include "util/clock.hpp"
#include "util/random.hpp"
#include "util/text.hpp"

namespace lyssna::app {

std::string session_target(const std::string& id) {
  return "session/" + id;
}

namespace {

using interchange::Ballot;
using interchange::VoteLine;

// A slug of the place for the session id: "Jordbro bibliotek" -> "jordbro-bibliotek"
// (ASCII letters and digits; å, ä, ö as a, a, o; the rest become '-').
std::string place_slug(const std::string& place) {
  std::string out;
  for (size_t i = 0; i < place.size() && out.size() < 40; ++i) {
    unsigned char c = static_cast<unsigned char>(place[i]);
    if (c == 0xC3 && i + 1 < place.size()) {
      unsigned char d = static_cast<unsigned char>(place[++i]);
      if (d == 0xA5 || d == 0xA4 || d == 0x85 || d == 0x84)
        c = 'a';
      else if (d == 0xB6 || d == 0x96)
        c = 'o';
      else if (d == 0xA9 || d == 0x89)
        c = 'e';
      else
        c = '-';
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) {
      out += static_cast<char>(c);
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

// Join codes are read off a screen and typed on a phone: six characters of
// an alphabet without look-alikes (no 0/O, 1/I/L).
std::string new_join_code() {
  static constexpr char alphabet[] = "23456789abcdefghjkmnpqrstuvwxyz";
  std::string code;
  for (int i = 0; i < 6; ++i) code += alphabet[random::below(sizeof(alphabet) - 1)];
  return code;
}

bool sees_all(const Access& access) {
  return access.kind == Access::Kind::script || (access.staff && access.staff->role == Role::admin);
}

void require_visible(const Access& access, const storage::StoredSession& s) {
  if (sees_all(access)) return;
  if (!access.staff || !s.owner || *s.owner != access.staff->user_id) {
    throw NotFound("no dialogue session '" + s.line.id + "'");
  }
}

void require_dialogues(const Access& access) {
  if (access.kind == Access::Kind::script) return;
  require(access, Permission::own_dialogues);
}

DialogueSession to_session(storage::Database& db, storage::StoredSession s) {
  DialogueSession out;
  out.counts = storage::session_counts(db, s.line.id);
  out.line = std::move(s.line);
  out.owner = s.owner;
  out.join_code = std::move(s.join_code);
  out.kiosk_pin_set = s.kiosk_pin_hash.has_value();
  out.kiosk_idle_seconds = s.kiosk_idle_seconds;
  return out;
}

storage::StoredSession require_stored(storage::Database& db, const std::string& id) {
  auto s = storage::find_dialogue_session(db, id);
  if (!s) throw NotFound("no dialogue session '" + id + "'", "session");
  return std::move(*s);
}

std::string required_words(const std::string& value, const char* field, size_t max) {
  std::string t = text::trim(value);
  if (t.empty()) throw Invalid(std::string(field) + " is required", field);
  if (t.size() > max || !text::is_valid_utf8(t) || text::has_control_characters(t)) {
    throw Invalid(std::string(field) + " must be text of at most " + std::to_string(max) +
                      " bytes, on one line",
                  field);
  }
  return t;
}

Vote to_vote(storage::StoredVote v) {
  Vote out;
  out.is_open = v.is_open;
  for (const auto& c : v.line.candidates) out.tally.push_back({c, 0, 0});
  for (const auto& b : v.line.ballots) {
    for (auto& t : out.tally) {
      auto it = b.dots.find(t.candidate);
      if (it != b.dots.end()) {
        t.dots += it->second;
        ++t.ballots;
      }
    }
  }
  out.ballots = static_cast<int64_t>(v.line.ballots.size());
  out.line = std::move(v.line);
  return out;
}

}  // namespace

DialogueSession create_session(Services& services, const Access& access, const SessionInput& in) {
  require_dialogues(access);
  const auto q = require_survey(services, in.survey);
  interchange::SessionLine line;
  line.survey = q->id;
  if (in.area && !in.area->empty()) {
    if (std::none_of(q->areas.begin(), q->areas.end(),
                     [&](const questionnaire::Option& o) { return o.id == *in.area; })) {
      throw Invalid("survey '" + q->id + "' has no area '" + *in.area + "'", "area");
    }
    line.area = in.area;
  }
  line.place = required_words(in.place, "place", interchange::max_place_length);
  line.held_on = text::trim(in.held_on);
  if (line.held_on.size() != 10 || !clock::parse_date_or_timestamp(line.held_on))
    throw Invalid("held_on must be a date such as 2026-03-12", "held_on");
  if (!interchange::is_session_format(in.format))
    throw Invalid("format must be meeting, street, walk or kiosk", "format");
  line.format = in.format;
  if (in.languages.empty()) throw Invalid("choose at least one language", "languages");
  for (const auto& l : in.languages) {
    if (!q->supports(l))
      throw Invalid("the questionnaire of '" + q->id + "' has no language '" + l + "'",
                    "languages");
    if (std::find(line.languages.begin(), line.languages.end(), l) == line.languages.end())
      line.languages.push_back(l);
  }
  line.facilitator = required_words(in.facilitator, "facilitator", interchange::max_place_length);
  line.status = "open";
  const std::string slug = place_slug(line.place);
  // The random tail keeps ids of two laptops apart, the date and place make
  // it readable in a file.
  line.id =
      "s-" + line.held_on + (slug.empty() ? "" : "-" + slug) + "-" + random::uuid_v4().substr(0, 6);
  storage::StoredSession row;
  row.line = line;
  if (access.staff) row.owner = access.staff->user_id;
  row.created_at = row.updated_at = services.now();
  DialogueSession out;
  services.writer().execute([&](storage::Database& db) {
    for (int attempt = 0; attempt < 20 && !row.join_code; ++attempt) {
      auto code = new_join_code();
      if (!storage::find_dialogue_by_join_code(db, code)) row.join_code = code;
    }
    if (!row.join_code) throw Error("no free join code");
    storage::insert_dialogue_session(db, row);
    record_audit(db, row.created_at, Actor::of(access), AuditAction::dialogue_changed,
                 session_target(line.id), "created");
    out = to_session(db, row);
  });
  return out;
}

std::vector<DialogueSession> list_sessions(Services& services, const Access& access) {
  require_dialogues(access);
  auto db = services.readers().acquire();
  std::optional<int64_t> owner;
  if (!sees_all(access)) owner = access.staff->user_id;
  std::vector<DialogueSession> out;
  for (auto& s : storage::list_dialogue_sessions(*db, owner))
    out.push_back(to_session(*db, std::move(s)));
  return out;
}

DialogueSession session_of(Services& services, const Access& access, const std::string& id) {
  require_dialogues(access);
  auto db = services.readers().acquire();
  auto s = storage::find_dialogue_session(*db, id);
  if (!s) throw NotFound("no dialogue session '" + id + "'");
  require_visible(access, *s);
  return to_session(*db, std::move(*s));
}

DialogueSession session_by_join_code(Services& services, const std::string& code,
                                     const std::string& client) {
  const int64_t now = clock::now_seconds();
  if (!client.empty()) {
    if (auto wait = services.join_guesses().blocked_for(client, now)) {
      throw TooManyAttempts("too many wrong codes: try again in " + std::to_string(*wait) + " s",
                            *wait, "code");
    }
  }
  auto db = services.readers().acquire();
  auto s = storage::find_dialogue_by_join_code(*db, text::to_lower_ascii(text::trim(code)));
  if (!s) {
    if (!client.empty()) services.join_guesses().failed(client, now);
    throw NotFound("no dialogue session has the code '" + code + "'", "code");
  }
  return to_session(*db, std::move(*s));
}

DialogueSession session_for_room(Services& services, const std::string& id) {
  auto db = services.readers().acquire();
  return to_session(*db, require_stored(*db, id));
}

DialogueSession set_session_status(Services& services, const Access& access, const std::string& id,
                                   const std::string& status) {
  require_dialogues(access);
  if (!interchange::is_session_status(status))
    throw Invalid("status must be open, paused or closed", "status");
  const int64_t now = services.now();
  DialogueSession out;
  services.writer().execute([&](storage::Database& db) {
    auto s = require_stored(db, id);
    require_visible(access, s);
    const std::string old = s.line.status;
    if (old == "closed" && status != "closed")
      throw Invalid("session '" + id + "' is closed; a closed session stays closed", "status");
    if (old != status) {
      storage::set_dialogue_status(db, id, status, now);
      if (status == "closed") storage::set_dialogue_join_code(db, id, std::nullopt, now);
      record_audit(db, now, Actor::of(access), AuditAction::dialogue_changed, session_target(id),
                   "status " + old + " -> " + status);
      if (status == "closed") count_dialogues_held(db, now, Actor::of(access));
    }
    out = to_session(db, require_stored(db, id));
  });
  return out;
}

void set_kiosk(Services& services, const Access& access, const std::string& id,
               const std::string& pin, int64_t idle_seconds) {
  require_dialogues(access);
  if (!pin.empty()) {
    if (pin.size() < 4 || pin.size() > 12 ||
        !std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      throw Invalid("the PIN must be 4 to 12 digits", "pin");
    }
  }
  if (idle_seconds < min_kiosk_idle_seconds || idle_seconds > max_kiosk_idle_seconds) {
    throw Invalid("the idle time must be " + std::to_string(min_kiosk_idle_seconds) + " to " +
                      std::to_string(max_kiosk_idle_seconds) + " seconds",
                  "idle_seconds");
  }
  std::optional<std::string> hash;
  if (!pin.empty()) hash = services.login_gate().hash(pin);
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    auto s = require_stored(db, id);
    require_visible(access, s);
    storage::set_dialogue_kiosk(db, id, hash ? hash : s.kiosk_pin_hash, idle_seconds, now);
    record_audit(
        db, now, Actor::of(access), AuditAction::dialogue_changed, session_target(id),
        std::string("kiosk ") + (hash ? "pin set, " : "") + "idle=" + std::to_string(idle_seconds));
  });
}

bool check_kiosk_pin(Services& services, const std::string& id, const std::string& pin) {
  std::optional<std::string> hash;
  {
    auto db = services.readers().acquire();
    hash = require_stored(*db, id).kiosk_pin_hash;
  }
  if (!hash || pin.empty() || pin.size() > 12) return false;
  return services.login_gate().verify(*hash, pin);
}

Submitted submit_in_session(Services& services, const std::string& session_id,
                            const std::string& channel, interchange::Record record) {
  if (channel != "dialogue" && channel != "kiosk")
    throw Error("a session's record is of channel dialogue or kiosk");
  DialogueSession s = session_for_room(services, session_id);
  if (!s.is_open()) {
    throw Conflict("the dialogue session is " + s.line.status + "; it takes no answers now",
                   "session");
  }
  const auto q = require_survey(services, s.line.survey);
  if (!q->supports(record.lang)) {
    throw Invalid("the questionnaire has no language '" + record.lang + "'", "lang");
  }
  if (!interchange::is_valid_record_id(record.id))
    throw Invalid(std::string("the record id must be ") + interchange::id_rule, "id");
  record.survey = s.line.survey;
  record.session = s.line.id;
  record.channel = channel;
  const int64_t now = clock::now_seconds();
  record.submitted_epoch = now;
  record.submitted_at = clock::format_rfc3339(now);
  questionnaire::normalize_free_text_answers(*q, record.answers);
  auto problems = questionnaire::check_answers(*q, record.answers);
  if (!problems.empty()) {
    std::vector<Invalid::Problem> all;
    for (const auto& p : problems)
      all.emplace_back(p.question.empty() ? "answers" : "answers." + p.question, p.message);
    const auto first = all.front();
    throw Invalid(first.second, first.first, std::move(all));
  }
  storage::InsertRequest request;
  request.server_stamped = true;
  const std::string id = record.id;
  request.record = std::move(record);
  switch (services.writer().submit(std::move(request))) {
    case storage::InsertStatus::stored:
      return {Outcome::created, id};
    case storage::InsertStatus::duplicate:
      return {Outcome::duplicate, id};
    default:
      throw Conflict("a different record with id '" + id + "' exists already", "id");
  }
}

Submitted take_note(Services& services, const Access& access, const std::string& session_id,
                    const NoteInput& note) {
  DialogueSession s = session_of(services, access, session_id);
  const std::string text = text::normalize_free_text(text::trim(note.text));
  if (text.empty()) throw Invalid("a note needs its text", "text");
  if (text.size() > max_note_length || !text::is_valid_utf8(text)) {
    throw Invalid("a note is at most " + std::to_string(max_note_length) + " bytes of text",
                  "text");
  }
  interchange::Record r;
  r.id = note.id.empty() ? random::uuid_v4() : note.id;
  r.lang = note.lang;
  r.answers = nlohmann::json::object();
  r.answers["free_text"] = text;
  if (s.line.area) r.answers["area"] = *s.line.area;
  std::optional<std::string> place = note.stop ? note.stop : note.place;
  if (place && !text::trim(*place).empty()) {
    r.answers["free_place"] =
        required_words(*place, note.stop ? "stop" : "place", interchange::max_place_length);
  }
  if (note.age_group && !note.age_group->empty()) r.answers["age_group"] = *note.age_group;
  if (note.gender && !note.gender->empty()) r.answers["gender"] = *note.gender;
  const std::string survey = s.line.survey;
  Submitted done = submit_in_session(services, session_id, "dialogue", std::move(r));
  services.writer().execute([&](storage::Database& db) {
    storage::NoteRow row{survey, done.id, std::nullopt};
    if (note.stop && !text::trim(*note.stop).empty())
      row.stop = storage::add_stop(db, session_id, text::trim(*note.stop));
    storage::mark_note(db, row, session_id);
  });
  return done;
}

std::vector<storage::Stop> stops_of(Services& services, const std::string& session_id) {
  auto db = services.readers().acquire();
  return storage::stops_of(*db, session_id);
}

int64_t mark_notes(Services& services, const std::string& survey,
                   const std::vector<std::string>& record_ids) {
  int64_t marked = 0;
  services.writer().execute([&](storage::Database& db) {
    for (const auto& id : record_ids) {
      auto r = storage::find_response(db, survey, id);
      if (!r || r->channel != "dialogue" || !r->session ||
          !storage::find_dialogue_session(db, *r->session))
        continue;
      storage::mark_note(db, {survey, id, std::nullopt}, *r->session);
      ++marked;
    }
  });
  return marked;
}

Vote create_vote(Services& services, const Access& access, const VoteInput& in) {
  DialogueSession s = session_of(services, access, in.session);
  if (s.line.status == "closed")
    throw Invalid("the session is closed; it takes no new vote", "session");
  const auto codebook = codebook_of(services, s.line.survey);
  VoteLine line;
  line.id = "v-" + random::uuid_v4();
  line.session = s.id();
  line.candidates = in.candidates;
  line.labels = in.labels;
  line.dots_per_ballot = in.dots_per_ballot;
  nlohmann::json j = nlohmann::json::parse(interchange::vote_to_jsonl(line));
  try {
    line = interchange::vote_from_json(j);  // the contract's rules, one place
  } catch (const BadInput& e) {
    throw Invalid(e.what(), e.field());
  }
  for (const auto& c : line.candidates) {
    if (!interchange::is_custom_candidate(c) && !codebook.find(c))
      throw Invalid("the survey's codebook has no theme '" + c + "'", "candidates");
  }
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    storage::insert_vote(db, line, false, now);
    record_audit(db, now, Actor::of(access), AuditAction::vote_changed, "vote/" + line.id,
                 "created in " + s.id());
  });
  return vote_of(services, line.id);
}

void set_vote_open(Services& services, const Access& access, const std::string& vote_id,
                   bool is_open) {
  Vote v = vote_of(services, vote_id);
  DialogueSession s = session_of(services, access, v.line.session);
  if (is_open && !s.is_open())
    throw Invalid("the session is " + s.line.status + "; open it first", "session");
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    if (is_open) {
      // One vote at a time takes ballots in a room: the phones show it.
      for (const auto& other : storage::votes_of_session(db, s.id())) {
        if (other.is_open && other.line.id != vote_id)
          storage::set_vote_open(db, other.line.id, false);
      }
    }
    storage::set_vote_open(db, vote_id, is_open);
    record_audit(db, now, Actor::of(access), AuditAction::vote_changed, "vote/" + vote_id,
                 is_open ? "opened" : "closed");
  });
}

Vote vote_of(Services& services, const std::string& vote_id) {
  auto db = services.readers().acquire();
  auto v = storage::find_vote(*db, vote_id);
  if (!v) throw NotFound("no vote '" + vote_id + "'", "vote");
  return to_vote(std::move(*v));
}

std::vector<Vote> votes_of_session(Services& services, const std::string& session_id) {
  auto db = services.readers().acquire();
  std::vector<Vote> out;
  for (auto& v : storage::votes_of_session(*db, session_id)) out.push_back(to_vote(std::move(v)));
  return out;
}

std::optional<Vote> open_vote(Services& services, const std::string& session_id,
                              bool with_ballots) {
  auto db = services.readers().acquire();
  for (auto& v : storage::votes_of_session(*db, session_id, with_ballots)) {
    if (v.is_open) return to_vote(std::move(v));
  }
  return std::nullopt;
}

Outcome cast_ballot(Services& services, const std::string& vote_id, const Ballot& ballot) {
  Outcome outcome = Outcome::created;
  const int64_t now = clock::now_seconds();
  services.writer().execute([&](storage::Database& db) {
    // Its ballots are not read: one is checked against the rules, and
    // insert_ballot finds an earlier one under the same id itself.
    auto v = storage::find_vote(db, vote_id, false);
    if (!v) throw NotFound("no vote '" + vote_id + "'", "vote");
    auto s = require_stored(db, v->line.session);
    if (!v->is_open || s.line.status != "open")
      throw Conflict("this vote takes no dots now", "vote");
    try {
      interchange::check_ballot(v->line, ballot, "ballot");
    } catch (const BadInput& e) {
      throw Invalid(e.what(), "dots");
    }
    if (ballot.dots.empty()) throw Invalid("place at least one dot", "dots");
    switch (storage::insert_ballot(db, vote_id, ballot, now)) {
      case storage::BallotStatus::stored:
        break;
      case storage::BallotStatus::same:
        outcome = Outcome::duplicate;
        break;
      case storage::BallotStatus::conflict:
        throw Conflict("this device has voted already", "ballot");
    }
  });
  return outcome;
}

std::string candidate_label(Services& services, const Vote& vote, const std::string& survey,
                            const std::string& candidate, const std::string& lang) {
  auto pick = [&](const std::map<std::string, std::string>& labels) -> std::string {
    for (const auto& l : {lang, std::string("sv"), std::string("en")}) {
      auto it = labels.find(l);
      if (it != labels.end() && !it->second.empty()) return it->second;
    }
    return labels.empty() ? candidate : labels.begin()->second;
  };
  if (auto it = vote.line.labels.find(candidate); it != vote.line.labels.end())
    return pick(it->second);
  const auto codebook = codebook_of(services, survey);
  if (const auto* theme = codebook.find(candidate)) return pick(theme->label);
  return candidate;
}

}  // namespace lyssna::app
