// A small declarative command-line parser: each subcommand lists its options
// once, and the same list produces both the parsing and its --help text.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace lyssna::cli {

struct OptionSpec {
  std::string name;        // "--port"
  std::string value_name;  // "N"; empty for a flag
  std::string help;
};

struct CommandSpec {
  std::string name;     // "serve", or "survey new"
  std::string usage;    // "lyssna serve [options]"
  std::string summary;  // one line for the command list
  std::string details;  // paragraphs after the usage line
  std::vector<OptionSpec> options;
  size_t min_positionals = 0;
  size_t max_positionals = 0;
};

class ParsedArgs {
 public:
  bool help = false;
  std::vector<std::string> positionals;

  bool flag(const std::string& name) const { return flags_.count(name) > 0; }
  std::optional<std::string> value(const std::string& name) const;
  std::string value_or(const std::string& name, const std::string& fallback) const;
  // The option's value as a whole number in [min, max]; throws BadInput naming the option.
  std::optional<long long> number(const std::string& name, long long min, long long max) const;

 private:
  friend ParsedArgs parse_args(const CommandSpec&, const std::vector<std::string>&);
  std::map<std::string, std::string> values_;
  std::set<std::string> flags_;
};

// Accepts "--name value" and "--name=value". Throws BadInput (field = the
// option) for an unknown option, a missing value or a wrong positional count.
ParsedArgs parse_args(const CommandSpec& spec, const std::vector<std::string>& args);
std::string help_text(const CommandSpec& spec);

}  // namespace lyssna::cli
