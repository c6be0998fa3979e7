// Permission checks (see access.hpp).
#include "app/access.hpp"

#include "util/errors.hpp"

namespace lyssna::app {

bool Access::may(Permission permission) const {
  switch (kind) {
    case Kind::resident:
      return false;
    case Kind::script:
      return permission == Permission::view_results || permission == Permission::view_free_text ||
             permission == Permission::edit_analysis;
    case Kind::staff:
      return staff && allows(staff->role, permission);
  }
  return false;
}

std::string Access::actor() const {
  if (kind == Kind::staff && staff) return staff->name;
  if (kind == Kind::script) return "api-token";
  return {};
}

void require(const Access& access, Permission permission) {
  if (access.kind == Access::Kind::resident) throw Unauthorized("sign in to the workspace first");
  if (!access.may(permission)) {
    throw Forbidden("your role may not do this (it needs the permission '" +
                    std::string(permission_name(permission)) + "')");
  }
}

}  // namespace lyssna::app
