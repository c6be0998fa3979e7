// The central server's sync tokens: one per laptop, named for it. A token
// is printed once when made; only its SHA-256 digest is stored (the token
// is 32 random bytes, so a digest without a salt or a slow hash is enough:
// nobody guesses 256 bits). Revoking keeps the row (its name stays taken,
// so the audit log's entries keep meaning one laptop). Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/audit.hpp"
#include "app/services.hpp"

namespace lyssna::app {

struct SyncToken {
  std::string name;
  int64_t created_at = 0;
  std::string created_by;
  std::optional<int64_t> revoked_at;
  std::optional<int64_t> last_used_at;
};

// A laptop's name: 1 to 64 of letters, digits, '.', '_' and '-'.
bool is_sync_token_name(std::string_view name);

// Makes a token for `name` and returns it (the only time it is seen).
// Audited (sync_token_changed, "created"). Throws Invalid naming "name" for
// a bad name, Conflict naming "name" when the name has a token already.
std::string create_sync_token(Services& services, const Actor& actor, const std::string& name);
// Revokes the token of `name`: syncs presenting it get 401 from then on.
// Audited ("revoked"). Throws NotFound for an unknown or already revoked name.
void revoke_sync_token(Services& services, const Actor& actor, const std::string& name);
std::vector<SyncToken> list_sync_tokens(Services& services);

// The name of the token `bearer` is, noting when it was used. Throws
// Unauthorized (and changes nothing) for no token, an unknown or a revoked one.
std::string authenticate_sync(Services& services, std::optional<std::string_view> bearer);

}  // namespace lyssna::app
