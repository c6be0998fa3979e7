// The admin's pages: users and the audit log. Every route needs the
// `administer` permission (admins); forms carry the session's CSRF token.
// Routes:
//   GET  /workspace/admin/users[?done=created|disabled|enabled|unlocked]
//   POST /workspace/admin/users                       name, role, password,
//        password_again: 303 to the list; the page again with its problem
//        (422 a rule broken, 409 the name taken)
//   POST /workspace/admin/users/<id>/disable|enable|unlock   303 to the
//        list; 409 for the last enabled admin, 404 for no such user
//   POST /workspace/admin/users/role                  user (id), role: 303;
//        409 for the last enabled admin, 404 for no such user
//   POST /workspace/admin/users/password              user (id), password,
//        password_again: 303 (the user's sessions end); 422 a rule broken
//   GET  /workspace/admin/audit[?page=N]             50 entries a page, newest first
#include "app/accounts.hpp"
#include "app/audit.hpp"
#include "http/requests.hpp"
#include "http/responses.hpp"
#include "http/workspace_guard.hpp"
#include "http/workspace_view.hpp"
#include "render/template_engine.hpp"

namespace lyssna::http {
namespace {

using nlohmann::json;

constexpr int64_t audit_page_size = 50;

struct UsersForm {
  std::string name;
  std::string role = "analyst";
  std::string notice;  // a catalog key
  struct Problem {
    std::string anchor, message;
  };
  std::vector<Problem> problems;
  bool name_error = false, password_error = false;
  bool reset_error = false;  // the reset password form's
};

void send_users_page(WorkspaceRoutes& r, WorkspaceRequest& w, int status, const UsersForm& form) {
  const std::string& lang = w.lang();
  json v =
      workspace_view(lang, ws_text(lang, "ws.users.title"), &w.session, "/workspace/admin/users");
  json users = json::array();
  for (const auto& u : app::list_users(r.app())) {
    const std::string status_key = u.disabled ? "disabled" : u.locked ? "locked" : "active";
    json buttons = json::array();
    const std::string base = "/workspace/admin/users/" + std::to_string(u.id) + "/";
    auto button = [&](const std::string& verb) {
      buttons.push_back({{"action", base + verb}, {"label", ws_text(lang, "ws.users." + verb)}});
    };
    button(u.disabled ? "enable" : "disable");
    if (u.locked || u.failed_logins > 0) button("unlock");
    users.push_back({{"name", u.name},
                     {"is_you", u.id == w.session.staff.user_id},
                     {"role_label", role_label(lang, u.role)},
                     {"status_class", status_key},
                     {"status_label", ws_text(lang, "ws.users.status_" + status_key)},
                     {"last_login", u.last_login_at ? time_view(*u.last_login_at) : json()},
                     {"buttons", buttons}});
  }
  v["users"] = users;
  // The users as the role and password forms choose them.
  json choices = json::array();
  for (const auto& u : app::list_users(r.app()))
    choices.push_back({{"id", u.id}, {"name", u.name}, {"role_label", role_label(lang, u.role)}});
  v["user_choices"] = choices;
  v["reset_error"] = form.reset_error;
  json roles = json::array();
  for (app::Role role :
       {app::Role::viewer, app::Role::facilitator, app::Role::analyst, app::Role::admin}) {
    const std::string name(app::role_name(role));
    roles.push_back(
        {{"value", name}, {"label", role_label(lang, role)}, {"selected", name == form.role}});
  }
  json any_role = roles;
  for (auto& role : any_role) role["selected"] = false;
  v["role_choices"] = any_role;
  v["form"] = {{"name", form.name},
               {"roles", roles},
               {"name_error", form.name_error},
               {"password_error", form.password_error},
               {"password_help", ws_text(lang, "ws.users.password_help",
                                         {{"min", std::to_string(app::min_password_characters)}})}};
  if (!form.notice.empty()) v["notice"] = ws_text(lang, form.notice);
  if (!form.problems.empty()) {
    json items = json::array();
    for (const auto& p : form.problems) {
      json item = {{"message", p.message}};
      if (!p.anchor.empty()) item["anchor"] = p.anchor;
      items.push_back(item);
    }
    v["problems"] = {{"title", ws_text(lang, "ws.users.error_title")}, {"items", items}};
  }
  send_html(w.res, status, render::get_template("ws_users").render(v), Audience::workspace);
}

void add_user(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const std::string& lang = w.lang();
  UsersForm form;
  form.name = w.field("name");
  form.role = w.field("role");
  const auto role = app::parse_role(form.role);
  if (!role) throw BadInput("field 'role' must be admin, analyst, facilitator or viewer", "role");
  const std::string password = w.field("password");
  const std::string min = std::to_string(app::min_password_characters);
  if (password != w.field("password_again")) {
    form.password_error = true;
    form.problems.push_back({"new-password", ws_text(lang, "ws.users.error_mismatch")});
    return send_users_page(r, w, 422, form);
  }
  try {
    app::add_user(r.app(), app::Actor::of(w.session.access()), form.name, *role, password);
  } catch (const Invalid& e) {
    const bool name = e.field() == "name";
    (name ? form.name_error : form.password_error) = true;
    form.problems.push_back({name ? "new-name" : "new-password",
                             name ? ws_text(lang, "ws.users.error_name")
                                  : ws_text(lang, "ws.users.error_password", {{"min", min}})});
    return send_users_page(r, w, 422, form);
  } catch (const Conflict&) {
    form.name_error = true;
    form.problems.push_back({"new-name", ws_text(lang, "ws.users.error_taken")});
    return send_users_page(r, w, 409, form);
  }
  send_redirect(w.res, "/workspace/admin/users?done=created", Audience::workspace);
}

void change_user(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const int64_t id = std::stoll(w.req.matches[1]);
  const std::string verb = w.req.matches[2];
  const app::Actor actor = app::Actor::of(w.session.access());
  UsersForm form;
  try {
    if (verb == "unlock") {
      app::unlock_user(r.app(), actor, id);
    } else {
      app::set_user_disabled(r.app(), actor, id, verb == "disable");
    }
  } catch (const Conflict&) {
    form.problems.push_back({"", ws_text(w.lang(), "ws.users.error_last_admin")});
    return send_users_page(r, w, 409, form);
  } catch (const NotFound&) {
    form.problems.push_back({"", ws_text(w.lang(), "ws.users.error_gone")});
    return send_users_page(r, w, 404, form);
  }
  // Disabling oneself ends one's own session: the list is then the login page's.
  send_redirect(w.res, "/workspace/admin/users?done=" + verb + "d", Audience::workspace);
}

int64_t chosen_user(const WorkspaceRequest& w) {
  const std::string typed = w.field("user");
  if (typed.empty() || typed.size() > 18 ||
      typed.find_first_not_of("0123456789") != std::string::npos)
    throw BadInput("field 'user' must be a user's id", "user");
  return std::stoll(typed);
}

void change_role(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const int64_t id = chosen_user(w);
  const auto role = app::parse_role(w.field("role"));
  if (!role) throw BadInput("field 'role' must be admin, analyst, facilitator or viewer", "role");
  UsersForm form;
  try {
    app::set_user_role(r.app(), app::Actor::of(w.session.access()), id, *role);
  } catch (const Conflict&) {
    form.problems.push_back({"role-user", ws_text(w.lang(), "ws.users.error_last_admin_role")});
    return send_users_page(r, w, 409, form);
  } catch (const NotFound&) {
    form.problems.push_back({"", ws_text(w.lang(), "ws.users.error_gone")});
    return send_users_page(r, w, 404, form);
  }
  send_redirect(w.res, "/workspace/admin/users?done=role_changed", Audience::workspace);
}

void reset_password(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const int64_t id = chosen_user(w);
  const std::string& lang = w.lang();
  const std::string password = w.field("password");
  UsersForm form;
  form.reset_error = true;
  if (password != w.field("password_again")) {
    form.problems.push_back({"reset-password", ws_text(lang, "ws.users.error_mismatch")});
    return send_users_page(r, w, 422, form);
  }
  try {
    app::change_password(r.app(), app::Actor::of(w.session.access()), id, password);
  } catch (const Invalid&) {
    form.problems.push_back(
        {"reset-password", ws_text(lang, "ws.users.error_password",
                                   {{"min", std::to_string(app::min_password_characters)}})});
    return send_users_page(r, w, 422, form);
  } catch (const NotFound&) {
    form.reset_error = false;
    form.problems.push_back({"", ws_text(lang, "ws.users.error_gone")});
    return send_users_page(r, w, 404, form);
  }
  // Resetting one's own password ends one's own session too: then the login page.
  send_redirect(w.res, "/workspace/admin/users?done=password_reset", Audience::workspace);
}

void show_audit(WorkspaceRequest& w, WorkspaceRoutes& r) {
  const std::string& lang = w.lang();
  const int64_t page = number_param(w.req, "page", 1, 1, 1000000);
  const app::AuditPage log =
      app::list_audit(r.app(), audit_page_size, (page - 1) * audit_page_size);
  json v =
      workspace_view(lang, ws_text(lang, "ws.audit.title"), &w.session, "/workspace/admin/audit");
  json entries = json::array();
  for (const auto& e : log.entries) {
    const std::string key = "ws.audit.action." + e.action;
    std::string label = ws_text(lang, key);
    if (label == key) label = e.action;  // an action of a newer lyssna
    entries.push_back(
        {{"at", time_view(e.at)},
         {"actor", e.actor.empty() ? ws_text(lang, "ws.audit.unknown_name") : e.actor},
         {"action_label", label},
         {"action_class",
          e.action == "login_failed" || e.action == "account_locked" ? "failed" : ""},
         {"target", e.target},
         {"detail", e.detail}});
  }
  v["entries"] = entries;
  v["has_entries"] = !entries.empty();
  const int64_t pages = std::max<int64_t>(1, (log.total + audit_page_size - 1) / audit_page_size);
  if (pages > 1) {
    json paging = {
        {"label", ws_text(lang, "ws.audit.page",
                          {{"page", std::to_string(page)}, {"pages", std::to_string(pages)}})}};
    if (page > 1) paging["newer"] = "/workspace/admin/audit?page=" + std::to_string(page - 1);
    if (page < pages) paging["older"] = "/workspace/admin/audit?page=" + std::to_string(page + 1);
    v["paging"] = paging;
  }
  send_html(w.res, 200, render::get_template("ws_audit").render(v), Audience::workspace);
}

}  // namespace

void register_workspace_admin_routes(WorkspaceRoutes& routes) {
  WorkspaceRoutes* r = &routes;
  routes.page("/workspace/admin/users", app::Permission::administer, [r](WorkspaceRequest& w) {
    UsersForm form;
    const std::string done = w.req.get_param_value("done");
    if (done == "created" || done == "disabled" || done == "enabled" || done == "unlocked" ||
        done == "role_changed" || done == "password_reset")
      form.notice = "ws.users.done_" + done;
    send_users_page(*r, w, 200, form);
  });
  routes.action("/workspace/admin/users", app::Permission::administer,
                [r](WorkspaceRequest& w) { add_user(*r, w); });
  routes.action("/workspace/admin/users/role", app::Permission::administer,
                [r](WorkspaceRequest& w) { change_role(*r, w); });
  routes.action("/workspace/admin/users/password", app::Permission::administer,
                [r](WorkspaceRequest& w) { reset_password(*r, w); });
  routes.action("/workspace/admin/users/([0-9]{1,18})/(disable|enable|unlock)",
                app::Permission::administer, [r](WorkspaceRequest& w) { change_user(*r, w); });
  routes.page("/workspace/admin/audit", app::Permission::administer,
              [r](WorkspaceRequest& w) { show_audit(w, *r); });
}

}  // namespace lyssna::http
