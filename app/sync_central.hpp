// The central server's side of sync (docs/sync.md): what it offers a laptop
// getting ready (bundles of surveys and their sessions not yet closed), and
// a batch of JSON Lines a laptop pushes, stored by the contract's rules in
// one writer transaction and answered line by line only once durable.
// Authentication is the caller's (app/sync_tokens.hpp). Thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/services.hpp"
#include "collector/interchange/importer.hpp"
#include "collector/interchange/line_intake.hpp"

namespace lyssna::app {

// Largest batch the sync route reads, and most lines in one.
inline constexpr size_t max_sync_batch_bytes = 16u << 20;
inline constexpr size_t max_sync_batch_lines = 20000;

// {"surveys": [bundle, ...], "sessions": [session line, ...]}: every survey
// when `surveys` is empty, else those (NotFound naming "survey" for one not
// here), with the sessions of those surveys that are not closed.
nlohmann::json sync_offer(Services& services, const std::vector<std::string>& surveys);

struct ReceivedLine {
  size_t line = 0;  // 1-based, in the batch
  interchange::LineKind kind = interchange::LineKind::record;
  interchange::StoredLine result;
};
struct Received {
  std::vector<ReceivedLine> lines;  // one per non-blank line, in order
  interchange::LineCounts records, sessions, votes;
  int64_t ballots_refused = 0;
};
// Reads, checks and stores a batch (JSON Lines, at most the limits above:
// TooLarge otherwise), audited as sync_received by `token_name` with the
// counts, in the same transaction. Throws StorageError when the transaction
// failed: then nothing of the batch is stored and nothing acknowledged.
Received receive_sync_lines(Services& services, const std::string& token_name,
                            std::string_view body);
// The answer's JSON: {"lines": [{"line", "kind", "status", "field", "reason",
// "ballots": [{"field", "reason"}]}], "counts": {...}}.
nlohmann::json received_json(const Received& r);

}  // namespace lyssna::app
