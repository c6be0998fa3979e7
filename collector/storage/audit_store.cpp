// Audit log rows (see audit_store.hpp).
#include "collector/storage/audit_store.hpp"

namespace lyssna::storage {

void append_audit(Database& db, int64_t at, std::string_view actor, std::string_view action,
                  std::string_view target, std::string_view detail) {
  StatementUse s(
      db.cached("INSERT INTO audit_log (at, actor, action, target, detail) "
                "VALUES (:at, :actor, :action, :target, :detail)"));
  s->bind(":at", at)
      .bind(":actor", actor)
      .bind(":action", action)
      .bind(":target", target)
      .bind(":detail", detail);
  s->step();
}

std::vector<AuditRow> list_audit(Database& db, int64_t limit, int64_t offset) {
  StatementUse s(
      db.cached("SELECT seq, at, actor, action, target, detail FROM audit_log ORDER BY seq DESC "
                "LIMIT :limit OFFSET :offset"));
  s->bind(":limit", limit).bind(":offset", offset);
  std::vector<AuditRow> out;
  while (s->step()) {
    out.push_back({s->integer(0), s->integer(1), s->text(2), s->text(3), s->text(4), s->text(5)});
  }
  return out;
}

int64_t count_audit(Database& db) {
  StatementUse s(db.cached("SELECT count(*) FROM audit_log"));
  s->step();
  return s->integer(0);
}

}  // namespace lyssna::storage
