// `lyssna token new|revoke|list`: the central server's sync tokens, one per
// laptop (app/sync_tokens.hpp). A new token is printed once and only its
// digest kept; each change is audited as done by "cli:<unix user>".
#include <cstdio>

#include <nlohmann/json.hpp>

#include "app/sync_tokens.hpp"
#include "cli/actor.hpp"
#include "cli/commands.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"

namespace lyssna::cli {
namespace {

using nlohmann::json;

std::string token_time(const std::optional<int64_t>& t) {
  return t ? clock::format_rfc3339(*t) : "-";
}

int run_token_new(const Context& c, const ParsedArgs& a) {
  const auto name = a.value("--name");
  if (!name)
    throw BadInput("--name is required: the laptop's name, e.g. --name laptop-3", "--name");
  app::Services services({c.db_path});
  const std::string token = app::create_sync_token(services, command_line_actor(), *name);
  std::printf("%s\n", token.c_str());
  std::fprintf(stderr,
               "sync token for '%s': shown this once, only its digest is kept. On the laptop:\n"
               "  lyssna sync --to URL --token TOKEN\n",
               name->c_str());
  return exit_ok;
}

int run_token_revoke(const Context& c, const ParsedArgs& a) {
  app::Services services({c.db_path});
  app::revoke_sync_token(services, command_line_actor(), a.positionals[0]);
  std::printf("revoked the sync token of '%s': its syncs are refused from now on\n",
              a.positionals[0].c_str());
  return exit_ok;
}

int run_token_list(const Context& c, const ParsedArgs& a) {
  const std::string format = a.value_or("--format", "table");
  if (format != "table" && format != "json")
    throw BadInput("--format must be table or json", "--format");
  app::Services services({c.db_path});
  const auto tokens = app::list_sync_tokens(services);
  if (format == "json") {
    json list = json::array();
    for (const auto& t : tokens) {
      list.push_back({{"name", t.name},
                      {"created_at", clock::format_rfc3339(t.created_at)},
                      {"created_by", t.created_by},
                      {"last_used_at", t.last_used_at ? json(token_time(t.last_used_at)) : json()},
                      {"revoked_at", t.revoked_at ? json(token_time(t.revoked_at)) : json()}});
    }
    std::printf("%s\n", json{{"tokens", list}}.dump(2).c_str());
    return exit_ok;
  }
  std::printf("%-24s %-20s %-20s %-20s %s\n", "name", "created", "last used", "revoked",
              "created by");
  for (const auto& t : tokens) {
    std::printf("%-24s %-20s %-20s %-20s %s\n", t.name.c_str(),
                clock::format_rfc3339(t.created_at).c_str(), token_time(t.last_used_at).c_str(),
                token_time(t.revoked_at).c_str(), t.created_by.c_str());
  }
  return exit_ok;
}

}  // namespace

std::vector<Command> token_commands() {
  return {
      {{"token new",
        "lyssna token new --name LAPTOP",
        "make a sync token for a laptop and print it once (central server)",
        "The token goes to the laptop's `lyssna sync --to/--from URL --token TOKEN`. Only\n"
        "its SHA-256 digest is stored: a lost token cannot be shown again; revoke it and\n"
        "make a new one under another name. Audited (sync_token_changed).",
        {{"--name", "LAPTOP", "the laptop's name (letters, digits, '.', '_', '-'; unique)"}},
        0,
        0},
       run_token_new},
      {{"token revoke",
        "lyssna token revoke NAME",
        "revoke a laptop's sync token: its syncs get 401 from now on",
        "The name stays taken, so the audit log's entries keep meaning one laptop.",
        {},
        1,
        1},
       run_token_revoke},
      {{"token list",
        "lyssna token list [--format table|json]",
        "list sync tokens: name, created, last used, revoked",
        "",
        {{"--format", "FORMAT", "table (default) or json"}},
        0,
        0},
       run_token_list},
  };
}

}  // namespace lyssna::cli
