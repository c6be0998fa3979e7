// The subcommands of `lyssna`, one file each (command_<name>.cpp).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "cli/args.hpp"

namespace lyssna::cli {

struct Context {
  std::string db_path = "lyssna.db";
};

struct Command {
  CommandSpec spec;
  std::function<int(const Context&, const ParsedArgs&)> run;
};

// Exit codes shared by every command.
inline constexpr int exit_ok = 0;
inline constexpr int exit_error = 1;
inline constexpr int exit_usage = 2;
inline constexpr int exit_partial = 3;  // import: some records were refused

std::vector<Command> serve_commands();
std::vector<Command> survey_commands();
std::vector<Command> import_commands();
std::vector<Command> export_commands();
std::vector<Command> demo_commands();
std::vector<Command> codes_commands();
std::vector<Command> analysis_commands();

}  // namespace lyssna::cli
