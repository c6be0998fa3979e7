// The workspace's start page. Route:
//   GET /workspace[?lang=sv|en]   who is signed in, their role and what it
//                                 opens; every role (a visitor not signed
//                                 in: 303 to the login page)
#include "app/access.hpp"
#include "http/responses.hpp"
#include "http/workspace_guard.hpp"
#include "http/workspace_view.hpp"
#include "render/template_engine.hpp"
#include "util/clock.hpp"

namespace lyssna::http {

void register_workspace_home_routes(WorkspaceRoutes& routes) {
  WorkspaceRoutes* r = &routes;
  routes.page("/workspace", app::Permission::workspace, [r](WorkspaceRequest& w) {
    const std::string& lang = w.lang();
    const app::Session& s = w.session;
    nlohmann::json v = workspace_view(lang, ws_text(lang, "ws.home.title"), &s, "/workspace");
    v["role_text"] = ws_text(lang, "ws.home.role", {{"role", role_label(lang, s.staff.role)}});
    v["role_description"] =
        ws_text(lang, "ws.role_desc." + std::string(app::role_name(s.staff.role)));
    const auto& policy = r->app().login_gate().sessions();
    const auto ends = time_view(s.created_at + policy.absolute_seconds);
    v["session_text"] =
        ws_text(lang, "ws.home.session",
                {{"minutes", std::to_string(std::max<int64_t>(1, policy.idle_seconds / 60))},
                 {"time", ends["text"].get<std::string>()}});
    nlohmann::json links = nlohmann::json::array();
    if (s.access().may(app::Permission::administer)) {
      links.push_back({{"href", "/workspace/admin/users"},
                       {"label", ws_text(lang, "ws.nav.users")},
                       {"description", ws_text(lang, "ws.home.users_desc")}});
      links.push_back({{"href", "/workspace/admin/audit"},
                       {"label", ws_text(lang, "ws.nav.audit")},
                       {"description", ws_text(lang, "ws.home.audit_desc")}});
    }
    // A facilitator's work is their dialogues: the start page leads there.
    v["may_dialogues"] = s.access().may(app::Permission::own_dialogues);
    v["admin_links"] = links;
    v["has_admin_links"] = !links.empty();
    send_html(w.res, 200, render::get_template("ws_home").render(v), Audience::workspace);
  });
}

}  // namespace lyssna::http
