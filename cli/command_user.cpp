// `lyssna user add|passwd|disable|enable|unlock|list`: the workspace's
// accounts. Each change is recorded in the audit log as done by
// "cli:<unix user>"; the server in use sees it at the user's next request.
#include <pwd.h>
#include <unistd.h>

#include <cstdio>

#include <nlohmann/json.hpp>

#include "app/accounts.hpp"
#include "app/services.hpp"
#include "cli/actor.hpp"
#include "cli/commands.hpp"
#include "cli/password_input.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"
#include "util/terminal_text.hpp"
#include "util/text.hpp"

namespace lyssna::cli {
namespace {

using nlohmann::json;

// `text` (shown on a terminal) padded to `width` characters.
std::string padded(const std::string& text, size_t width) {
  std::string shown = text::for_terminal(text);
  const size_t length = text::code_points(shown);
  if (length < width) shown.append(width - length, ' ');
  return shown;
}

std::string status_of(const app::UserInfo& u) {
  return u.disabled ? "disabled" : u.locked ? "locked" : "active";
}

int run_add(const Context& c, const ParsedArgs& a) {
  const std::string name = app::check_user_name(a.positionals[0]);
  const auto role_text = a.value("--role");
  if (!role_text)
    throw BadInput("--role is required: admin, analyst, facilitator or viewer", "--role");
  const auto role = app::parse_role(*role_text);
  if (!role) throw BadInput("--role must be admin, analyst, facilitator or viewer", "--role");
  // Checked before the password is asked for: no typing for a name that is taken.
  app::Services services({c.db_path});
  const std::string password = read_new_password("'" + text::for_terminal(name) + "'");
  const auto added = app::add_user(services, command_line_actor(), name, *role, password);
  std::printf("added user '%s' with role %s (%s)\n", text::for_terminal(added.name).c_str(),
              std::string(app::role_name(added.role)).c_str(), c.db_path.c_str());
  return exit_ok;
}

int run_passwd(const Context& c, const ParsedArgs& a) {
  app::Services services({c.db_path});
  const int64_t id = app::user_id(services, a.positionals[0]);
  const std::string shown = text::for_terminal(app::find_user(services, id).name);
  const std::string password = read_new_password("'" + shown + "'");
  app::change_password(services, command_line_actor(), id, password);
  std::printf("new password for '%s'; their sessions have ended\n", shown.c_str());
  return exit_ok;
}

int run_disable(const Context& c, const ParsedArgs& a, bool disabled) {
  app::Services services({c.db_path});
  const int64_t id = app::user_id(services, a.positionals[0]);
  app::set_user_disabled(services, command_line_actor(), id, disabled);
  const std::string shown = text::for_terminal(app::find_user(services, id).name);
  std::printf(disabled ? "disabled '%s'; their sessions have ended\n" : "enabled '%s'\n",
              shown.c_str());
  return exit_ok;
}

int run_unlock(const Context& c, const ParsedArgs& a) {
  app::Services services({c.db_path});
  const int64_t id = app::user_id(services, a.positionals[0]);
  app::unlock_user(services, command_line_actor(), id);
  std::printf("unlocked '%s': failed logins forgotten\n",
              text::for_terminal(app::find_user(services, id).name).c_str());
  return exit_ok;
}

int run_list(const Context& c, const ParsedArgs& a) {
  app::Services services({c.db_path});
  const auto users = app::list_users(services);
  const std::string format = a.value_or("--format", "table");
  if (format == "json") {
    json out = json::array();
    for (const auto& u : users) {
      out.push_back({{"name", u.name},
                     {"role", app::role_name(u.role)},
                     {"status", status_of(u)},
                     {"failed_logins", u.failed_logins},
                     {"last_login_at",
                      u.last_login_at ? json(clock::format_rfc3339(*u.last_login_at)) : json()},
                     {"created_at", clock::format_rfc3339(u.created_at)}});
    }
    std::printf("%s\n", out.dump(2).c_str());
    return exit_ok;
  }
  if (format != "table") throw BadInput("--format must be table or json", "--format");
  if (users.empty()) {
    std::printf("no users in %s (add the first admin with 'lyssna user add NAME --role admin')\n",
                c.db_path.c_str());
    return exit_ok;
  }
  std::printf("%s %-12s %-9s %s\n", padded("name", 24).c_str(), "role", "status", "last login");
  for (const auto& u : users) {
    std::printf("%s %-12s %-9s %s\n", padded(u.name, 24).c_str(),
                std::string(app::role_name(u.role)).c_str(), status_of(u).c_str(),
                u.last_login_at ? clock::format_rfc3339(*u.last_login_at).c_str() : "never");
  }
  return exit_ok;
}

const char* const password_details =
    "The password is never taken from the command line: on a terminal it is asked\n"
    "twice without echo, otherwise it is the first line of stdin, e.g.\n"
    "  printf '%s\\n' \"$PASSWORD\" | lyssna user add anna --role analyst\n"
    "At least 12 characters; stored only as an Argon2id hash.";

}  // namespace

std::vector<Command> user_commands() {
  return {
      {{"user add",
        "lyssna user add NAME --role admin|analyst|facilitator|viewer",
        "add a workspace user (the password from a terminal prompt or stdin)",
        std::string("Roles: admin (users, surveys, settings, the audit log; and all an analyst\n"
                    "may), analyst (results with free text, coding, priorities), facilitator\n"
                    "(their own dialogue sessions), viewer (aggregates only, never free text).\n") +
            password_details,
        {{"--role", "ROLE", "admin, analyst, facilitator or viewer"}},
        1,
        1},
       run_add},
      {{"user passwd",
        "lyssna user passwd NAME",
        "set a user's password (the user's sessions end)",
        password_details,
        {},
        1,
        1},
       run_passwd},
      {{"user disable",
        "lyssna user disable NAME",
        "stop a user from logging in (their sessions end; the last admin stays)",
        "",
        {},
        1,
        1},
       [](const Context& c, const ParsedArgs& a) { return run_disable(c, a, true); }},
      {{"user enable", "lyssna user enable NAME", "let a disabled user log in again", "", {}, 1, 1},
       [](const Context& c, const ParsedArgs& a) { return run_disable(c, a, false); }},
      {{"user unlock",
        "lyssna user unlock NAME",
        "lift the lock after too many failed logins",
        "",
        {},
        1,
        1},
       run_unlock},
      {{"user list",
        "lyssna user list [--format table|json]",
        "list the workspace's users with role and status",
        "",
        {{"--format", "FORMAT", "table (default) or json"}},
        0,
        0},
       run_list},
  };
}

}  // namespace lyssna::cli
