// `lyssna audit list`: the audit log, newest first (the same as the
// workspace's /workspace/admin/audit).
#include <cstdio>

#include <nlohmann/json.hpp>

#include "app/audit.hpp"
#include "app/services.hpp"
#include "cli/commands.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"
#include "util/terminal_text.hpp"

namespace lyssna::cli {
namespace {

using nlohmann::json;

int run_audit_list(const Context& c, const ParsedArgs& a) {
  app::Services services({c.db_path});
  const int64_t limit = a.number("--limit", 1, 1000).value_or(50);
  const int64_t offset = a.number("--offset", 0, 1000000000).value_or(0);
  const auto page = app::list_audit(services, limit, offset);
  const std::string format = a.value_or("--format", "table");
  if (format == "json") {
    json out = json::array();
    for (const auto& e : page.entries) {
      out.push_back({{"at", clock::format_rfc3339(e.at)},
                     {"actor", e.actor},
                     {"action", e.action},
                     {"target", e.target},
                     {"detail", e.detail}});
    }
    std::printf("%s\n", json({{"total", page.total}, {"entries", out}}).dump(2).c_str());
    return exit_ok;
  }
  if (format != "table") throw BadInput("--format must be table or json", "--format");
  if (page.entries.empty()) {
    std::printf("the audit log of %s holds %lld entries; none here\n", c.db_path.c_str(),
                static_cast<long long>(page.total));
    return exit_ok;
  }
  for (const auto& e : page.entries) {
    std::printf("%s  %-18s %s  %s%s%s\n", clock::format_rfc3339(e.at).c_str(), e.action.c_str(),
                e.actor.empty() ? "(unknown name)" : text::for_terminal(e.actor).c_str(),
                text::for_terminal(e.target).c_str(), e.detail.empty() ? "" : "  ",
                text::for_terminal(e.detail).c_str());
  }
  if (page.total > offset + static_cast<int64_t>(page.entries.size())) {
    std::printf("(%lld of %lld; --offset %lld for older ones)\n",
                static_cast<long long>(page.entries.size()), static_cast<long long>(page.total),
                static_cast<long long>(offset + static_cast<int64_t>(page.entries.size())));
  }
  return exit_ok;
}

}  // namespace

std::vector<Command> audit_commands() {
  return {{{"audit list",
            "lyssna audit list [--limit N] [--offset N] [--format table|json]",
            "the audit log: logins, failures, logouts, changes of users, newest first",
            "No entry holds a resident's free text, a password or a session id; a failed\n"
            "login with a name that is no user's is recorded without the name.",
            {{"--limit", "N", "entries to show, 1 to 1000 (default: 50)"},
             {"--offset", "N", "newest entries to skip (default: 0)"},
             {"--format", "FORMAT", "table (default) or json"}},
            0,
            0},
           run_audit_list}};
}

}  // namespace lyssna::cli
