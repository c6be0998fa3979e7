// Invitation code rows (see code_store.hpp). Spending a code happens in
// response_store.cpp, inside the transaction that stores the answer.
#include "collector/storage/code_store.hpp"

namespace lyssna::storage {

int64_t add_codes(Database& db, const std::string& survey, const std::vector<std::string>& digests,
                  bool keyed) {
  WriteTransaction tx(db);
  int64_t added = 0;
  for (const auto& digest : digests) {
    StatementUse s(
        db.cached("INSERT OR IGNORE INTO invitation_codes (survey, code_hash, keyed) VALUES "
                  "(:survey, :digest, :keyed)"));
    s->bind(":survey", survey).bind(":digest", digest).bind(":keyed", keyed ? 1 : 0);
    s->step();
    added += db.changes();
  }
  tx.commit();
  return added;
}

CodeState code_state(Database& db, const std::string& survey, const std::string& digest) {
  StatementUse s(db.cached(
      "SELECT used FROM invitation_codes WHERE survey = :survey AND code_hash = :digest"));
  s->bind(":survey", survey).bind(":digest", digest);
  if (!s->step()) return CodeState::unknown;
  return s->integer(0) ? CodeState::used : CodeState::unused;
}

CodeCounts count_codes(Database& db, const std::string& survey) {
  StatementUse s(db.cached(
      "SELECT count(*), coalesce(sum(used), 0), coalesce(sum(keyed), 0) FROM invitation_codes "
      "WHERE survey = :survey"));
  s->bind(":survey", survey);
  s->step();
  return {s->integer(0), s->integer(1), s->integer(2)};
}

}  // namespace lyssna::storage
