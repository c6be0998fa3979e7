// The audit log (see audit.hpp).
#include "app/audit.hpp"

#include "app/services.hpp"
#include "collector/storage/audit_store.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace lyssna::app {
namespace {

constexpr AuditAction all_actions[] = {
    AuditAction::login,
    AuditAction::login_failed,
    AuditAction::account_locked,
    AuditAction::logout,
    AuditAction::user_created,
    AuditAction::password_changed,
    AuditAction::user_disabled,
    AuditAction::user_enabled,
    AuditAction::user_unlocked,
    AuditAction::user_role_changed,
    AuditAction::responses_exported,
    AuditAction::response_recoded,
    AuditAction::codebook_changed,
    AuditAction::survey_changed,
    AuditAction::priorities_changed,
    AuditAction::priority_marked,
    AuditAction::priority_unmarked,
    AuditAction::suggestion_dismissed,
    AuditAction::promise_changed,
    AuditAction::promise_parties_changed,
    AuditAction::follow_up_recorded,
    AuditAction::dialogue_changed,
    AuditAction::vote_changed,
    AuditAction::sync_token_changed,
    AuditAction::sync_received,
};

void require_short(std::string_view text, size_t limit, const char* what) {
  if (text.size() > limit || !text::is_valid_utf8(text)) {
    throw Error(std::string("an audit entry's ") + what + " must be valid UTF-8 of at most " +
                std::to_string(limit) + " bytes");
  }
}

}  // namespace

std::string_view audit_action_name(AuditAction action) {
  switch (action) {
    case AuditAction::login:
      return "login";
    case AuditAction::login_failed:
      return "login_failed";
    case AuditAction::account_locked:
      return "account_locked";
    case AuditAction::logout:
      return "logout";
    case AuditAction::user_created:
      return "user_created";
    case AuditAction::password_changed:
      return "password_changed";
    case AuditAction::user_disabled:
      return "user_disabled";
    case AuditAction::user_enabled:
      return "user_enabled";
    case AuditAction::user_unlocked:
      return "user_unlocked";
    case AuditAction::user_role_changed:
      return "user_role_changed";
    case AuditAction::responses_exported:
      return "responses_exported";
    case AuditAction::response_recoded:
      return "response_recoded";
    case AuditAction::codebook_changed:
      return "codebook_changed";
    case AuditAction::survey_changed:
      return "survey_changed";
    case AuditAction::priorities_changed:
      return "priorities_changed";
    case AuditAction::priority_marked:
      return "priority_marked";
    case AuditAction::priority_unmarked:
      return "priority_unmarked";
    case AuditAction::suggestion_dismissed:
      return "suggestion_dismissed";
    case AuditAction::promise_changed:
      return "promise_changed";
    case AuditAction::promise_parties_changed:
      return "promise_parties_changed";
    case AuditAction::follow_up_recorded:
      return "follow_up_recorded";
    case AuditAction::dialogue_changed:
      return "dialogue_changed";
    case AuditAction::vote_changed:
      return "vote_changed";
    case AuditAction::sync_token_changed:
      return "sync_token_changed";
    case AuditAction::sync_received:
      return "sync_received";
  }
  return "unknown";
}

std::optional<AuditAction> parse_audit_action(std::string_view name) {
  for (AuditAction a : all_actions) {
    if (audit_action_name(a) == name) return a;
  }
  return std::nullopt;
}

void record_audit(storage::Database& db, int64_t at, const Actor& actor, AuditAction action,
                  std::string_view target, std::string_view detail) {
  require_short(actor.name, max_audit_target, "actor");
  require_short(target, max_audit_target, "target");
  require_short(detail, max_audit_detail, "detail");
  storage::append_audit(db, at, actor.name, audit_action_name(action), target, detail);
}

void record_audit(Services& services, const Actor& actor, AuditAction action,
                  std::string_view target, std::string_view detail) {
  const int64_t at = services.now();
  services.writer().execute(
      [&](storage::Database& db) { record_audit(db, at, actor, action, target, detail); });
}

AuditPage list_audit(Services& services, int64_t limit, int64_t offset) {
  if (limit < 1 || limit > 1000) throw Invalid("the limit must be from 1 to 1000", "limit");
  if (offset < 0) throw Invalid("the offset must not be negative", "offset");
  auto db = services.readers().acquire();
  AuditPage page;
  page.total = storage::count_audit(*db);
  for (auto& row : storage::list_audit(*db, limit, offset)) {
    page.entries.push_back({row.seq, row.at, std::move(row.actor), std::move(row.action),
                            std::move(row.target), std::move(row.detail)});
  }
  return page;
}

}  // namespace lyssna::app
