// Who is asking: a resident (no credential: the public form and API), a
// script holding the server's bearer token (trusted like `lyssna import`),
// or a member of staff signed in to the workspace with a role.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/roles.hpp"

namespace lyssna::app {

struct Staff {
  int64_t user_id = 0;
  std::string name;
  Role role = Role::viewer;
};

struct Access {
  enum class Kind { resident, script, staff };
  Kind kind = Kind::resident;
  std::optional<Staff> staff;  // set for Kind::staff

  static Access resident() { return {Kind::resident, std::nullopt}; }
  static Access script() { return {Kind::script, std::nullopt}; }
  static Access signed_in(Staff who) { return {Kind::staff, std::move(who)}; }
  // May supply records of every channel, with their own timestamps.
  bool trusted() const { return kind == Kind::script; }
  // Whether this access may do what `permission` covers: staff by their
  // role (roles.hpp), a script what the bearer token opens (the analysis
  // API: results, free text, coding), a resident none of it.
  bool may(Permission permission) const;
  // The name the audit log records: the user's, "api-token" for a script.
  std::string actor() const;
};

// Throws Unauthorized when `access` is no signed-in staff member or script
// (nobody is signed in), Forbidden when it is but may not do `permission`.
void require(const Access& access, Permission permission);

}  // namespace lyssna::app
