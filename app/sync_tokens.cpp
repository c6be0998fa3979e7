// Sync tokens (see sync_tokens.hpp).
#include "app/sync_tokens.hpp"

#include "collector/storage/sync_store.hpp"
#include "util/digest.hpp"
#include "util/errors.hpp"
#include "util/random.hpp"

namespace lyssna::app {
namespace {

constexpr size_t max_token_length = 200;  // a presented token longer than this is no token of ours

SyncToken token_of(const storage::SyncTokenRow& r) {
  return {r.name, r.created_at, r.created_by, r.revoked_at, r.last_used_at};
}

}  // namespace

bool is_sync_token_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string create_sync_token(Services& services, const Actor& actor, const std::string& name) {
  if (!is_sync_token_name(name))
    throw Invalid("a token's name is 1 to 64 letters, digits, '.', '_' or '-'", "name");
  // The prefix tells a sync token from other secrets in a laptop's shell history.
  const std::string token = "lys_" + random::secret_token(32);
  storage::SyncTokenRow row;
  row.name = name;
  row.token_digest = sha256_hex(token);
  row.created_at = services.now();
  row.created_by = actor.name;
  services.writer().execute([&](storage::Database& db) {
    if (!storage::insert_sync_token(db, row))
      throw Conflict("a sync token named '" + name + "' exists already (names stay taken)", "name");
    record_audit(db, row.created_at, actor, AuditAction::sync_token_changed, name, "created");
  });
  return token;
}

void revoke_sync_token(Services& services, const Actor& actor, const std::string& name) {
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    if (!storage::revoke_sync_token(db, name, now))
      throw NotFound("no sync token named '" + name + "' to revoke");
    record_audit(db, now, actor, AuditAction::sync_token_changed, name, "revoked");
  });
}

std::vector<SyncToken> list_sync_tokens(Services& services) {
  auto db = services.readers().acquire();
  std::vector<SyncToken> out;
  for (const auto& r : storage::list_sync_tokens(*db)) out.push_back(token_of(r));
  return out;
}

std::string authenticate_sync(Services& services, std::optional<std::string_view> bearer) {
  if (!bearer || bearer->empty() || bearer->size() > max_token_length)
    throw Unauthorized("a sync token is needed: Authorization: Bearer TOKEN");
  const std::string digest = sha256_hex(*bearer);
  std::optional<storage::SyncTokenRow> row;
  {
    auto db = services.readers().acquire();
    row = storage::find_sync_token_by_digest(*db, digest);
  }
  // The lookup is by digest, so its time tells nothing of the token; the
  // comparison checks the row found is the one presented.
  if (!row || !same_secret(row->token_digest, digest) || row->revoked_at)
    throw Unauthorized("the sync token is not valid here, or was revoked");
  const int64_t now = services.now();
  if (!row->last_used_at || *row->last_used_at < now) {
    services.writer().execute(
        [&](storage::Database& db) { storage::touch_sync_token(db, row->name, now); });
  }
  return row->name;
}

}  // namespace lyssna::app
