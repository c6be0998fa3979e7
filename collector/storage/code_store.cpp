// Invitation code rows (see code_store.hpp). Spending a code happens in
// response_store.cpp, inside the transaction that stores the answer.
#include "collector/storage/code_store.hpp"

namespace lyssna::storage {

int64_t add_codes(Database& db, const std::string& survey, const std::vector<std::string>& hashes) {
  WriteTransaction tx(db);
  int64_t added = 0;
  for (const auto& hash : hashes) {
    StatementUse s(db.cached(
        "INSERT OR IGNORE INTO invitation_codes (survey, code_hash) VALUES (:survey, :hash)"));
    s->bind(":survey", survey).bind(":hash", hash);
    s->step();
    added += db.changes();
  }
  tx.commit();
  return added;
}

CodeState code_state(Database& db, const std::string& survey, const std::string& hash) {
  StatementUse s(db.cached(
      "SELECT used FROM invitation_codes WHERE survey = :survey AND code_hash = :hash"));
  s->bind(":survey", survey).bind(":hash", hash);
  if (!s->step()) return CodeState::unknown;
  return s->integer(0) ? CodeState::used : CodeState::unused;
}

CodeCounts count_codes(Database& db, const std::string& survey) {
  StatementUse s(db.cached(
      "SELECT count(*), coalesce(sum(used), 0) FROM invitation_codes WHERE survey = :survey"));
  s->bind(":survey", survey);
  s->step();
  return {s->integer(0), s->integer(1)};
}

}  // namespace lyssna::storage
