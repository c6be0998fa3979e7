// `lyssna session`: dialogue sessions from the command line, for a laptop
// set up without the workspace's pages and for scripts and tests. The
// workspace's session pages do the same for a signed-in facilitator.
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/accounts.hpp"
#include "app/dialogues.hpp"
#include "cli/commands.hpp"
#include "util/errors.hpp"
#include "util/terminal_text.hpp"

namespace lyssna::cli {
namespace {

// The facilitator named by --owner (their sessions are theirs in the
// workspace), else the command line, which owns none and sees all.
app::Access session_access(app::Services& services, const ParsedArgs& a) {
  auto owner = a.value("--owner");
  if (!owner) return app::Access::script();
  const auto user = app::find_user(services, app::user_id(services, *owner));
  return app::Access::signed_in({user.id, user.name, user.role});
}

std::vector<std::string> split_languages(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  for (std::string l; std::getline(in, l, ',');)
    if (!l.empty()) out.push_back(l);
  return out;
}

int run_session_new(const Context& c, const ParsedArgs& a) {
  app::Services services({c.db_path});
  app::SessionInput in;
  auto required = [&](const char* name) {
    auto v = a.value(name);
    if (!v) throw BadInput(std::string(name) + " is required", name);
    return *v;
  };
  in.survey = required("--survey");
  in.place = required("--place");
  in.held_on = required("--date");
  in.format = a.value_or("--format", "meeting");
  in.facilitator = required("--facilitator");
  if (auto area = a.value("--area")) in.area = *area;
  in.languages = split_languages(a.value_or("--languages", "sv"));
  const auto s = app::create_session(services, session_access(services, a), in);
  std::printf("%s\n", s.id().c_str());
  std::fprintf(stderr, "session '%s' is open; phones join with the code %s\n",
               text::for_terminal(s.id()).c_str(), s.join_code.value_or("").c_str());
  return exit_ok;
}

int run_session_list(const Context& c, const ParsedArgs& a) {
  app::Services services({c.db_path});
  const auto sessions = app::list_sessions(services, session_access(services, a));
  if (a.value_or("--format", "table") == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : sessions) {
      out.push_back({{"id", s.id()},
                     {"survey", s.line.survey},
                     {"place", s.line.place},
                     {"held_on", s.line.held_on},
                     {"format", s.line.format},
                     {"status", s.line.status},
                     {"languages", s.line.languages},
                     {"join_code", s.join_code ? nlohmann::json(*s.join_code) : nlohmann::json()},
                     {"records", s.counts.records},
                     {"notes", s.counts.notes},
                     {"votes", s.counts.votes}});
    }
    std::printf("%s\n", out.dump(2).c_str());
    return exit_ok;
  }
  for (const auto& s : sessions) {
    std::printf("%s  %s  %s  %s  %s  records %lld, notes %lld\n",
                text::for_terminal(s.id()).c_str(), s.line.held_on.c_str(),
                text::for_terminal(s.line.survey).c_str(), s.line.status.c_str(),
                text::for_terminal(s.line.place).c_str(), static_cast<long long>(s.counts.records),
                static_cast<long long>(s.counts.notes));
  }
  return exit_ok;
}

}  // namespace

std::vector<Command> session_commands() {
  return {
      {{"session new",
        "lyssna session new --survey ID --place TEXT --date YYYY-MM-DD --facilitator NAME "
        "[options]",
        "start a dialogue session (open at once) and print its id",
        "Everything collected in the session carries its id and channel dialogue or\n"
        "kiosk. With --owner, the session belongs to that workspace user (a facilitator\n"
        "sees only their own); without it, to no one (admins see every session).",
        {{"--survey", "ID", "the survey the session is held for"},
         {"--place", "TEXT", "where it is held (\"Jordbro bibliotek\")"},
         {"--date", "YYYY-MM-DD", "the day it is held"},
         {"--format", "F", "meeting (default), street, walk or kiosk"},
         {"--facilitator", "NAME", "the name the summary and the export carry"},
         {"--area", "AREA", "one of the survey's areas"},
         {"--languages", "LL,LL", "of the survey's; the first is the session's own (default sv)"},
         {"--owner", "USER", "the workspace user whose session it is"}},
        0,
        0},
       run_session_new},
      {{"session list",
        "lyssna session list [--owner USER] [--format table|json]",
        "list dialogue sessions, newest first, with their counts",
        "With --owner, only that user's sessions (as the workspace shows them).",
        {{"--owner", "USER", "only this workspace user's sessions"},
         {"--format", "F", "table (default) or json"}},
        0,
        0},
       run_session_list}};
}

}  // namespace lyssna::cli
