// Roles and permissions (see roles.hpp).
#include "app/roles.hpp"

namespace lyssna::app {

bool allows(Role role, Permission permission) {
  switch (permission) {
    case Permission::workspace:
      return true;
    case Permission::view_results:
      return role == Role::viewer || role == Role::analyst || role == Role::admin;
    case Permission::view_free_text:
    case Permission::edit_analysis:
      return role == Role::analyst || role == Role::admin;
    case Permission::own_dialogues:
      return role == Role::facilitator || role == Role::admin;
    case Permission::administer:
      return role == Role::admin;
  }
  return false;
}

std::string_view role_name(Role role) {
  switch (role) {
    case Role::viewer:
      return "viewer";
    case Role::facilitator:
      return "facilitator";
    case Role::analyst:
      return "analyst";
    case Role::admin:
      return "admin";
  }
  return "viewer";
}

std::optional<Role> parse_role(std::string_view name) {
  for (Role r : {Role::viewer, Role::facilitator, Role::analyst, Role::admin}) {
    if (role_name(r) == name) return r;
  }
  return std::nullopt;
}

std::string_view permission_name(Permission permission) {
  switch (permission) {
    case Permission::workspace:
      return "workspace";
    case Permission::view_results:
      return "view_results";
    case Permission::view_free_text:
      return "view_free_text";
    case Permission::edit_analysis:
      return "edit_analysis";
    case Permission::own_dialogues:
      return "own_dialogues";
    case Permission::administer:
      return "administer";
  }
  return "workspace";
}

}  // namespace lyssna::app
