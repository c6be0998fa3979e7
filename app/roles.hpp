// The workspace's roles and what each may do: the one table of who may do
// what. A route or an application function names the permission it needs
// (app/access.hpp: require), never a role.
#pragma once

#include <optional>
#include <string_view>

namespace lyssna::app {

enum class Role {
  viewer,       // aggregates only (counts, shares, charts): never a resident's own words
  facilitator,  // their own dialogue sessions
  analyst,      // results with free text, coding, codebooks, priorities, promises
  admin,        // users, surveys, settings and the audit log, and all an analyst may
};

enum class Permission {
  workspace,       // the start page, one's own session: every role
  view_results,    // aggregate figures: viewer, analyst, admin
  view_free_text,  // responses, quotes, search: analyst, admin
  edit_analysis,   // manual codes, codebooks, priorities marked as promises: analyst, admin
  own_dialogues,   // one's own dialogue sessions: facilitator, admin
  administer,      // users, surveys, settings, the audit log: admin
};

bool allows(Role role, Permission permission);

std::string_view role_name(Role role);  // "admin", ...
std::optional<Role> parse_role(std::string_view name);
std::string_view permission_name(Permission permission);

}  // namespace lyssna::app
