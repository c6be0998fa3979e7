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

// Every line the laptop holds, in sending order, each given to `visit`.
void for_each_line_held(Services& services, const std::function<void(OutgoingLine&&)>& visit) {
  auto db = services.readers().acquire();
  const storage::UnmappedReads unmapped(*db);  // every row read once
  auto add = [&](std::string kind, std::string key, std::string text) {
    OutgoingLine line{std::move(kind), std::move(key), std::move(text), {}};
    line.digest = sha256_hex(line.text);
    visit(std::move(line));
  };
  // Sessions and records from one snapshot; votes after, when they can only
  // have gained ballots (still one line each).
  storage::for_each_response(
      *db, "",
      [&](storage::Database& snapshot) {
        for (const auto& s : storage::list_dialogue_sessions(snapshot))
          add("session", s.line.id, interchange::session_to_jsonl(s.line));
      },
      [&](const interchange::Record& r) {
        add("record", r.survey + "/" + r.id, interchange::record_to_jsonl(r));
      });
  for (const auto& v : storage::all_votes(*db))
    add("vote", v.line.id, interchange::vote_to_jsonl(v.line));
}

std::unordered_map<std::string, std::string> sent_digests(Services& services,
                                                          const std::string& target) {
  std::unordered_map<std::string, std::string> sent;
  auto db = services.readers().acquire();
  for (auto& s : storage::sent_lines(*db, target))
    sent.emplace(sent_key(s.kind, s.key), std::move(s.digest));
  return sent;
}

}  // namespace

void for_each_pending_sync_line(Services& services, const std::string& target,
                                const std::function<void(OutgoingLine&&)>& visit) {
  const auto sent = sent_digests(services, target);
  for_each_line_held(services, [&](OutgoingLine&& line) {
    auto it = sent.find(sent_key(line.kind, line.key));
    if (it == sent.end() || it->second != line.digest) visit(std::move(line));
  });
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
    for (size_t i = 0; i < batch.size() && i < verdicts.size(); ++i) {
      const storage::SentLine line{batch[i].kind, batch[i].key, batch[i].digest};
      if (verdicts[i].acknowledged) {
        storage::mark_sent(db, target, line, now, refusals);
      } else {
        storage::mark_refused(db, {target, line, verdicts[i].field, verdicts[i].reason, now});
      }
    }
  });
}

SyncStatus sync_status(Services& services, const std::string& target) {
  SyncStatus st;
  std::unordered_map<std::string, std::string> sent;
  if (!target.empty()) sent = sent_digests(services, target);
  for_each_line_held(services, [&](OutgoingLine&& line) {
    const bool pending = !target.empty() && [&] {
      auto it = sent.find(sent_key(line.kind, line.key));
      return it == sent.end() || it->second != line.digest;
    }();
    if (line.kind == "session") {
      ++st.sessions;
      st.pending_sessions += pending;
    } else if (line.kind == "record") {
      ++st.records;
      st.pending_records += pending;
    } else {
      ++st.votes;
      st.pending_votes += pending;
    }
  });
  auto db = services.readers().acquire();
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
