// Entry point of `lyssna`: global options, dispatch to a subcommand, and the
// one place where errors become messages and exit codes.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "app/failure.hpp"
#include "cli/commands.hpp"
#include "util/errors.hpp"
#include "util/version.hpp"

namespace {

using namespace lyssna;
using namespace lyssna::cli;

std::vector<Command> all_commands() {
  std::vector<Command> all;
  for (auto group :
       {serve_commands, survey_commands, import_commands, export_commands, demo_commands,
        codes_commands, analysis_commands, user_commands, audit_commands, margins_commands,
        promise_commands, token_commands, sync_commands, session_commands}) {
    for (auto& c : group()) all.push_back(std::move(c));
  }
  return all;
}

void print_overview(const std::vector<Command>& commands) {
  std::printf(
      "usage: lyssna [--db PATH] <command> [options]\n\n"
      "Lyssna collects answers to safety surveys and dialogues and keeps them in one\n"
      "SQLite file (default lyssna.db in the working directory).\n\ncommands:\n");
  for (const auto& c : commands)
    std::printf("  %-18s %s\n", c.spec.name.c_str(), c.spec.summary.c_str());
  std::printf(
      "\n'lyssna <command> --help' describes a command. 'lyssna --version' prints the version.\n"
      "Exit status: 0 done, 1 failed (not found, conflict, storage), 2 wrong input or usage,\n"
      "3 import or sync with some lines refused.\n");
}

// "lyssna survey load: the definition breaks 2 rules: ..." and, for input
// that broke several rules, each on a line of its own. A field that is one
// of the command's options is named as the option.
void report_failure(const Command& command, const app::Failure& f) {
  std::string where;
  for (const auto& option : command.spec.options) {
    if (!f.field.empty() && option.name == "--" + f.field) where = " (" + option.name + ")";
  }
  std::fprintf(stderr, "lyssna %s: %s%s\n", command.spec.name.c_str(), f.message.c_str(),
               where.c_str());
  if (f.problems.size() > 1) {
    for (const auto& [field, message] : f.problems)
      std::fprintf(stderr, "  - %s\n", message.c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  Context context;
  // --db is global and may stand before or after the command's name.
  for (size_t i = 0; i < args.size();) {
    if (args[i] == "--db" && i + 1 < args.size()) {
      context.db_path = args[i + 1];
      args.erase(args.begin() + static_cast<long>(i), args.begin() + static_cast<long>(i) + 2);
    } else if (args[i].rfind("--db=", 0) == 0) {
      context.db_path = args[i].substr(5);
      args.erase(args.begin() + static_cast<long>(i));
    } else if (args[i] == "--db") {
      std::fprintf(stderr, "lyssna: --db needs a value (PATH)\n");
      return exit_usage;
    } else {
      ++i;
    }
  }
  const auto commands = all_commands();
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    if (args.size() < 2) {
      print_overview(commands);
      return args.empty() ? exit_usage : exit_ok;
    }
    args.erase(args.begin());
    args.push_back("--help");
  }
  if (args[0] == "--version" || args[0] == "version") {
    std::printf("lyssna %s\n", lyssna::version);
    return exit_ok;
  }
  // Find the longest command name matching the leading words ("survey new").
  const Command* chosen = nullptr;
  size_t words = 0;
  for (const auto& c : commands) {
    auto parts = c.spec.name;
    size_t n = 1 + static_cast<size_t>(std::count(parts.begin(), parts.end(), ' '));
    if (n > args.size() || n < words) continue;
    std::string joined = args[0];
    for (size_t i = 1; i < n; ++i) joined += " " + args[i];
    if (joined == c.spec.name) {
      chosen = &c;
      words = n;
    }
  }
  if (!chosen) {
    // A group name alone ("lyssna survey") lists its subcommands.
    bool group = false;
    for (const auto& c : commands) {
      if (c.spec.name.rfind(args[0] + " ", 0) == 0) {
        if (!group)
          std::printf("usage: lyssna %s <subcommand> [options]\n\nsubcommands:\n", args[0].c_str());
        group = true;
        std::printf("  %-18s %s\n", c.spec.name.c_str(), c.spec.summary.c_str());
      }
    }
    if (group) return args.size() > 1 && args[1] != "--help" ? exit_usage : exit_ok;
    std::fprintf(stderr, "lyssna: unknown command '%s' (see 'lyssna --help')\n", args[0].c_str());
    return exit_usage;
  }
  args.erase(args.begin(), args.begin() + static_cast<long>(words));
  try {
    ParsedArgs parsed = parse_args(chosen->spec, args);
    if (parsed.help) {
      std::fputs(help_text(chosen->spec).c_str(), stdout);
      return exit_ok;
    }
    return chosen->run(context, parsed);
  } catch (...) {
    const app::Failure failure = app::failure_of(std::current_exception());
    report_failure(*chosen, failure);
    return exit_code_of(failure.outcome);
  }
}
