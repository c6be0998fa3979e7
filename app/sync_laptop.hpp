// A laptop's side of sync (docs/sync.md): the lines it still owes a central
// server, what that server answered for each (acknowledged sessions and
// votes kept in sync_sent with the digest of the line, so a session whose
// status moved on or a vote with new ballots goes again; records, which
// never change, by arrival number in sync_sent_records; refused lines in
// sync_refused, never deleted from the laptop), and storing what the server
// offers a laptop getting ready. The HTTP is the caller's. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/audit.hpp"
#include "app/services.hpp"
#include "collector/storage/sync_store.hpp"

namespace lyssna::app {

// One line to send: kind "session", "record" or "vote"; key as sync_sent
// has it; the JSON Lines text (no newline) and, for a session or vote, its
// SHA-256; for a record, its arrival number here.
struct OutgoingLine {
  std::string kind, key, text, digest;
  int64_t seq = 0;
};

// Every line `target` has not acknowledged in its present form, in sending
// order: sessions, then records (every response row, in arrival order),
// then votes with all their ballots. Lines it refused go again (the central
// server may take them now: a survey loaded since), and are reported again.
std::vector<OutgoingLine> pending_sync_lines(Services& services, const std::string& target);
// The same, one line at a time from one read snapshot, as it is read: a
// push sends the first batches while the rest is still being read.
void for_each_pending_sync_line(Services& services, const std::string& target,
                                const std::function<void(OutgoingLine&&)>& visit);
// About how many lines are pending (exact unless lines changed since sent):
// for the progress bar, without reading every record first.
int64_t pending_sync_estimate(Services& services, const std::string& target);
// Forgets what `target` acknowledged, so the next push sends every line
// again (the server keeps each once): for a central server restored from a
// backup older than the last sync. Returns how many lines it had acknowledged.
int64_t forget_sync_target(Services& services, const std::string& target);

// The central server's verdict on one line of a batch.
struct LineVerdict {
  bool acknowledged = false;  // stored, updated or duplicate: durable there
  std::string field, reason;  // when refused (a vote's first refused ballot, when only those were)
};
// Keeps a batch's verdicts (verdicts[i] for batch[i]) in one transaction.
void note_sync_verdicts(Services& services, const std::string& target,
                        const std::vector<OutgoingLine>& batch,
                        const std::vector<LineVerdict>& verdicts);

struct SyncStatus {
  int64_t sessions = 0, records = 0, votes = 0;                          // held here
  int64_t pending_sessions = 0, pending_records = 0, pending_votes = 0;  // for the target
  std::vector<storage::RefusedLine> refused;                             // every target's
};
// What `target` still lacks ("" : only counts and refusals).
SyncStatus sync_status(Services& services, const std::string& target);

struct FetchReport {
  int64_t surveys = 0;           // bundles taken
  int64_t surveys_changed = 0;   // of which stored anew
  int64_t sessions_stored = 0;   // new here
  int64_t sessions_updated = 0;  // a later status
  int64_t sessions_refused = 0;  // differ from one here under the same id
  std::vector<std::string> problems;
};
// Stores the offer of GET /api/v1/sync/surveys: each bundle (replacing a
// survey's definition here: the central server owns it), then each session
// by the contract's merge rules. Sessions that have no owner here become
// `owner`'s, when given (a user id: the laptop's facilitator, who then sees
// them in the workspace). Throws Invalid for an offer of another shape.
FetchReport store_sync_offer(Services& services, const Actor& actor, const nlohmann::json& offer,
                             std::optional<int64_t> owner = std::nullopt);

}  // namespace lyssna::app
