// The checks of the promise's editing functions (promise.cpp) on the rows
// they write, for what writes a whole promise at once inside its own
// transaction (promise_import.cpp): the same rules, each kept once. Each
// throws Invalid naming the field as the editing function does ("kommun",
// "text.de", "target.count", "date"); no status is checked here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/promise.hpp"
#include "collector/storage/promise_store.hpp"

namespace lyssna::app::promise_checks {

// The kommun's id and the years (not the titles or the parties).
void header(const PromiseHeader& h);
// Parties of the kommun's list, each once.
void parties(storage::Database& db, const std::string& kommun, const std::vector<int64_t>& parties,
             const std::string& field);
std::vector<storage::FocusSourceRow> source_rows(const std::vector<FocusSource>& sources);
// The activity's row, ids and position left to the caller.
storage::ActivityRow activity_row(storage::Database& db, const std::string& kommun,
                                  const ActivityInput& input);
// The follow-up's row; its activity and recorded_* left to the caller.
storage::FollowUpRow follow_up_row(const FollowUpInput& input);
// A new party's row (code trimmed); updated_* left to the caller.
storage::PromisePartyRow party_row(const std::string& kommun, const std::string& code,
                                   const std::string& kind, const Texts& names);
// One of the six languages a promise's texts are in.
bool is_public_language(const std::string& lang);

}  // namespace lyssna::app::promise_checks
