// A laptop's side of sync (see sync_laptop.hpp).
#include "app/sync_laptop.hpp"

#include <functional>
#include <unordered_map>

#include "app/survey_bundle.hpp"
#include "collector/interchange/dialogue_lines.hpp"
#include "collector/interchange/record.hpp"
#include "collector/storage/dialogue_store.hpp"
#include "collector/storage/response_store.hpp"
#include "util/digest.hpp"
#include "util/errors.hpp"

namespace lyssna::app {
namespace {

using nlohmann::json;

std::string sent_key(const std::string& kind, const std::string& key) {
  return kind + '\n' + key;
}

using SentDigests = std::unordered_map<std::string, std::string>;

// The sessions and votes `target` acknowledged, by sent_key.
SentDigests sent_digests(Services& services, const std::string& target) {
  SentDigests sent;
  if (target.empty()) return sent;
  auto db = services.readers().acquire();
  for (auto& s : storage::sent_lines(*db, target))
    sent.emplace(sent_key(s.kind, s.key), std::move(s.digest));
  return sent;
}

OutgoingLine digested_line(std::string kind, std::string key, std::string text) {
  OutgoingLine line{std::move(kind), std::move(key), std::move(text), {}};
  line.digest = sha256_hex(line.text);
  return line;
}

bool is_pending(const SentDigests& sent, const OutgoingLine& line) {
  auto it = sent.find(sent_key(line.kind, line.key));
  return it == sent.end() || it->second != line.digest;
}

// Of the sessions' or votes' lines (`items`, each made by `to_line`), the
// ones `target` lacks in their present form (all of them for target "").
template <typename Items, typename ToLine>
std::vector<OutgoingLine> pending_lines(const Items& items, const SentDigests& sent,
                                        ToLine to_line) {
  std::vector<OutgoingLine> out;
  for (const auto& item : items) {
    auto line = to_line(item);
    if (is_pending(sent, line)) out.push_back(std::move(line));
  }
  return out;
}

std::vector<OutgoingLine> session_lines(const std::vector<storage::StoredSession>& sessions,
                                        const SentDigests& sent) {
  return pending_lines(sessions, sent, [](const storage::StoredSession& s) {
    return digested_line("session", s.line.id, interchange::session_to_jsonl(s.line));
  });
}

// Votes' lines carry all their ballots.
std::vector<OutgoingLine> vote_lines(const std::vector<storage::StoredVote>& votes,
                                     const SentDigests& sent) {
  return pending_lines(votes, sent, [](const storage::StoredVote& v) {
    return digested_line("vote", v.line.id, interchange::vote_to_jsonl(v.line));
  });
}

}  // namespace

void for_each_pending_sync_line(Services& services, const std::string& target,
                                const std::function<void(OutgoingLine&&)>& visit) {
  const auto sent = sent_digests(services, target);
  auto db = services.readers().acquire();
  const storage::UnmappedReads unmapped(*db);  // every record is read once
  {
    // Sessions and records from one snapshot; votes after, when they can
    // only have gained ballots (still one line each).
    const storage::ReadSnapshot snapshot(*db);
    for (auto& line : session_lines(storage::list_dialogue_sessions(*db), sent))
      visit(std::move(line));
    storage::for_each_unsent_record(*db, target,
                                    [&](int64_t seq, const interchange::StoredRecordText& r) {
                                      OutgoingLine line;
                                      line.kind = "record";
                                      line.key.reserve(r.survey.size() + 1 + r.id.size());
                                      line.key.append(r.survey).append(1, '/').append(r.id);
                                      line.text = interchange::record_to_jsonl(r);
                                      line.seq = seq;
                                      visit(std::move(line));
                                    });
  }
  for (auto& line : vote_lines(storage::all_votes(*db), sent)) visit(std::move(line));
}

std::vector<OutgoingLine> pending_sync_lines(Services& services, const std::string& target) {
  std::vector<OutgoingLine> out;
  for_each_pending_sync_line(services, target,
                             [&](OutgoingLine&& line) { out.push_back(std::move(line)); });
  return out;
}

int64_t pending_sync_estimate(Services& services, const std::string& target) {
  auto db = services.readers().acquire();
  return storage::held_line_count(*db) - storage::sent_count(*db, target);
}

int64_t forget_sync_target(Services& services, const std::string& target) {
  int64_t forgotten = 0;
  services.writer().execute(
      [&](storage::Database& db) { forgotten = storage::forget_sent(db, target); });
  return forgotten;
}

void note_sync_verdicts(Services& services, const std::string& target,
                        const std::vector<OutgoingLine>& batch,
                        const std::vector<LineVerdict>& verdicts) {
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    const bool refusals = storage::has_refusals(db, target);  // most syncs have none
    const int64_t target_id = storage::sync_target_id(db, target);
    for (size_t i = 0; i < batch.size() && i < verdicts.size(); ++i) {
      const storage::SentLine line{batch[i].kind, batch[i].key, batch[i].digest};
      if (verdicts[i].acknowledged && line.kind == "record") {
        storage::mark_record_sent(db, target_id, batch[i].seq);
        if (refusals) storage::clear_refusal(db, target, line.kind, line.key);
      } else if (verdicts[i].acknowledged) {
        storage::mark_sent(db, target, line, now, refusals);
      } else {
        storage::mark_refused(db, {target, line, verdicts[i].field, verdicts[i].reason, now});
      }
    }
  });
}

SyncStatus sync_status(Services& services, const std::string& target) {
  SyncStatus st;
  const auto sent = sent_digests(services, target);
  auto db = services.readers().acquire();
  const storage::ReadSnapshot snapshot(*db);
  const auto sessions = storage::list_dialogue_sessions(*db);  // read once: counted and compared
  const auto votes = storage::all_votes(*db);
  st.sessions = static_cast<int64_t>(sessions.size());
  st.votes = static_cast<int64_t>(votes.size());
  st.records = storage::held_line_count(*db) - st.sessions - st.votes;
  if (!target.empty()) {
    st.pending_sessions = static_cast<int64_t>(session_lines(sessions, sent).size());
    st.pending_votes = static_cast<int64_t>(vote_lines(votes, sent).size());
    st.pending_records = storage::unsent_record_count(*db, target);
  }
  st.refused = storage::refused_lines(*db);
  return st;
}

FetchReport store_sync_offer(Services& services, const Actor& actor, const json& offer,
                             std::optional<int64_t> owner) {
  if (!offer.is_object() || !offer.contains("surveys") || !offer["surveys"].is_array() ||
      !offer.contains("sessions") || !offer["sessions"].is_array())
    throw Invalid("the central server's answer is not a sync offer (surveys, sessions)");
  FetchReport r;
  for (const auto& bundle : offer["surveys"]) {
    const auto loaded = load_survey_bundle(services, actor, bundle, true, "synced from central");
    ++r.surveys;
    r.surveys_changed += loaded.definition_changed;
  }
  std::vector<interchange::SessionLine> sessions;
  for (const auto& s : offer["sessions"]) {
    try {
      sessions.push_back(interchange::session_from_json(s));
    } catch (const BadInput& e) {
      r.problems.push_back(std::string("a session of the offer: ") + e.what());
    }
  }
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    for (const auto& s : sessions) {
      const auto m = storage::merge_session(db, s, now);
      switch (m.kind) {
        case storage::Merge::Kind::stored:
          ++r.sessions_stored;
          break;
        case storage::Merge::Kind::updated:
          ++r.sessions_updated;
          break;
        case storage::Merge::Kind::duplicate:
          break;
        case storage::Merge::Kind::refused:
          ++r.sessions_refused;
          r.problems.push_back("session '" + s.id + "', field '" + m.field + "': " + m.reason);
          continue;
      }
      if (owner) storage::adopt_dialogue_session(db, s.id, *owner, now);
    }
  });
  return r;
}

}  // namespace lyssna::app
