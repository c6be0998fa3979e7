// Who is asking: a resident (no credential: the public form and API), or a
// script holding the server's bearer token (trusted like `lyssna import`).
// The workspace's accounts and roles will extend this.
#pragma once

namespace lyssna::app {

struct Access {
  enum class Role { resident, script };
  Role role = Role::resident;

  static Access resident() { return {Role::resident}; }
  static Access script() { return {Role::script}; }
  // May supply records of every channel, with their own timestamps.
  bool trusted() const { return role == Role::script; }
};

}  // namespace lyssna::app
