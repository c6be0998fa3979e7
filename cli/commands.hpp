// The subcommands of `lyssna`, one file each (command_<name>.cpp).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "cli/args.hpp"
#include "cli/exit_codes.hpp"

namespace lyssna::cli {

struct Context {
  std::string db_path = "lyssna.db";
};

struct Command {
  CommandSpec spec;
  std::function<int(const Context&, const ParsedArgs&)> run;
};

std::vector<Command> serve_commands();
std::vector<Command> survey_commands();
std::vector<Command> import_commands();
std::vector<Command> export_commands();
std::vector<Command> demo_commands();
std::vector<Command> codes_commands();
std::vector<Command> analysis_commands();
std::vector<Command> user_commands();
std::vector<Command> audit_commands();
std::vector<Command> margins_commands();
std::vector<Command> promise_commands();
std::vector<Command> token_commands();
std::vector<Command> sync_commands();
std::vector<Command> session_commands();

}  // namespace lyssna::cli
